#!/usr/bin/env bash
# Build a throwaway module that requires this one through `go mod vendor`,
# proving csrc/ survives vendoring (see csrc/csrc.go).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
d=$(mktemp -d); trap 'rm -rf "$d"' EXIT
cd "$d"
cat > go.mod <<EOM
module vendortest
go 1.23
require github.com/psutil-go/psutil v0.0.0
replace github.com/psutil-go/psutil => $root
EOM
cat > main.go <<'EOM'
package main

import (
	"fmt"

	"github.com/psutil-go/psutil"
)

func main() { fmt.Println(psutil.ProcfsPath()) }
EOM
GOFLAGS=-mod=mod go mod tidy >/dev/null 2>&1 || true
go mod vendor
test -f vendor/github.com/psutil-go/psutil/csrc/psu.h
go build -mod=vendor -o app . && ./app >/dev/null
echo "vendor-check: ok"
