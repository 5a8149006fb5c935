package main

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/psutil-go/psutil"
)

func init() {
	register(&command{
		Name:    "meminfo",
		Usage:   "meminfo [--json]",
		Summary: "every field of virtual_memory and swap_memory",
		Run:     runMeminfo,
	})
}

func runMeminfo(ctx *runCtx, args []string) error {
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
	ctx.printf("MEMORY\n------\n")
	printFields(ctx, pick(vm, "svmem"), []string{"total", "available", "percent", "used", "free",
		"active", "inactive", "buffers", "cached", "shared", "slab", "wired"})
	ctx.printf("\nSWAP\n----\n")
	printFields(ctx, pick(sw, "sswap"), []string{"total", "used", "free", "percent", "sin", "sout"})
	return nil
}

// printFields prints "Name : value" lines for the given keys of v (a
// struct or map with psutil keys), sizes human-readable, in order.
func printFields(ctx *runCtx, v any, order []string) {
	b, _ := json.Marshal(v)
	var m map[string]json.Number
	_ = json.Unmarshal(b, &m)
	for _, k := range order {
		n, ok := m[k]
		if !ok {
			continue
		}
		val := n.String()
		if k == "percent" {
			if f, err := n.Float64(); err == nil {
				val = strconv.FormatFloat(f, 'f', 1, 64)
			}
		} else {
			if u, err := n.Int64(); err == nil && u >= 0 {
				val = bytes2human(uint64(u))
			}
		}
		ctx.printf("%-10s : %7s\n", strings.ToUpper(k[:1])+k[1:], val)
	}
}
