#!/usr/bin/python3
"""W5: print virtual_memory once (start-up time and peak RSS are measured
by the harness)."""
import psutil

m = psutil.virtual_memory()
print("total=%d available=%d percent=%.1f used=%d free=%d"
      % (m.total, m.available, m.percent, m.used, m.free))
