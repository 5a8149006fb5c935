#!/usr/bin/python3
"""Python psutil side of the psutil-go benchmarks (see bench/README.md).

usage: workloads.py W1|W2|W3|W4 COUNT

Prints one JSON object per line, the same protocol as bench/c/floor.c:
{"impl","w","op","unit","ns","units"} with ns per unit.
"""
import json
import os
import sys
import time

import psutil

W1_ATTRS = ["ppid", "name", "status", "cpu_times", "memory_info",
            "num_threads", "username", "create_time"]


_cpu0 = [0]


def now():
    """Start of a timed loop: wall clock now, CPU clock kept for emit()."""
    _cpu0[0] = time.process_time_ns()
    return time.perf_counter_ns()


def emit(w, op, unit, ns, units):
    cpu = time.process_time_ns() - _cpu0[0]
    d = {"impl": "psutil", "w": w, "op": op, "unit": unit,
         "ns": (ns / units) if units else 0.0,
         "cpu": (cpu / units) if units else 0.0, "units": units}
    print(json.dumps(d), flush=True)


def w1_scan():
    n = 0
    for p in psutil.process_iter(W1_ATTRS):
        n += 1
    return n


def w2_scan(fn):
    # process_iter() caches Process objects across scans, as our
    # Processes() does, so neither side re-creates them per scan.
    n = 0
    for p in psutil.process_iter():
        n += 1
        try:
            fn(p)
        except (psutil.Error, OSError):
            pass
    return n


def rollup(p):
    # public API: memory_full_info() reads smaps_rollup (+ statm for the
    # memory_info part) on kernels >= 4.14
    m = p.memory_full_info()
    return m.uss + m.pss + m.swap


def smaps(p):
    # psutil 5.9.4 has no public switch to the full smaps; this is the
    # private parser memory_full_info() falls back to without smaps_rollup.
    uss, pss, swap = p._proc._parse_smaps()
    return uss + pss + swap


def w3(count):
    p = psutil.Process(os.getpid())
    calls = [("ppid", p.ppid), ("status", p.status), ("name", p.name),
             ("num_threads", p.num_threads), ("memory_info", p.memory_info),
             ("cpu_times", p.cpu_times)]
    warm = count // 50 + 1
    for name, fn in calls:
        for _ in range(warm):
            fn()
        t0 = now()
        for _ in range(count):
            fn()
        emit("W3", name, "call", time.perf_counter_ns() - t0, count)
    blocks = count // 6 + 1
    t0 = now()
    for _ in range(blocks):
        p.ppid(); p.status(); p.name(); p.num_threads(); p.memory_info()
        p.cpu_times()
    emit("W3", "seq6", "call", time.perf_counter_ns() - t0, blocks * 6)
    t0 = now()
    for _ in range(blocks):
        with p.oneshot():
            p.ppid(); p.status(); p.name(); p.num_threads()
            p.memory_info(); p.cpu_times()
    emit("W3", "oneshot6", "call", time.perf_counter_ns() - t0, blocks * 6)


W4 = [
    ("cpu_times_percpu", lambda: psutil.cpu_times(percpu=True), 1),
    ("virtual_memory", psutil.virtual_memory, 1),
    ("swap_memory", psutil.swap_memory, 1),
    ("disk_io_counters_perdisk", lambda: psutil.disk_io_counters(perdisk=True), 1),
    ("net_io_counters_pernic", lambda: psutil.net_io_counters(pernic=True), 1),
    ("net_connections_inet", lambda: psutil.net_connections("inet"), 20),
    ("disk_partitions", psutil.disk_partitions, 1),
    ("boot_time", psutil.boot_time, 1),
    ("users", psutil.users, 1),
]


def main():
    w, count = sys.argv[1], max(1, int(sys.argv[2]))
    if w == "W1":
        w1_scan()
        t0 = now()
        units = sum(w1_scan() for _ in range(count))
        emit("W1", "scan", "proc", time.perf_counter_ns() - t0, units)
    elif w == "W2":
        for op, fn in (("rollup", rollup), ("smaps", smaps)):
            w2_scan(fn)
            t0 = now()
            units = sum(w2_scan(fn) for _ in range(count))
            emit("W2", op, "proc", time.perf_counter_ns() - t0, units)
    elif w == "W3":
        w3(count)
    elif w == "W4":
        for op, fn, div in W4:
            n = max(1, count // div)
            fn()
            t0 = now()
            for _ in range(n):
                fn()
            emit("W4", op, "call", time.perf_counter_ns() - t0, n)
    else:
        sys.exit("workloads.py: unknown workload " + w)


if __name__ == "__main__":
    main()
