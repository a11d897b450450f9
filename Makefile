# spotsim — common tasks. `make quickstart` sets up a fresh Debian machine and runs the
# quickstart scenario; `make test` runs the test suite.

SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
RELEASE_BIN := .build/release/spotsim
# Where scenarios that replay traces find them (see the README): $SPOTSIM_DATA, else the
# shared data folder beside the repository.
DATA_DIR ?= $(or $(SPOTSIM_DATA),../shared/data/traces)

.PHONY: deps build release quickstart test benchmark notebooks clean

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

## test: run every test (release build with testing enabled; the Daly reference test runs
## 600 000 replications and is slow in a debug build).
test: deps
	$(SWIFT) test -c release -Xswiftc -enable-testing

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
