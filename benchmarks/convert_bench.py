"""Benchmark of `converters.read` + the TEI writer on 1,000 documents (one process, one core).

The documents are the made-up examples in examples/ with their numbers varied per copy (telegram
numbers, days, counts), so that no two inputs are equal and the parsers' caches do not turn the
run into a lookup. Reports documents per second of CPU time and the resident memory after each
quarter of the run: memory must stay flat as the count grows. With --repeat N the 1,000 documents
are converted N times and the fastest pass gives the rate (the timeit convention: on a shared
machine the slower passes measure the neighbours), memory is read across all passes.

    python benchmarks/convert_bench.py [--count 1000] [--repeat 3] [--min-rate 200] [--inputs DIR]

(`--inputs ../shared/seeds` runs it on the five seeds, eight times larger than the examples.)

Exits 1 when the rate is below --min-rate or memory grows by more than --max-growth MiB between
the first and the last quarter.
"""

from __future__ import annotations

import argparse
import gc
import re
import resource
import sys
import time
from pathlib import Path

from converters import read
from tei.options import WriteOptions
from tei.writer import to_bytes

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
_NUMBER = re.compile(r"(?<![\d.])(1[5-9]\d{3}|[2-9]\d{2})(?![\d.])")


def documents(count: int, source: Path = EXAMPLES) -> list[str]:
    """`count` distinct inputs made from the *.txt in `source` by shifting their larger numbers."""
    bases = [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))]
    out = []
    for i in range(count):
        base = bases[i % len(bases)]
        out.append(_NUMBER.sub(lambda m, k=i: str(int(m.group(1)) + k), base))
    return out


def rss_mib() -> float:
    """Resident memory now (Linux /proc), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--min-rate", type=float, default=200.0)
    ap.add_argument("--max-growth", type=float, default=20.0, help="MiB")
    ap.add_argument("--repeat", type=int, default=3, help="passes; the fastest gives the rate")
    ap.add_argument("--inputs", type=Path, default=EXAMPLES, help="folder of *.txt to vary")
    args = ap.parse_args(argv)
    docs = documents(args.count, args.inputs)
    opts = WriteOptions(date="2023-11-14")
    for text in docs[:20]:  # warm-up: imports, regex compilation
        to_bytes(read(text)[0], opts)
    gc.collect()
    quarter = max(1, args.count // 4)
    marks: list[tuple[str, float]] = []
    total_bytes = 0
    passes: list[tuple[float, float]] = []
    for k in range(1, max(1, args.repeat) + 1):
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for i, text in enumerate(docs, 1):
            total_bytes += len(to_bytes(read(text)[0], opts))
            if i % quarter == 0:
                marks.append((f"{k}:{i}", rss_mib()))
        passes.append((time.process_time() - cpu0, time.perf_counter() - wall0))
    cpu, wall = min(passes)
    rate = args.count / cpu
    growth = marks[-1][1] - marks[0][1]
    total_bytes //= len(passes)
    print(f"documents: {args.count}  input: {sum(map(len, docs)) / 1e6:.1f} MB chars")
    print(f"output: {total_bytes / 1e6:.1f} MB TEI")
    print("passes cpu s: " + "  ".join(f"{c:.2f}" for c, _ in passes))
    print(f"fastest: cpu {cpu:.2f} s  wall {wall:.2f} s  rate: {rate:.0f} documents/s per core")
    print("rss MiB: " + "  ".join(f"{n}: {mib:.1f}" for n, mib in marks))
    print(f"memory growth first quarter -> end: {growth:+.1f} MiB")
    ok = rate >= args.min_rate and growth <= args.max_growth
    print("OK" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
