#!/usr/bin/python3
"""Print Python psutil's view of some processes as JSON (oracle for
oracle_proc_test.go). Usage: oracle_proc.py PID... Runs with Debian's
python3-psutil (5.9.4)."""
import json
import sys

import psutil


def conv(v):
    if hasattr(v, "_asdict"):
        return {k: conv(x) for k, x in v._asdict().items()}
    if isinstance(v, (list, tuple)):
        return [conv(x) for x in v]
    if isinstance(v, dict):
        return {k: conv(x) for k, x in v.items()}
    if isinstance(v, bytes):
        return v.decode("utf-8", "surrogateescape")
    if hasattr(v, "value") and not isinstance(v, (int, float, str)):
        return v.value
    return v


def call(p, name, *args):
    try:
        return {"v": conv(getattr(p, name)(*args))}
    except psutil.ZombieProcess:
        return {"err": "zombie"}
    except psutil.NoSuchProcess:
        return {"err": "nsp"}
    except psutil.AccessDenied:
        return {"err": "ad"}
    except Exception as e:  # noqa: BLE001
        return {"err": type(e).__name__ + ": " + str(e)}


def main():
    out = {}
    for pid in map(int, sys.argv[1:]):
        p = psutil.Process(pid)
        r = {}
        with p.oneshot():
            for name in ["ppid", "name", "exe", "cmdline", "environ", "create_time",
                         "status", "username", "uids", "gids", "terminal", "cwd",
                         "nice", "ionice", "io_counters", "num_ctx_switches",
                         "num_fds", "num_threads", "threads", "cpu_times", "cpu_num",
                         "cpu_affinity", "memory_info", "memory_full_info",
                         "open_files", "memory_maps"]:
                r[name] = call(p, name)
            r["rlimit_nofile"] = call(p, "rlimit", psutil.RLIMIT_NOFILE)
            r["connections_all"] = call(p, "connections", "all")
            r["memory_percent_rss"] = call(p, "memory_percent", "rss")
            r["children"] = call(p, "children")
            r["children"]["v"] = sorted(c.pid for c in p.children()) if "v" in r["children"] else None
        out[str(pid)] = r
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
