# The psutil command (cmd/psutil) and the exit functions (exitfunc/,
# csrc/posix_exitfunc.c). Their unit tests already run in `gotest`
# (go test ./...: every subcommand in-process against library values, the
# Python psutil procsmem oracle, top through a pseudo-terminal, exitfunc
# child processes) and in `ctest` (test-posix-exitfunc).
#
# cli-test adds an end-to-end smoke of the built binary: every subcommand's
# --json form must print valid JSON, and the keys of free --json must be
# Python psutil's field names. Costs about 10 s (one go build + 15 runs).
# cli-gotest reruns only the CLI/exitfunc Go tests (about 5 s).
TEST_TARGETS += cli-test

CLI_BIN ?= /tmp/psutil-cli-$(shell id -u)/psutil

.PHONY: cli-test cli-gotest

cli-gotest:
	$(GO) test -count=1 ./cmd/psutil ./exitfunc

cli-test:
	mkdir -p $(dir $(CLI_BIN))
	$(GO) build -o $(CLI_BIN) ./cmd/psutil
	@set -e; for c in "" free meminfo disk ifconfig sensors battery who pstree \
	    procsmem ps "procinfo $$PPID" "pmap $$PPID" "top -d 0.2" "iotop -d 0.2" netstat; do \
	  echo "psutil --json $$c"; \
	  $(CLI_BIN) --json $$c | /usr/bin/python3 -m json.tool >/dev/null; \
	done
	$(CLI_BIN) --json free | /usr/bin/python3 -c 'import json, sys, psutil; \
	  d = json.load(sys.stdin); \
	  assert sorted(d["virtual_memory"]) == sorted(psutil.virtual_memory()._fields), d; \
	  assert sorted(d["swap_memory"]) == sorted(psutil.swap_memory()._fields), d; \
	  print("free --json keys match Python psutil")'
	$(CLI_BIN) no-such-command >/dev/null 2>&1; test $$? -eq 2
	@echo "cli-test: ok"
