package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

func describeMachine(c config) [][2]string {
	var m [][2]string
	add := func(k, v string) { m = append(m, [2]string{k, v}) }
	cpu := strings.TrimSpace(strings.TrimPrefix(firstLine("/proc/cpuinfo", "model name"), "model name"))
	add("CPU", strings.TrimSpace(strings.TrimPrefix(cpu, ":")))
	add("logical CPUs", strconv.Itoa(runtime.NumCPU()))
	mem := strings.Fields(firstLine("/proc/meminfo", "MemTotal:"))
	if len(mem) >= 2 {
		kb, _ := strconv.ParseFloat(mem[1], 64)
		add("RAM", fmt.Sprintf("%.1f GiB", kb/1024/1024))
	}
	add("kernel", readTrim("/proc/sys/kernel/osrelease"))
	add("Go", runtime.Version()+" (workers built with the same toolchain)")
	add("Python", cmdOut("/usr/bin/python3", "-c", "import sys; print(sys.version.split()[0])"))
	add("psutil", cmdOut("/usr/bin/python3", "-c", "import psutil; print(psutil.__version__)")+" (Debian python3-psutil)")
	add("gopsutil", cmdOut(filepath.Join(c.bin, "wgopsutil"), "version"))
	add("C floor", cmdOut("cc", "--version"))
	add("psutil-go", cmdOut("git", "-C", "..", "rev-parse", "--short", "HEAD")+" + working tree")
	add("load average at start", readTrim("/proc/loadavg"))
	return m
}

func readTrim(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "?"
	}
	return strings.TrimSpace(string(b))
}

func cmdOut(name string, args ...string) string {
	out, err := exec.Command(name, args...).Output()
	if err != nil {
		return "?"
	}
	s := strings.TrimSpace(string(out))
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
