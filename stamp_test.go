package psutil

import (
	"testing"

	"github.com/psutil-go/psutil/internal/csrcstamp"
)

// TestCsrcStamp fails when csrc/ changed without `go run
// ./internal/csrcstamp/gen` (make does it): the Go build cache would then
// keep using C objects compiled from the old sources.
func TestCsrcStamp(t *testing.T) {
	h, err := csrcstamp.Hash("csrc")
	if err != nil {
		t.Fatal(err)
	}
	if h != csrcStamp {
		t.Fatalf("zcsrc_stamp.go is stale (csrc/ hash %s, stamp %s): run `go run ./internal/csrcstamp/gen`", h, csrcStamp)
	}
}
