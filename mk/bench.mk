# Benchmarks (issue 7): bench/ is a separate Go module (gopsutil must never
# become a dependency of the library). `make bench` regenerates
# BENCHMARKS.md and docs/bench-ratios.png (about 5 minutes);
# `make bench-smoke` (in TEST_TARGETS, ~30 s) builds the harness and runs
# every workload once with tiny counts.
BENCH_BIN := bench/out/bin
BENCH_CC ?= cc

DEPS_PKGS += gnuplot-nox python3-psutil

.PHONY: bench bench-smoke bench-build

# The floor, psutil and gopsutil workers must build. Ours is built
# tolerantly for `make bench` (a missing API is reported as "not measured"),
# strictly for bench-smoke.
bench-build:
	@mkdir -p $(BENCH_BIN)
	$(BENCH_CC) -O2 -Wall -Wextra -o $(BENCH_BIN)/floor bench/c/floor.c
	$(BENCH_CC) -O2 -Wall -Wextra -o $(BENCH_BIN)/vmfloor bench/c/vmfloor.c
	$(BENCH_CC) -O2 -Wall -Wextra -o $(BENCH_BIN)/launch bench/c/launch.c
	cd bench && $(GO) build -o out/bin/ ./cmd/benchrun ./cmd/wgopsutil ./cmd/vmgopsutil
	cd bench && rm -f out/bin/wours out/bin/vmours && \
	  { $(GO) build -o out/bin/ ./cmd/wours ./cmd/vmours || \
	    { [ -z "$(BENCH_STRICT)" ] && echo "bench: our workers did not build: reported as not measured"; }; }

bench: bench-build
	cd bench && ./out/bin/benchrun -report ../BENCHMARKS.md -chart ../docs/bench-ratios.png

bench-smoke:
	@$(MAKE) --no-print-directory bench-build BENCH_STRICT=1
	cd bench && mkdir -p out/smoke && ./out/bin/benchrun -smoke -out out/smoke -chart out/smoke/chart.png > out/smoke/report.md && \
	  echo "bench-smoke: ok (report in bench/out/smoke/report.md)"

TEST_TARGETS += bench-smoke
