# spotsim — common tasks. `make quickstart` sets up a fresh Debian machine and runs the
# quickstart scenario; `make test` runs the test suite.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN := .build/release/spotsim
# Where scenarios that replay traces find them (see the README): $SPOTSIM_DATA, else the
# shared data folder beside the repository.
DATA_DIR ?= $(or $(SPOTSIM_DATA),../shared/data/traces)

.PHONY: deps test-deps build release quickstart test integration benchmark fuzz reports screenshots clean

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
## kubernetes-validate (pip, which brings PyYAML), Chromium (apt; renders the reports).
test-deps:
	@if command -v $${CHROMIUM:-chromium} >/dev/null 2>&1; then \
		echo "$$($${CHROMIUM:-chromium} --version 2>/dev/null | head -n 1) found"; \
	else \
		echo "installing chromium"; \
		$(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; \
	fi
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
## root: slurmd runs jobs as their owner); the Kubernetes manifests validated and played;
## notebooks-output/ compared with what `make reports` makes with that binary; then every
## report in it rendered in headless Chromium (no console messages, no network, every chart
## drawn, every chart's CSV present).
run-integration = $(SUDO) Tests/Integration/slurm-roundtrip.sh $(1) && Tests/Integration/kubernetes-validate.sh $(1) \
	&& Tests/Integration/reports-current.sh $(1) && python3 Tests/Integration/render-reports.py notebooks-output/*/

## test: run every test (release build with testing enabled; the Daly reference test runs
## 600 000 replications and is slow in a debug build), then the integration tests with the
## spotsim that build made (no second build).
test: deps test-deps
	$(SWIFT) test -c release -Xswiftc -enable-testing
	$(call run-integration,$(RELEASE_BIN))

## integration: build the release binary and run the integration tests (Tests/Integration/).
integration: release test-deps
	$(call run-integration,$(RELEASE_BIN))

## benchmark: every benchmark (Benchmarks/README.md): engine events/s and replications/s on one
## thread, speed-up with all cores, peak memory as replications grow, time to answer
## multicloud-h100; writes Benchmarks/results.json and prints a table.
benchmark: deps
	cd Benchmarks && $(SWIFT) run -c release spotsim-benchmarks

## fuzz: build the libFuzzer target over scenario decoding and validation (Fuzz/, its own
## package, with AddressSanitizer) and run it for FUZZ_SECONDS (default 300); exits non-zero
## when it found a crash, a timeout or a memory blow-up (Fuzz/README.md). Not part of `test`.
FUZZ_SECONDS ?= 300
fuzz: deps
	Fuzz/run.sh $(FUZZ_SECONDS)

## reports: regenerate notebooks-output/<scenario>/ for every scenario in scenarios/: the HTML
## report with the CSV behind each chart, and the results as table, JSON and CSV. Traces come
## from DATA_DIR (given to spotsim as SPOTSIM_DATA, so the command each report shows is the
## same on every machine). SPOTSIM=path uses that binary instead of building one.
## Folders of scenarios that no longer exist are removed; the screenshots are kept.
SPOTSIM ?= $(RELEASE_BIN)
reports: $(if $(filter $(RELEASE_BIN),$(SPOTSIM)),release)
	@mkdir -p notebooks-output
	@for dir in notebooks-output/*/; do \
		[ -d "$$dir" ] || continue; \
		name=$$(basename "$$dir"); \
		[ -f "scenarios/$$name.yaml" ] || { echo "removing $$dir (no scenarios/$$name.yaml)"; rm -rf "$$dir"; }; \
	done
	@for scenario in scenarios/*.yaml; do \
		name=$$(basename $$scenario .yaml); \
		rm -rf notebooks-output/$$name && \
		SPOTSIM_DATA=$(DATA_DIR) $(SPOTSIM) report $$scenario --output notebooks-output/$$name || exit 1; \
	done

## screenshots: PNGs of two reports, beside them in notebooks-output/ (needs Chromium:
## `make test-deps` installs it).
SCREENSHOT_REPORTS := quickstart multicloud-h100
screenshots:
	python3 Tests/Integration/render-reports.py \
		$(foreach name,$(SCREENSHOT_REPORTS),--screenshot notebooks-output/$(name)=notebooks-output/$(name).png) \
		$(foreach name,$(SCREENSHOT_REPORTS),notebooks-output/$(name))

clean:
	rm -rf .build Benchmarks/.build Fuzz/.build-fuzz Fuzz/.build-fuzz-address
