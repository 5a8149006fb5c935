#!/usr/bin/env bash
# Install libpsu into a temporary prefix, then build and run examples/c
# through the CMake package (shared and static) and through pkg-config.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cmake -S "$root" -B "$d/build" -DBUILD_TESTING=OFF -DCMAKE_INSTALL_PREFIX="$d/prefix" >/dev/null
cmake --build "$d/build" -j2 >/dev/null
cmake --install "$d/build" >/dev/null
cmake -S "$root/examples/c" -B "$d/ex" -DCMAKE_PREFIX_PATH="$d/prefix" >/dev/null
cmake --build "$d/ex" >/dev/null
LD_LIBRARY_PATH="$d/prefix/lib:$d/prefix/lib64" "$d/ex/psu_example"
"$d/ex/psu_example_static" >/dev/null
libdir=$(ls -d "$d"/prefix/lib*/pkgconfig | head -1)
cc -o "$d/pc_example" "$root/examples/c/main.c" $(PKG_CONFIG_PATH="$libdir" pkg-config --cflags --libs psu)
LD_LIBRARY_PATH="$(dirname "$libdir")" "$d/pc_example" >/dev/null
echo "c-example: ok (CMake package shared+static, pkg-config)"
