# Process API (issue 3). `make gotest` already runs the process tests as
# the current user (all-pids contract, zombie/exited child, reused pid,
# hostile fixtures, 8-goroutine Processes race test). These targets add:
#  proc-unpriv  the all-pids contract again as uid 65534 (needs root for
#               setpriv; skipped with a message otherwise). ~15 s.
#  proc-oracle  every Process method vs Python psutil for pid 1, the test
#               process and a spawned child (go test -tags oracle). ~5 s.
#  proc-bench   the scan benchmarks against the C floor (not in make test).
PROC_TESTBIN := /tmp/psutil-proc-unpriv/psutil.test

DEPS_PKGS += util-linux python3-psutil

.PHONY: proc-unpriv proc-oracle proc-bench

proc-unpriv:
	@if [ "$$(id -u)" != 0 ]; then echo "proc-unpriv: skipped (needs root for setpriv; running as uid $$(id -u))"; exit 0; fi; \
	mkdir -p $(dir $(PROC_TESTBIN)) && chmod 755 $(dir $(PROC_TESTBIN)) && \
	$(GO) test -c -o $(PROC_TESTBIN) . && chmod 755 $(PROC_TESTBIN) && \
	cd / && setpriv --reuid=65534 --regid=65534 --clear-groups \
	  $(PROC_TESTBIN) -test.count=1 -test.v \
	  -test.run '^(TestProcessAllPidsContract|TestNewProcessInvalid|TestProcessZombie|TestProcessReusedPidNotSignalled)$$' \
	  | grep -E '^(--- |ok|PASS|FAIL)|uid 65534' ; \
	test $${PIPESTATUS[0]} -eq 0

proc-oracle:
	$(GO) test -tags oracle -count=1 -run '^TestOracleProcess$$' .

proc-bench:
	$(GO) test -run '^$$' -bench 'Scan|Proc' -benchmem -count=5 .

TEST_TARGETS += proc-unpriv proc-oracle
