#!/usr/bin/python3
"""Oracle for psutil-go's system API: print what Python psutil says, as JSON.

Usage:
  oracle_sys.py dump         every system function, one JSON object
  oracle_sys.py cpu_percent  wait for a line on stdin, then print
                             cpu_percent and cpu_times_percent over 1 s

Run with /usr/bin/python3 (Debian's python3-psutil). Named tuples become
objects (their _asdict() keys), enums become ints, None stays null.
"""
import json
import sys

import psutil


def nt(x):
    if x is None:
        return None
    if hasattr(x, "_asdict"):
        return {k: nt(v) for k, v in x._asdict().items()}
    if isinstance(x, dict):
        return {str(k): nt(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [nt(v) for v in x]
    if isinstance(x, bool):
        return x
    if isinstance(x, int):  # IntEnum too
        return int(x)
    return x


def dump():
    out = {}
    out["psutil_version"] = psutil.__version__
    out["cpu_times"] = nt(psutil.cpu_times())
    out["per_cpu_times"] = nt(psutil.cpu_times(percpu=True))
    out["cpu_count_logical"] = psutil.cpu_count(logical=True)
    out["cpu_count_physical"] = psutil.cpu_count(logical=False)
    out["cpu_stats"] = nt(psutil.cpu_stats())
    try:
        out["cpu_freq"] = nt(psutil.cpu_freq())
        out["per_cpu_freq"] = nt(psutil.cpu_freq(percpu=True))
    except NotImplementedError:
        out["cpu_freq"] = None
        out["per_cpu_freq"] = None
    out["loadavg"] = list(psutil.getloadavg())
    out["virtual_memory"] = nt(psutil.virtual_memory())
    out["swap_memory"] = nt(psutil.swap_memory())
    parts = psutil.disk_partitions(all=False)
    out["disk_partitions"] = nt(parts)
    out["disk_partitions_all"] = nt(psutil.disk_partitions(all=True))
    usage = {}
    for mp in ["/"] + [p.mountpoint for p in parts]:
        try:
            usage[mp] = nt(psutil.disk_usage(mp))
        except OSError:
            pass
    out["disk_usage"] = usage
    out["disk_io_counters"] = nt(psutil.disk_io_counters(perdisk=False))
    out["per_disk_io_counters"] = nt(psutil.disk_io_counters(perdisk=True))
    out["net_io_counters"] = nt(psutil.net_io_counters(pernic=False))
    out["per_nic_io_counters"] = nt(psutil.net_io_counters(pernic=True))
    out["net_if_addrs"] = nt(psutil.net_if_addrs())
    out["net_if_stats"] = nt(psutil.net_if_stats())
    out["sensors_temperatures"] = nt(psutil.sensors_temperatures())
    out["sensors_temperatures_f"] = nt(psutil.sensors_temperatures(fahrenheit=True))
    out["sensors_fans"] = nt(psutil.sensors_fans())
    out["sensors_battery"] = nt(psutil.sensors_battery())
    out["boot_time"] = psutil.boot_time()
    out["users"] = nt(psutil.users())
    json.dump(out, sys.stdout)


def cpu_percent():
    # Prime the since-last-call state of cpu_times_percent, then measure
    # cpu_percent over a blocking 1 s interval that starts when Go says so.
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    sys.stdin.readline()
    psutil.cpu_times_percent(interval=None)
    pct = psutil.cpu_percent(interval=1.0)
    tpct = psutil.cpu_times_percent(interval=None)
    json.dump({"cpu_percent": pct, "cpu_times_percent": nt(tpct)}, sys.stdout)


if __name__ == "__main__":
    {"dump": dump, "cpu_percent": cpu_percent}[sys.argv[1]]()
