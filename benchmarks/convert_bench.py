"""Benchmark of `converters.read` + the TEI writer on 1,000 documents (one process, one core).

The documents are the made-up examples in examples/ (or the *.txt of --inputs) varied per copy:
their numbers shift (telegram numbers, days, counts) and every line of running text gets a word
spelling the copy's number, so that no two inputs share a line of prose and the parsers' caches
(which serve lines that recur within a document) cannot turn the run into a lookup across
documents: each document costs what a new archive page would. Reports documents per second of
CPU time and the resident memory after each quarter of the run: memory must stay flat as the
count grows. With --repeat N the 1,000 documents
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
import os
import platform
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
_LOWER_WORD = re.compile(r"\b[a-zа-яё]{5,}\b")
_PROSE_WORDS = 10  # a line of running text has this many words, most in lower case
_PROSE_LOWER = 0.6
_LATIN = "abcdefghijklmnopqrstuvwxyz"
_CYRILLIC = "абвгдежзийклмнопрстуфхцчшщъыьэюя"


def documents(count: int, source: Path = EXAMPLES) -> list[str]:
    """`count` distinct inputs made from the *.txt in `source`: larger numbers shifted, and the
    words of running text misspelt differently in each copy (see the module docstring)."""
    bases = [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))]
    out = []
    for i in range(count):
        base = bases[i % len(bases)]
        text = _NUMBER.sub(lambda m, k=i: str(int(m.group(1)) + k), base)
        out.append("\n".join(_vary_prose(line, i) for line in text.split("\n")))
    return out


def _vary_prose(line: str, k: int) -> str:
    """A line of running text made unique to copy `k`: its last longer lower-case word is
    rewritten to spell `k` in letters of the word's own script. Heading lines are left alone
    (few words, mostly capitals and numbers), so each copy is read the same way."""
    tokens = line.split()
    lower = sum(1 for t in tokens if t[:1].islower())
    last = None
    for last in _LOWER_WORD.finditer(line):  # noqa: B007 (the last match is the one wanted)
        pass
    if len(tokens) < _PROSE_WORDS or lower < _PROSE_LOWER * len(tokens) or last is None:
        return line
    return line[: last.start()] + _spell(last.group(), k) + line[last.end() :]


def _spell(word: str, k: int) -> str:
    """`word` with its tail replaced by `k` written in base-26 (Latin) or base-32 (Cyrillic)."""
    alphabet = _CYRILLIC if word[0] >= "а" else _LATIN
    digits = ""
    while True:
        k, r = divmod(k, len(alphabet))
        digits += alphabet[r]
        if not k:
            break
    return word[:2] + digits


def rss_mib() -> float:
    """Resident memory now (Linux /proc), MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def machine() -> str:
    """What the rate was measured on: a per-core rate means little without the CPU and the load."""
    model = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    python = platform.python_version()
    return f"{model}, {os.cpu_count()} CPUs, load average {load:.1f}, Python {python}"


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
    print(f"machine: {machine()}")
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
