//go:build !linux && !windows

package psutil

// AF_LINK is the address family of MAC addresses in NetIfAddrs, as
// psutil.AF_LINK (the native AF_LINK, 18, on macOS and the BSDs).
const AF_LINK = 18
