//go:build !(linux && cgo)

package psutil

// procReadBatch is procRead for many pids (Linux batches them into one C
// call; elsewhere it is a loop). errs[i] is the error of pids[i].
func procReadBatch(pids []int, want uint32, sts []procStat, errs []error) {
	for i, pid := range pids {
		errs[i] = procRead(pid, want, &sts[i])
	}
}
