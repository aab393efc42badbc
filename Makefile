# The one entry point. Longer shell lives in scripts/ (set -euo pipefail).
SHELL := /bin/bash
.DEFAULT_GOAL := help

.PHONY: help run test build deps services-up services-down services-status lint format doctor \
        bench bench-redis bench-queue bench-cache bench-http bench-maxctl bench-console fuzz chaos clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-16s %s\n", $$1, $$2}'

run: ## Install what is missing, build, start local Redis and Postgres (unless configured), run the product
	@scripts/run.sh

test: ## Run every package's tests and the system tests against real services; one summary line each
	@scripts/test.sh

build: ## Release binaries of the apps into bin/
	@scripts/build.sh

deps: ## Install the system packages (apt) the build and tests need
	@scripts/install-deps.sh

services-up: ## Start private redis-server and postgres on loopback; writes .run/env
	@scripts/services.sh up

services-down: ## Stop what services-up started
	@scripts/services.sh down

services-status: ## Show the private services
	@scripts/services.sh status

lint: ## swift format lint --strict over every Swift file
	@scripts/format.sh lint

format: ## swift format in place
	@scripts/format.sh format

doctor: build ## Check the toolchain and the services (maxctl doctor)
	@scripts/with-services.sh bin/maxctl doctor

bench: bench-redis bench-queue bench-cache bench-http bench-maxctl bench-console ## Every benchmark (see docs/BENCHMARKS.md)

bench-redis: ## Our Redis client against redis-benchmark
	@scripts/install-deps.sh --bench
	@scripts/bench-redis.sh

bench-queue: ## Our queue engine against Python bullmq
	@scripts/install-deps.sh --bench
	@scripts/bench-queue.sh

bench-cache: ## AIModelCache against a Dictionary + linked list + NSLock baseline
	@scripts/install-deps.sh --bench
	@scripts/bench-cache.sh

bench-http: ## HTTPServe against nginx with wrk
	@scripts/install-deps.sh --bench
	@scripts/bench-http.sh

bench-maxctl: ## maxctl queues over 100 busy queues (hyperfine)
	@scripts/install-deps.sh --bench
	@scripts/bench-maxctl.sh

bench-console: ## The console with 100 queues and full history: page weight, overview request, first render (Chromium)
	@scripts/install-deps.sh
	@scripts/bench-console.sh

fuzz: ## libFuzzer on the HTTP parser (FUZZ_SECONDS, default 600)
	@scripts/fuzz-http.sh

chaos: ## The chaos suite
	@scripts/chaos.sh

clean: ## Remove build output
	rm -rf bin .run/build Packages/*/.build* Apps/*/.build* Tests/.build*
