//go:build psutil_vendor

package psutil

// Never built: it makes `go mod vendor` keep csrc/ (see csrc/csrc.go).
import _ "github.com/psutil-go/psutil/csrc"
