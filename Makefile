# spotsim — common tasks. `make quickstart` sets up a fresh Debian machine and runs the
# quickstart scenario; `make test` runs the test suite.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN := .build/release/spotsim
# Where scenarios that replay traces find them (see the README): $SPOTSIM_DATA, else the
# shared data folder beside the repository.
DATA_DIR ?= $(or $(SPOTSIM_DATA),../shared/data/traces)

.PHONY: deps test-deps build release quickstart test integration benchmark notebooks clean

## deps: install the system libraries spotsim needs (GSL) when they are missing.
deps:
	@if pkg-config --exists gsl 2>/dev/null; then \
		echo "GSL $$(pkg-config --modversion gsl) found"; \
	else \
		echo "installing libgsl-dev and pkg-config"; \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q libgsl-dev pkg-config; \
	fi

## build: debug build.
build: deps
	$(SWIFT) build

## release: optimised build of the spotsim tool.
release: deps
	$(SWIFT) build -c release --product spotsim

## quickstart: set up, build, and run the quickstart scenario.
quickstart: release
	$(RELEASE_BIN) run scenarios/quickstart.yaml

## test-deps: install what the integration tests need when missing: Slurm and munge (apt),
## kubernetes-validate (pip, which brings PyYAML).
test-deps:
	@if [ "$$(dpkg-query -W -f='$${Status}\n' slurm-wlm munge 2>/dev/null | grep -c 'install ok installed')" = 2 ]; then \
		echo "slurm-wlm $$(dpkg-query -W -f='$${Version}' slurm-wlm) and munge found"; \
	else \
		echo "installing slurm-wlm and munge"; \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends slurm-wlm munge; \
	fi
	@if command -v kubernetes-validate >/dev/null 2>&1; then \
		echo "kubernetes-validate $$(kubernetes-validate --version 2>&1) found"; \
	else \
		echo "installing kubernetes-validate"; \
		if ! python3 -m pip --version >/dev/null 2>&1; then \
			$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 python3-pip; \
		fi; \
		python3 -m pip install -q kubernetes-validate \
			|| python3 -m pip install -q --break-system-packages kubernetes-validate; \
		command -v kubernetes-validate >/dev/null 2>&1 \
			|| { echo "kubernetes-validate was installed but is not on PATH (add pip's script directory, e.g. ~/.local/bin)"; exit 1; }; \
	fi

## The integration tests, given a spotsim binary: a real Slurm round trip on loopback (as
## root: slurmd runs jobs as their owner) and the Kubernetes manifests validated and played.
run-integration = $(SUDO) Tests/Integration/slurm-roundtrip.sh $(1) && Tests/Integration/kubernetes-validate.sh $(1)

## test: run every test (release build with testing enabled; the Daly reference test runs
## 600 000 replications and is slow in a debug build), then the integration tests with the
## spotsim that build made (no second build).
test: deps test-deps
	$(SWIFT) test -c release -Xswiftc -enable-testing
	$(call run-integration,$(RELEASE_BIN))

## integration: build the release binary and run the integration tests (Tests/Integration/).
integration: release test-deps
	$(call run-integration,$(RELEASE_BIN))

## benchmark: engine throughput on daly-check.yaml (events/s, replications/s).
benchmark: deps
	cd Benchmarks && $(SWIFT) run -c release spotsim-benchmarks

## notebooks: rebuild the reports in notebooks-output/ for the shipped scenarios (traces
## from DATA_DIR).
notebooks: release
	@for scenario in scenarios/*.yaml; do \
		name=$$(basename $$scenario .yaml); \
		echo "notebooks-output/$$name.{txt,json,csv}"; \
		$(RELEASE_BIN) run $$scenario --data-dir $(DATA_DIR) --format table --output notebooks-output/$$name.txt && \
		$(RELEASE_BIN) run $$scenario --data-dir $(DATA_DIR) --format json --output notebooks-output/$$name.json && \
		$(RELEASE_BIN) run $$scenario --data-dir $(DATA_DIR) --format csv --output notebooks-output/$$name.csv || exit 1; \
	done

clean:
	rm -rf .build Benchmarks/.build
