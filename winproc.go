package psutil

// NumHandles returns the number of handles the process holds (Windows
// only; psutil num_handles()). Elsewhere it returns ErrNotImplemented.
func (p *Process) NumHandles() (int, error) {
	n, err := procNumHandles(p.pid)
	return n, p.err("NumHandles", err)
}
