# Reliability (issue 9): valgrind memcheck of the C tests, libFuzzer targets
# for every C parser (short smoke in `make test`, longer in `make fuzz`),
# Go fuzz smoke, leak and churn tests.
DEPS_PKGS += valgrind clang libclang-rt-14-dev
TEST_TARGETS += valgrind fuzz-smoke gofuzz-smoke reliability-go reliability-unpriv

FUZZ_CC ?= clang
FUZZ_TIME ?= 8
FUZZ_LONG ?= 120
FUZZ_OUT ?= $(BUILD)-fuzz
FUZZ_SRCS := csrc/common.c $(filter-out %_netlink.c,$(wildcard csrc/posix*.c csrc/linux*.c))
FUZZ_TARGETS := $(patsubst csrc/fuzz/fuzz-%.c,%,$(wildcard csrc/fuzz/fuzz-*.c))

.PHONY: reliability-unpriv valgrind fuzz fuzz-smoke fuzz-build gofuzz-smoke reliability-go

# Every C test program under valgrind memcheck: zero errors, zero leaks.
# (valgrind 3.19 does not know pidfd_open, syscall 434; the code then falls
# back to polling, and those warnings are filtered.)
valgrind:
	cmake -S . -B $(BUILD)-vg -DCMAKE_BUILD_TYPE=Debug -DPSU_BUILD_SHARED=OFF >/dev/null
	cmake --build $(BUILD)-vg -j2 >/dev/null
	@set -e; n=0; for t in $(BUILD)-vg/test-*; do \
	  [ -x "$$t" ] || continue; \
	  valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect \
	    --errors-for-leak-kinds=definite,indirect "$$t" >/dev/null 2>"$$t.vg.log" || \
	    { grep -v 'syscall: 434\|README_MISSING\|write your own handler\|consider this a bug\|valgrind.org/support' "$$t.vg.log"; exit 1; }; \
	  n=$$((n+1)); \
	done; echo "valgrind: $$n C test programs, 0 errors, 0 leaks"

fuzz-build:
	@mkdir -p $(FUZZ_OUT)
	@set -e; for t in $(FUZZ_TARGETS); do \
	  $(FUZZ_CC) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	    -Icsrc -o $(FUZZ_OUT)/fuzz-$$t csrc/fuzz/fuzz-$$t.c $(FUZZ_SRCS) -lpthread; \
	done

# Each target runs FUZZ_TIME seconds from its seed corpus in testdata/fuzz/.
fuzz-smoke: fuzz-build
	@set -e -o pipefail; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_OUT)/corpus-$$t; \
	  $(FUZZ_OUT)/fuzz-$$t -max_total_time=$(FUZZ_TIME) -max_len=65536 -artifact_prefix=$(FUZZ_OUT)/crash-$$t-  -print_final_stats=1 \
	    $(FUZZ_OUT)/corpus-$$t testdata/fuzz/$$t 2>&1 | \
	    awk -v t=$$t '/stat::number_of_executed_units/ {print "fuzz " t ": " $$2 " execs"} /ERROR|SUMMARY/ {print; bad=1} END {exit bad}'; \
	done

fuzz:
	$(MAKE) fuzz-smoke FUZZ_TIME=$(FUZZ_LONG)

# Go fuzz targets over the Go-facing parsers, a few seconds each.
GO_FUZZ := $(shell grep -ho '^func Fuzz[A-Za-z0-9_]*' *_test.go 2>/dev/null | sed 's/func //')
gofuzz-smoke:
	@set -e; for f in $(GO_FUZZ); do \
	  ok=0; for try in 1 2; do \
	    if $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 4s -parallel 1 . >/tmp/psutil-gofuzz.log 2>&1; then ok=1; break; fi; \
	    tail -20 /tmp/psutil-gofuzz.log; \
	    if [ -n "$$(git status --porcelain testdata/fuzz/$$f 2>/dev/null)" ]; then echo "go fuzz $$f: found a failing input (testdata/fuzz/$$f)"; exit 1; fi; \
	    echo "go fuzz $$f: failed without a failing input (fuzz worker trouble); retrying once"; \
	  done; \
	  [ $$ok = 1 ] || { echo "go fuzz $$f failed"; exit 1; }; \
	  echo "go fuzz $$f: ok"; \
	done

# Leak (C heap and RSS growth through cgo), churn and bad-input tests.
reliability-go:
	set -o pipefail; $(GO) test -race -count=1 -tags reliability -run 'Reliability' -v . 2>&1 | grep -vE '^=== (PAUSE|CONT)'

# The unprivileged contract: the same test binary as uid 65534. A skip here
# would hide the check, so it counts as a failure.
reliability-unpriv:
	$(GO) test -c -tags reliability -o /tmp/psutil-reliability.test .
	chmod 755 /tmp/psutil-reliability.test
	@if [ "$$(id -u)" = 0 ]; then \
	  set -o pipefail; cd /tmp && setpriv --reuid=65534 --regid=65534 --clear-groups \
	    ./psutil-reliability.test -test.run 'ReliabilityUnprivileged' -test.v 2>&1 | tee /tmp/psutil-unpriv.log | tail -5; \
	  if grep -q -- '--- SKIP' /tmp/psutil-unpriv.log; then echo "unprivileged test skipped: failing"; exit 1; fi; \
	else \
	  /tmp/psutil-reliability.test -test.run 'ReliabilityUnprivileged' -test.v | tail -5; \
	fi
