package main

import "github.com/psutil-go/psutil"

func init() {
	register(&command{
		Name:    "free",
		Usage:   "free [--json]",
		Summary: "memory and swap usage, like free(1)",
		Run:     runFree,
	})
}

func runFree(ctx *runCtx, args []string) error {
	if err := noArgs(args); err != nil {
		return err
	}
	vm, err := psutil.VirtualMemory()
	if err != nil {
		return err
	}
	sw, err := psutil.SwapMemory()
	if err != nil {
		return err
	}
	if ctx.JSON {
		return ctx.printJSON(map[string]any{
			"virtual_memory": pick(vm, "svmem"),
			"swap_memory":    pick(sw, "sswap"),
		})
	}
	t := newTable("", "total", "used", "free", "shared", "buffers", "cache", "available")
	t.row("Mem:", bytes2human(vm.Total), bytes2human(vm.Used), bytes2human(vm.Free),
		bytes2human(vm.Shared), bytes2human(vm.Buffers), bytes2human(vm.Cached),
		bytes2human(vm.Available))
	t.row("Swap:", bytes2human(sw.Total), bytes2human(sw.Used), bytes2human(sw.Free),
		"", "", "", "")
	t.write(ctx.Stdout)
	return nil
}
