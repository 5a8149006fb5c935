//go:build !windows || !cgo

package psutil

// Windows services exist only on Windows (and need the C core).

func winServiceList() ([]WindowsService, error) {
	return nil, makeErr(codeNotSup, 0, "windows services")
}

func winServiceConfigImpl(string) (winServiceConfig, error) {
	return winServiceConfig{}, makeErr(codeNotSup, 0, "windows services")
}

func winServiceStatusImpl(string) (string, int, error) {
	return "", 0, makeErr(codeNotSup, 0, "windows services")
}

func winServiceDescriptionImpl(string) (string, error) {
	return "", makeErr(codeNotSup, 0, "windows services")
}
