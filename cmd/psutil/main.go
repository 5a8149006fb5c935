// Command psutil is psutil's scripts/ directory as one Go program: with no
// arguments it prints a one-screen system overview; subcommands clone
// procsmem, free, top, iotop, netstat, pstree, disk, ifconfig, sensors,
// battery, who, meminfo, procinfo, pmap, killall, ps, pidof and
// winservices; cgroup and pressure are Linux extras. docs/cli.md shows
// each one's output.
//
//	go run ./cmd/psutil                 # overview
//	go run ./cmd/psutil procsmem        # smem-like table sorted by USS
//	go run ./cmd/psutil --json free     # machine-readable, psutil's keys
//
// # Adding a subcommand (the registration contract; it does not change)
//
// Put each subcommand in its own file cmd_<name>.go and register it from
// init:
//
//	func init() {
//		register(&command{
//			Name:    "pressure",
//			Usage:   "pressure [--json] [cpu|memory|io]", // shown in usage lines
//			Summary: "PSI pressure stall information",     // one line in the list
//			Run:     runPressure,
//		})
//	}
//
//	func runPressure(ctx *runCtx, args []string) error { ... }
//
// The --json flag may appear anywhere on the command line; it is removed
// from args and sets ctx.JSON. args holds the remaining arguments after
// the subcommand name (parse your own flags, e.g. with ctx.flagSet).
// Write only to ctx.Stdout (and ctx.Stderr for warnings), never to
// os.Stdout, so tests can run commands in-process through run().
//
// In JSON mode print exactly one value with ctx.printJSON(v); use psutil's
// field names as keys (the library's json tags already are).
//
// Errors: return usageErrorf(...) for bad arguments (stderr gets the
// message plus the command's usage, exit status 2); any other error prints
// "psutil <name>: <err>" on stderr and exits 1.
//
// Helpers: ctx.printJSON(v), ctx.printf(format, ...), newTable(headers...)
// with (*table).row(cells...) and (*table).write(w) for aligned columns
// (a column whose cells all look numeric or like sizes is right-aligned),
// bytes2human(n) (psutil's "1.5G" style), ctx.flagSet(name), onePID(args)
// and openProcess(pid) (bad or missing PID: usage error), pick(v, kind)
// (trim a library struct to psutil's fields on this OS for JSON). An -h or
// --help argument prints the command's Usage and Summary without running
// it. main runs under exitfunc.Main, so a command may exitfunc.Register
// cleanups (top restores the terminal that way).
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/psutil-go/psutil/exitfunc"
)

// command is one subcommand. See the package comment.
type command struct {
	Name    string                                 // subcommand name, e.g. "procsmem"
	Usage   string                                 // synopsis, e.g. "procinfo [--json] PID"
	Summary string                                 // one-line description
	Run     func(ctx *runCtx, args []string) error // the work
}

// runCtx is what a subcommand gets: output streams and the global flags.
type runCtx struct {
	JSON   bool      // --json was given
	Stdin  io.Reader // the terminal for top (an *os.File when run from main)
	Stdout io.Writer
	Stderr io.Writer
	cmd    *command
}

var commands = map[string]*command{}

// register adds a subcommand; it panics on a duplicate name.
func register(c *command) {
	if c == nil || c.Name == "" || c.Run == nil {
		panic("psutil: register: incomplete command")
	}
	if _, dup := commands[c.Name]; dup {
		panic("psutil: register: duplicate command " + c.Name)
	}
	commands[c.Name] = c
}

// usageError marks an error as a usage error (exit status 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// usageErrorf returns a usage error; run prints it with the usage text.
func usageErrorf(format string, a ...any) error {
	return &usageError{msg: fmt.Sprintf(format, a...)}
}

// printJSON writes v as indented JSON followed by a newline: structs
// become maps with sorted keys and floats look like Python's (0.0, not 0),
// so the output diffs against json.dumps(..., sort_keys=True, indent=2).
func (ctx *runCtx) printJSON(v any) error {
	enc := json.NewEncoder(ctx.Stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(jsonValue(v))
}

// printf writes to ctx.Stdout.
func (ctx *runCtx) printf(format string, a ...any) {
	fmt.Fprintf(ctx.Stdout, format, a...)
}

// flagSet returns a FlagSet for a subcommand that reports errors as usage
// errors (the caller returns usageErrorf on a Parse error).
func (ctx *runCtx) flagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// bytes2human formats n like psutil's bytes2human: 1023 -> "1023B",
// 10000 -> "9.8K", 100001221 -> "95.4M".
func bytes2human(n uint64) string {
	const symbols = "KMGTPEZY"
	for i := len(symbols) - 1; i >= 0; i-- {
		shift := uint(i+1) * 10
		if shift >= 64 {
			continue // Z and Y exceed uint64
		}
		prefix := uint64(1) << shift
		if n >= prefix {
			return fmt.Sprintf("%.1f%c", float64(n)/float64(prefix), symbols[i])
		}
	}
	return fmt.Sprintf("%dB", n)
}

func usageText() string {
	var b strings.Builder
	b.WriteString("usage: psutil [--json] [-n TOP]\n")
	b.WriteString("       psutil [--json] COMMAND [ARGS]\n\n")
	b.WriteString("With no COMMAND, print a system overview with the TOP (10) processes\n")
	b.WriteString("by USS. Commands:\n")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	t := newTable()
	for _, n := range names {
		c := commands[n]
		t.row("  "+c.Usage, c.Summary)
	}
	t.write(&b)
	b.WriteString("\n--json prints machine-readable output keyed by psutil's field names.\n")
	return b.String()
}

// run is main without os.Exit: it returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	ctx := &runCtx{Stdin: stdin, Stdout: stdout, Stderr: stderr}
	var rest []string
	for i, a := range args {
		switch a {
		case "--json", "-json", "-j":
			ctx.JSON = true
			continue
		case "-h", "--help", "-help", "help":
			if len(rest) == 0 {
				fmt.Fprint(stdout, usageText())
				return 0
			}
		case "--":
			rest = append(rest, args[i+1:]...)
			goto parsed
		}
		rest = append(rest, a)
	}
parsed:
	name := ""
	if len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		name, rest = rest[0], rest[1:]
	}
	if name == "" {
		ctx.cmd = overviewCommand // flags without a command are the overview's
	} else if c, ok := commands[name]; ok {
		ctx.cmd = c
	} else {
		fmt.Fprintf(stderr, "psutil: unknown command %q\n\n%s", name, usageText())
		return 2
	}
	for _, a := range rest {
		if a == "-h" || a == "--help" || a == "-help" {
			fmt.Fprintf(stdout, "usage: psutil %s\n%s\n", ctx.cmd.Usage, ctx.cmd.Summary)
			return 0
		}
	}
	err := ctx.cmd.Run(ctx, rest)
	if err == nil {
		return 0
	}
	var ue *usageError
	if errors.As(err, &ue) && ctx.cmd == overviewCommand {
		fmt.Fprintf(stderr, "psutil: %s\n\n%s", ue.msg, usageText())
		return 2
	}
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "psutil %s: %s\nusage: psutil %s\n", ctx.cmd.Name, ue.msg, ctx.cmd.Usage)
		return 2
	}
	if errors.Is(err, errQuietExit) {
		return 1
	}
	fmt.Fprintf(stderr, "psutil %s: %v\n", ctx.cmd.Name, err)
	return 1
}

// errQuietExit makes run exit 1 without printing (the command already
// reported).
var errQuietExit = errors.New("exit 1")

func main() {
	// exitfunc.Main runs the functions registered by subcommands (top
	// restores the terminal) on return, and on SIGTERM/SIGINT/SIGHUP.
	exitfunc.Main(func() int { return run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr) })
}
