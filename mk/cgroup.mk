# Issue 8: cgroups, PSI, netlink sockets. Their Go tests run in `gotest`
# and test-linux-cgroup in `ctest`/`csan`, so nothing is added to
# TEST_TARGETS. `make bench-netlink` compares the netlink and /proc/net
# socket listings (about 30 s).
.PHONY: bench-netlink

bench-netlink:
	$(GO) test -run '^$$' -bench 'NetConnections' -benchtime 2s .
