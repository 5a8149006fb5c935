# `make test` is the one test command (README.md, .ci/run). Topic targets
# live in mk/*.mk; each appends its own targets to TEST_TARGETS and its
# Debian packages to DEPS_PKGS.
SHELL := /bin/bash
GO ?= go
BUILD ?= build
TEST_TARGETS :=
DEPS_PKGS := cmake python3-psutil gcc make pkg-config procps

-include $(sort $(wildcard mk/*.mk))

.PHONY: test deps stamp gofmt govet gotest ctest csan nocgo vendor-check

test: deps stamp gofmt govet gotest ctest csan nocgo vendor-check $(TEST_TARGETS)
	@echo "make test: all targets passed"

deps:
	@scripts/deps.sh $(DEPS_PKGS)

# The Go build cache does not see csrc/ (only the cgo_*.c shims): keep the
# stamp constant in sync so a C change forces a C rebuild.
stamp:
	$(GO) run ./internal/csrcstamp/gen

gofmt:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

govet:
	$(GO) vet ./...

gotest:
	$(GO) test -race -count=1 ./...

ctest:
	cmake -S . -B $(BUILD) -DPSU_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j2
	cd $(BUILD) && ctest --output-on-failure

# The C tests again under AddressSanitizer + UBSan (Debug: -O0, while the
# ctest build above is -O2, whose extra warnings -Werror also catches).
csan:
	cmake -S . -B $(BUILD)-san -DPSU_SANITIZE=ON -DPSU_WERROR=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(BUILD)-san -j2
	cd $(BUILD)-san && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure

# CGO_ENABLED=0 must still build (every function returns ErrNotImplemented).
nocgo:
	CGO_ENABLED=0 $(GO) build ./...
	CGO_ENABLED=0 $(GO) vet ./...
	CGO_ENABLED=0 $(GO) test -count=1 ./...

# A consumer module that vendors us must build: csrc/ has to be kept.
vendor-check:
	scripts/vendor-check.sh
