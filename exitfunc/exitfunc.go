// Package exitfunc runs cleanup functions exactly once when a Go program
// ends, whether it returns from its main function, calls [Exit], or gets
// SIGTERM (or any signal you list). It is the Go form of psutil's recipe
// "How to always execute exit functions".
//
// Go has no atexit: os.Exit and returning from main.main end the process
// without running deferred calls or hooks, and a signal's default action
// kills the process outright. So a program opts in on its normal paths:
//
//	func main() {
//		exitfunc.Register(func() { os.Remove(pidfile) }) // SIGTERM by default
//		exitfunc.Main(run)                                // run() int is the old main
//	}
//
// and calls [Exit] instead of os.Exit anywhere else.
//
// Semantics:
//
//   - Every function registered with [Register] runs at most once, in
//     reverse order of registration (like atexit), on the first of: [Main]
//     returning or panicking, [Exit], [Run], or the arrival of a signal that
//     any registration listed. All functions run on that event, not only
//     those that listed the signal. A panicking function is reported on
//     stderr and the others still run.
//   - After the functions ran because of a signal, the signal's default
//     action is restored and the signal re-raised, so the parent sees
//     "killed by SIGTERM". If the default action does not end the process
//     (or on Windows), it exits with status 128+signal.
//   - A second signal that arrives while the functions are running ends the
//     process at once (128+signal), so a hung cleanup can be interrupted. A
//     registered signal that arrives after [Run] finished still ends the
//     process (without running anything again).
//   - It uses [signal.Notify], which multiplexes: other Notify channels of
//     the program still receive the same signals. A signal that was ignored
//     when the program started (nohup's SIGHUP) stays ignored.
//   - All functions are safe for concurrent use. An exit function must not
//     call [Run], [Exit] or [Main] itself: it would wait for its own end.
//
// What cannot be caught, plainly: SIGKILL and SIGSTOP (the kernel never
// delivers them to the process), a direct os.Exit or syscall.Exit, a
// runtime fatal error (out of memory, concurrent map write, deadlock), or
// a crash of C code. [Register] rejects SIGKILL and SIGSTOP with an error.
package exitfunc

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

var (
	mu      sync.Mutex
	fns     []func()
	watched = map[os.Signal]bool{}
	sigCh   chan os.Signal
	started atomic.Bool // the functions began to run
	done    = make(chan struct{})

	exitFn = os.Exit // replaced in tests
)

// ErrUncatchable is returned by Register for SIGKILL and SIGSTOP.
var ErrUncatchable = errors.New("exitfunc: SIGKILL and SIGSTOP cannot be caught")

// Register adds fn to the functions run at exit, and makes the listed
// signals (SIGTERM when none is given) trigger them. It returns
// ErrUncatchable for SIGKILL or SIGSTOP (fn is then not registered) and
// an error if the exit functions already started.
func Register(fn func(), signals ...os.Signal) error {
	if fn == nil {
		return errors.New("exitfunc: nil function")
	}
	if len(signals) == 0 {
		signals = []os.Signal{syscall.SIGTERM}
	}
	for _, s := range signals {
		if uncatchable(s) {
			return ErrUncatchable
		}
	}
	mu.Lock()
	defer mu.Unlock()
	if started.Load() {
		return errors.New("exitfunc: exit functions already started")
	}
	fns = append(fns, fn)
	var add []os.Signal
	for _, s := range signals {
		if watched[s] {
			continue
		}
		watched[s] = true
		if signal.Ignored(s) {
			continue // respect nohup and friends
		}
		add = append(add, s)
	}
	if len(add) > 0 {
		if sigCh == nil {
			// Buffered: two signals fit, so the "second signal" escape
			// works even while the first is being handled.
			sigCh = make(chan os.Signal, 4)
			go watch(sigCh)
		}
		signal.Notify(sigCh, add...)
	}
	return nil
}

// Run runs the registered functions now, if they have not started yet,
// and returns when they are done (or, if another goroutine started them,
// when that goroutine finished them). It does not exit. Later calls, and
// the exit paths, do not run them again.
func Run() {
	if started.CompareAndSwap(false, true) {
		runAll()
		close(done)
		return
	}
	<-done
}

// Exit runs the registered functions (once) and then calls os.Exit(code).
// Use it instead of os.Exit.
func Exit(code int) {
	Run()
	exitFn(code)
}

// Main calls f, runs the registered functions and exits with f's result.
// If f panics, the functions run and the panic continues (the runtime
// prints it and exits with status 2).
func Main(f func() int) {
	code := 0
	defer func() {
		if r := recover(); r != nil {
			Run()
			panic(r)
		}
		Exit(code)
	}()
	code = f()
}

// runAll pops functions in LIFO order until none is left; a function
// registered by another function during the run still runs.
func runAll() {
	for {
		mu.Lock()
		if len(fns) == 0 {
			mu.Unlock()
			return
		}
		fn := fns[len(fns)-1]
		fns = fns[:len(fns)-1]
		mu.Unlock()
		callSafely(fn)
	}
}

func callSafely(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(os.Stderr, "exitfunc: exit function panicked: %v\n%s", r, debug.Stack())
		}
	}()
	fn()
}

// watch waits for the first registered signal, runs the functions and
// ends the process from that signal.
func watch(ch chan os.Signal) {
	sig := <-ch
	if started.CompareAndSwap(false, true) {
		go func() {
			s := <-ch
			exitFn(128 + signum(s))
		}()
		runAll()
		close(done)
	} else {
		// Run/Exit/Main got there first. Once the functions are done the
		// signal still ends the process (after a plain Run nothing else
		// would); a second signal while they run ends it at once.
		select {
		case <-done:
		case s := <-ch:
			exitFn(128 + signum(s))
			return
		}
	}
	die(sig)
}

// die ends the process from sig: the default action is restored (this
// also stops other Notify channels for this one signal; the process is
// ending from it anyway) and the signal raised again. If that does not
// terminate, it exits with 128+signal.
func die(sig os.Signal) {
	signal.Reset(sig)
	reraise(sig)
	time.Sleep(100 * time.Millisecond)
	exitFn(128 + signum(sig))
}

func signum(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return int(n)
	}
	return 1
}
