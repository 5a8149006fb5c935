#!/usr/bin/env bash
# Windows suite under wine: cross-compile with mingw-w64 (CGO_ENABLED=1
# GOOS=windows), `go vet`, then `go test` of the root package through a
# go_windows_amd64_exec wrapper that runs the test binary under wine.
#
# Needs gcc-mingw-w64-x86-64 and wine (Debian: `make deps` installs them).
# The wine prefix lives under /tmp (PSU_WINE_DIR), so a fresh clone works;
# it is created once (about 10 s) and reused afterwards.
# Extra arguments go to `go test` (e.g. -run Service -v) and skip the C
# part (CMake cross-build + ctest under wine).
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in wine wineboot wineserver x86_64-w64-mingw32-gcc; do
  if ! command -v "$tool" >/dev/null; then
    echo "test-windows: $tool not found (run 'make deps' as root:" \
      "gcc-mingw-w64-x86-64 wine64 wine)" >&2
    exit 1
  fi
done

W=${PSU_WINE_DIR:-/tmp/psutil-go-wine}
mkdir -p "$W/bin"
export WINEPREFIX="$W/prefix" WINEDEBUG=-all WINEARCH=win64
# No mono/gecko install prompts; no X display.
export WINEDLLOVERRIDES="mscoree,mshtml="
unset DISPLAY WAYLAND_DISPLAY

# Go >= 1.22 imports bcryptprimitives.dll!ProcessPrng, which wine 8.0 lacks:
# put a tiny stub DLL (ProcessPrng over RtlGenRandom) into system32.
stub="$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll"
if [ ! -f "$stub" ]; then
  echo "test-windows: creating wine prefix $WINEPREFIX"
  wineboot --init </dev/null >/dev/null 2>&1 || true
  wineserver -w
  cat >"$W/bcryptprimitives.c" <<'C'
#include <windows.h>
#include <ntsecapi.h>

__declspec(dllexport) BOOL WINAPI
ProcessPrng(PBYTE data, SIZE_T len) {
  while (len > 0) {
    ULONG chunk = len > 0x10000000 ? 0x10000000 : (ULONG)len;
    if (!RtlGenRandom(data, chunk))
      return FALSE;
    data += chunk;
    len -= chunk;
  }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -O2 -shared -Wl,--kill-at -o "$stub.tmp" \
    "$W/bcryptprimitives.c" -ladvapi32
  mv "$stub.tmp" "$stub"
fi

cat >"$W/bin/go_windows_amd64_exec" <<'SH'
#!/bin/sh
exec wine "$@"
SH
chmod +x "$W/bin/go_windows_amd64_exec"

export PATH="$W/bin:$PATH" CGO_ENABLED=1 GOOS=windows GOARCH=amd64 \
  CC=x86_64-w64-mingw32-gcc

start=$(date +%s)
go vet ./...
rc=0
# Only the root package runs under wine: it holds the C core and all the
# Windows code (cmd/ and examples/ are covered by vet above).
go test -count=1 "$@" . </dev/null || rc=$?

# The C library as C users get it: CMake cross-build with -Werror (static
# and shared libpsu), then ctest with wine as the emulator. Skipped when
# `go test` got extra arguments (a filtered run).
if [ $# -eq 0 ]; then
  (
    unset GOOS GOARCH CGO_ENABLED CC
    # One build dir per prefix; start over if it belongs to another tree.
    if [ -f "$W/build/CMakeCache.txt" ] &&
      ! grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$PWD" "$W/build/CMakeCache.txt"; then
      rm -rf "$W/build"
    fi
    cmake -S . -B "$W/build" -DCMAKE_SYSTEM_NAME=Windows \
      -DCMAKE_C_COMPILER=x86_64-w64-mingw32-gcc \
      -DCMAKE_CROSSCOMPILING_EMULATOR=wine -DPSU_WERROR=ON \
      -DCMAKE_BUILD_TYPE=Debug >/dev/null
    cmake --build "$W/build" -j2 >/dev/null
    cd "$W/build" && ctest --output-on-failure </dev/null
  ) || rc=$?
fi
wineserver -k 2>/dev/null || true
echo "test-windows: rc=$rc in $(($(date +%s) - start)) s"
exit $rc
