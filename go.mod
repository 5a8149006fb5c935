module github.com/psutil-go/psutil

go 1.23.0

require (
	github.com/google/go-cmp v0.7.0
	golang.org/x/sys v0.35.0
)
