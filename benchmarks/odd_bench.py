"""Benchmark the ODD compiler: tei_all (goal < 3 s) and a small customisation (goal < 0.5 s).

Each run starts from nothing in memory: p5subset.xml is parsed and indexed, the ODD resolved,
the RELAX NG built and serialised; `--all-outputs` adds the Schematron and XSD emitters, i.e.
everything `tei odd compile` does except writing files. Reports the best and median of N runs.

    python benchmarks/odd_bench.py [--source P5SUBSET] [--runs N] [--all-outputs]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEI_P5 = ROOT.parent / "shared" / "tei-p5"
CASES = {
    "tei_all": TEI_P5 / "exemplars" / "tei_all.odd",
    "tei_lite": TEI_P5 / "exemplars" / "tei_lite.odd",
    "tei_minimal (small)": TEI_P5 / "exemplars" / "tei_minimal.odd",
}
GOALS = {"tei_all": 3.0, "tei_minimal (small)": 0.5}


def run_once(odd: Path, source: str, all_outputs: bool) -> float:
    from tei.odd import source as source_module
    from tei.odd.compile import compile_odd, rng_bytes

    source_module._CACHE.clear()  # measure the source parse too
    start = time.perf_counter()
    schema = compile_odd(odd, source=source)
    rng_bytes(schema)
    if all_outputs:
        from tei.odd.to_sch import to_schematron
        from tei.odd.to_xsd import to_xsd

        to_schematron(schema.spec, name=schema.name)
        to_xsd(schema.rng)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", default=os.environ.get("TEI_P5_SOURCE"))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--all-outputs", action="store_true")
    args = parser.parse_args(argv)
    source = args.source or str(TEI_P5 / "p5subset.xml")
    if not Path(source).exists():
        print(f"no TEI source at {source}: pass --source or set TEI_P5_SOURCE", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT))
    failed = False
    what = "RNG + Schematron + XSD" if args.all_outputs else "RNG"
    print(
        f"{'ODD':<22} {'best':>8} {'median':>8}  ({what}, {args.runs} runs, source parsed each run)"
    )
    for name, odd in CASES.items():
        times = [run_once(odd, source, args.all_outputs) for _ in range(args.runs)]
        best, median = min(times), statistics.median(times)
        goal = GOALS.get(name)
        verdict = (
            "" if goal is None else (f"  goal < {goal} s: " + ("ok" if median < goal else "MISSED"))
        )
        failed |= goal is not None and median >= goal
        print(f"{name:<22} {best:>7.3f}s {median:>7.3f}s{verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
