# Windows port: cross-compiled with mingw-w64, tested under wine
# (scripts/test-windows.sh). Costs about a minute once the wine prefix
# exists (first run: +10 s to create it under /tmp).
DEPS_PKGS += gcc-mingw-w64-x86-64 wine64 wine
TEST_TARGETS += windows-test

.PHONY: windows-test windows-vet

windows-test:
	scripts/test-windows.sh

# Type-check only (fast): the Windows build of every package.
windows-vet:
	CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(GO) vet ./...
