# System API (issue 2): the oracle compares every system function with
# Python psutil on this machine (scripts/oracle_sys.py, oracle_sys_test.go;
# tolerances in README.md). It installs nothing itself: python3-psutil is
# in DEPS_PKGS. Cost: one `go test` build plus ~3 s of run time.
DEPS_PKGS += python3-psutil

.PHONY: oracle-sys

oracle-sys:
	$(GO) test -tags oracle -run '^TestOracle(System|CPUPercent)$$' -count=1 .

TEST_TARGETS += oracle-sys
