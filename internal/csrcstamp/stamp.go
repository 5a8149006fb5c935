// Package csrcstamp hashes the C sources under csrc/. The Go build cache
// keys a cgo package on the files in its own directory, not on the files
// that its cgo_*.c shims #include from csrc/, so an edit there would reuse
// stale objects. The root package therefore carries the hash as a constant
// (zcsrc_stamp.go, written by `go run ./internal/csrcstamp/gen`, which
// `make test` runs first); any C change changes a Go file, and the cache
// misses as it should. A root test fails when the stamp is out of date.
package csrcstamp

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Hash returns a hex SHA-256 over the relative path and contents of every
// regular file under dir, in sorted order.
func Hash(dir string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(files)
	h := sha256.New()
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		rel, _ := filepath.Rel(dir, f)
		h.Write([]byte(filepath.ToSlash(rel)))
		h.Write([]byte{0})
		h.Write(b)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
