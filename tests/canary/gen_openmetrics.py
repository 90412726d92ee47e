#!/usr/bin/env python3
"""Seeded OpenMetrics histories of a baseline and a canary track, for backfilling Prometheus
with `promtool tsdb create-blocks-from openmetrics` in tests and benchmarks.

Usage: gen_openmetrics.py END_EPOCH MINUTES SEED CASE... > out.om
A CASE is NAME:key=value,... with keys (per track, prefix b_ or c_ for baseline / canary):
  rps        requests per second (default 50)
  median     median latency in seconds of a lognormal (default 0.08)
  sigma      log-scale spread (default 0.5)
  err        error probability per request (default 0.001)
  cpu        gauge level (default 0.5); cpu_nan: every N-th gauge sample is NaN (0: none)
  absent     1: the track exports nothing
  gap        minutes at the middle of the history without samples (a scrape outage)
  reset      1: the request counters restart from zero half way (a pod restart)
Samples every 15 s; every series has increasing timestamps and the families are contiguous,
as promtool requires. Labels: case, track; histogram buckets by le.
"""
import math
import random
import sys

BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]
SCRAPE = 15


def parse_case(text):
    name, _, rest = text.partition(":")
    opts = {}
    for part in filter(None, rest.split(",")):
        k, _, v = part.partition("=")
        opts[k] = float(v)
    return name, opts


def track_opts(opts, prefix):
    def get(key, default):
        return opts.get(prefix + key, opts.get(key, default))
    return {
        "rps": get("rps", 50.0), "median": get("median", 0.08), "sigma": get("sigma", 0.5),
        "err": get("err", 0.001), "cpu": get("cpu", 0.5), "cpu_nan": int(get("cpu_nan", 0)),
        "absent": int(get("absent", 0)), "gap": get("gap", 0.0), "reset": int(get("reset", 0)),
    }


def simulate(o, times, rng):
    """Cumulative counters per scrape: bucket counts, count, sum, errors; gauge values."""
    n_bounds = len(BOUNDS)
    cum = [0] * (n_bounds + 1)
    total_sum = 0.0
    errors = 0
    rows = []
    mu = math.log(o["median"])
    half = len(times) // 2
    gap_lo = half - int(o["gap"] * 60 / SCRAPE) // 2
    gap_hi = gap_lo + int(o["gap"] * 60 / SCRAPE)
    for i, t in enumerate(times):
        if o["reset"] and i == half:
            cum = [0] * (n_bounds + 1)
            total_sum = 0.0
            errors = 0
        lam = o["rps"] * SCRAPE
        # Poisson arrivals per scrape interval (normal approximation above 30).
        n = rng.gauss(lam, math.sqrt(lam)) if lam > 30 else poisson(lam, rng)
        n = max(0, int(round(n)))
        for _ in range(n):
            x = rng.lognormvariate(mu, o["sigma"])
            total_sum += x
            k = 0
            while k < n_bounds and x > BOUNDS[k]:
                k += 1
            cum[k] += 1
            if rng.random() < o["err"]:
                errors += 1
        cpu = o["cpu"] * (1 + 0.05 * rng.gauss(0, 1))
        if o["cpu_nan"] and i % o["cpu_nan"] == 0:
            cpu = float("nan")
        if gap_lo <= i < gap_hi:
            continue
        running = 0
        buckets = []
        for k in range(n_bounds + 1):
            running += cum[k]
            buckets.append(running)
        rows.append((t, buckets, total_sum, errors, cpu))
    return rows


def poisson(lam, rng):
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def fmt(v):
    if isinstance(v, float) and math.isnan(v):
        return "NaN"
    return repr(v) if isinstance(v, float) else str(v)


def main():
    end, minutes, seed = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    cases = [parse_case(c) for c in sys.argv[4:]]
    rng = random.Random(seed)
    start = end - minutes * 60
    times = list(range(start, end + 1, SCRAPE))
    data = []  # (case, track, rows)
    for name, opts in cases:
        for track, prefix in (("baseline", "b_"), ("canary", "c_")):
            o = track_opts(opts, prefix)
            if o["absent"]:
                continue
            data.append((name, track, simulate(o, times, rng)))
    out = sys.stdout
    out.write("# HELP http_request_duration_seconds Request latency.\n")
    out.write("# TYPE http_request_duration_seconds histogram\n")
    for name, track, rows in data:
        labels = f'case="{name}",track="{track}"'
        for k, le in enumerate([fmt(b) for b in BOUNDS] + ["+Inf"]):
            for t, buckets, _, _, _ in rows:
                out.write(f'http_request_duration_seconds_bucket{{{labels},le="{le}"}} '
                          f"{buckets[k]} {t}\n")
        for t, buckets, _, _, _ in rows:
            out.write(f"http_request_duration_seconds_count{{{labels}}} {buckets[-1]} {t}\n")
        for t, _, s, _, _ in rows:
            out.write(f"http_request_duration_seconds_sum{{{labels}}} {s:.6f} {t}\n")
    out.write("# HELP http_requests Requests served.\n# TYPE http_requests counter\n")
    for name, track, rows in data:
        for t, buckets, _, _, _ in rows:
            out.write(f'http_requests_total{{case="{name}",track="{track}"}} {buckets[-1]} {t}\n')
    out.write("# HELP http_requests_errors Requests that failed.\n")
    out.write("# TYPE http_requests_errors counter\n")
    for name, track, rows in data:
        for t, _, _, e, _ in rows:
            out.write(f'http_requests_errors_total{{case="{name}",track="{track}"}} {e} {t}\n')
    out.write("# HELP cpu_usage Share of a core in use.\n# TYPE cpu_usage gauge\n")
    for name, track, rows in data:
        for t, _, _, _, c in rows:
            out.write(f'cpu_usage{{case="{name}",track="{track}"}} {fmt(c)} {t}\n')
    out.write("# EOF\n")


if __name__ == "__main__":
    main()
