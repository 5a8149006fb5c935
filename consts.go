package psutil

import "runtime"

// Platform constants, as psutil.LINUX, psutil.WINDOWS and so on. They are
// compile-time constants derived from runtime.GOOS.
const (
	LINUX   bool = runtime.GOOS == "linux" || runtime.GOOS == "android"
	WINDOWS bool = runtime.GOOS == "windows"
	MACOS   bool = runtime.GOOS == "darwin"
	// OSX is psutil's deprecated alias of MACOS.
	OSX     bool = MACOS
	FREEBSD bool = runtime.GOOS == "freebsd"
	OPENBSD bool = runtime.GOOS == "openbsd"
	NETBSD  bool = runtime.GOOS == "netbsd"
	BSD     bool = FREEBSD || OPENBSD || NETBSD
	SUNOS   bool = runtime.GOOS == "solaris" || runtime.GOOS == "illumos"
	AIX     bool = runtime.GOOS == "aix"
	POSIX   bool = LINUX || MACOS || BSD || SUNOS || AIX
)
