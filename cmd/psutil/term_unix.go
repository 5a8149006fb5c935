//go:build linux || darwin || freebsd || openbsd || netbsd

package main

import (
	"os"
	"sync"

	"golang.org/x/sys/unix"
)

// terminal is the raw-mode handling of top: termios through x/sys/unix,
// no curses.
type terminal struct {
	in, out *os.File
	saved   unix.Termios
}

// openTerminal returns nil when in is not a terminal.
func openTerminal(in, out *os.File) *terminal {
	t, err := unix.IoctlGetTermios(int(in.Fd()), ioctlGetTermios)
	if err != nil {
		return nil
	}
	if _, err := unix.IoctlGetTermios(int(out.Fd()), ioctlGetTermios); err != nil {
		return nil
	}
	return &terminal{in: in, out: out, saved: *t}
}

// makeRaw switches off line buffering and echo (signals stay on, so ^C
// still interrupts), switches to the alternate screen and returns an
// idempotent restore function.
func (t *terminal) makeRaw() func() {
	raw := t.saved
	raw.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP | unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
	raw.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.IEXTEN
	raw.Cflag &^= unix.CSIZE | unix.PARENB
	raw.Cflag |= unix.CS8
	raw.Cc[unix.VMIN] = 1
	raw.Cc[unix.VTIME] = 0
	_ = unix.IoctlSetTermios(int(t.in.Fd()), ioctlSetTermios, &raw)
	t.out.WriteString("\x1b[?1049h\x1b[?25l") // alternate screen, hide cursor
	var once sync.Once
	return func() {
		once.Do(func() {
			t.out.WriteString("\x1b[?25h\x1b[?1049l")
			_ = unix.IoctlSetTermios(int(t.in.Fd()), ioctlSetTermios, &t.saved)
		})
	}
}

// size returns the rows and columns, or 0, 0.
func (t *terminal) size() (int, int) {
	ws, err := unix.IoctlGetWinsize(int(t.out.Fd()), unix.TIOCGWINSZ)
	if err != nil {
		return 0, 0
	}
	return int(ws.Row), int(ws.Col)
}
