# FreeBSD, OpenBSD and NetBSD ports (issue 5). Nothing here can run BSD
# binaries, so the bar is a compile check against BSD header trees:
#   make bsd-check BSD_SYSROOT_FREEBSD=/tmp/bsdroot-freebsd \
#                  BSD_SYSROOT_OPENBSD=/tmp/bsdroot-openbsd \
#                  BSD_SYSROOT_NETBSD=/tmp/bsdroot-netbsd
# Each sysroot is a directory holding usr/include of that OS (assembled
# from a src tree: include/, sys/{sys,net,netinet,netinet6,vm|uvm}, the
# arch include dir as machine/). An unset variable skips that OS with a
# message. bsd-check is NOT in TEST_TARGETS: CI has no header trees.
# The portable helpers (csrc/posix_bsd_parse.c, bsd_logic.go) are covered
# on Linux by `make ctest` (test-posix-bsd-parse) and `make gotest`.
BSD_TRIPLE_freebsd := x86_64-unknown-freebsd14
BSD_TRIPLE_openbsd := x86_64-unknown-openbsd7.6
BSD_TRIPLE_netbsd := x86_64-unknown-netbsd10
BSD_SYSROOT_freebsd = $(BSD_SYSROOT_FREEBSD)
BSD_SYSROOT_openbsd = $(BSD_SYSROOT_OPENBSD)
BSD_SYSROOT_netbsd = $(BSD_SYSROOT_NETBSD)
BSD_CFLAGS := -fsyntax-only -std=c11 -Wall -Wextra -Werror -Icsrc

.PHONY: bsd-check bsd-check-freebsd bsd-check-openbsd bsd-check-netbsd

bsd-check: bsd-check-freebsd bsd-check-openbsd bsd-check-netbsd

# $(1) = freebsd, openbsd or netbsd
define bsd_check_recipe
	@root="$(BSD_SYSROOT_$(1))"; triple="$(BSD_TRIPLE_$(1))"; \
	if [ -z "$$root" ]; then \
	  echo "bsd-check-$(1): skipped (set BSD_SYSROOT_$(shell echo $(1) | tr a-z A-Z) to a $(1) header tree)"; \
	  exit 0; \
	fi; \
	set -e; \
	for f in csrc/common.c csrc/posix*.c csrc/bsd*.c csrc/$(1)*.c \
	    csrc/test/test-posix-bsd-parse.c; do \
	  clang --target=$$triple --sysroot=$$root $(BSD_CFLAGS) -Icsrc/test $$f; \
	done; \
	echo "bsd-check-$(1): C ok (-Wall -Wextra -Werror)"; \
	CGO_ENABLED=1 GOOS=$(1) GOARCH=amd64 CC="clang --target=$$triple --sysroot=$$root" \
	  $(GO) vet ./...; \
	echo "bsd-check-$(1): go vet ./... ok"
endef

bsd-check-freebsd:
	$(call bsd_check_recipe,freebsd)
bsd-check-openbsd:
	$(call bsd_check_recipe,openbsd)
bsd-check-netbsd:
	$(call bsd_check_recipe,netbsd)
