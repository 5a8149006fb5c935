# Windows port: cross-compiled with mingw-w64, tested under wine
# (scripts/test-windows.sh): go vet ./... and go test . for GOOS=windows,
# then the CMake cross-build (-Werror) and ctest under wine. About 40 s
# with warm caches, about 50 s when the wine prefix under /tmp must be
# created first, plus the Go build cache for windows on a fresh machine.
DEPS_PKGS += gcc-mingw-w64-x86-64 wine64 wine
TEST_TARGETS += windows-test

.PHONY: windows-test windows-vet

windows-test:
	scripts/test-windows.sh

# Type-check only (fast): the Windows build of every package.
windows-vet:
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) vet ./...
