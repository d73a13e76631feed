"""Benchmark `tei validate` against jing, in one run on the same files.

    python benchmarks/validate_bench.py [--docs N] [--from DIR] [--schema RNG] [--check]

Measures, on N documents (default 1,000):
* schema loading: compiling the RELAX NG (lxml) and the Schematron, fresh, in ms (the Schematron
  both without and with its per-user parse cache, tei/validate/sch_cache.py);
* `tei validate` (RELAX NG via lxml + every Schematron rule + pointer checks) with --jobs 1 and 2;
* jing validating the same files against ../shared/tei-p5/tei_all.rng in one JVM (with start-up).

The documents are the converted seeds when `--from DIR` names a folder of converted XML, else
variants of ../shared/design/example-000.xml (dates varied so no two are equal), written to a
temporary folder. `--check` exits 1 unless the issue's targets hold (>= 3x jing, < 100 ms schema
loading, jobs 2 >= 1.7x jobs 1). Prints a Markdown table for the README.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

from tei.validate.rng_jing import jing_jar
from tei.validate.run import ValidateOptions, run
from tei.validate.schema import schema_set
from tei.validate.schematron import Schematron

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLE = SHARED / "design" / "example-000.xml"
TEI_ALL = SHARED / "tei-p5" / "tei_all.rng"


def make_documents(folder: Path, count: int, source: Path | None) -> list[Path]:
    """`count` documents: copies of the converted files in `source`, or example variants."""
    folder.mkdir(parents=True, exist_ok=True)
    originals = sorted(source.glob("*.xml")) if source else []
    if not originals:
        originals = [EXAMPLE]
    paths = []
    for i in range(count):
        text = originals[i % len(originals)].read_text(encoding="utf-8")
        day = f"{i % 28 + 1:02d}"
        text = text.replace('when="1951-01-29"', f'when="1951-01-{day}"', 1)
        path = folder / f"doc-{i:05d}.xml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def time_schema_loading(rng: Path, cache: Path) -> tuple[float, float, float]:
    """Fresh compilation times (ms), best of 5: the RELAX NG, the Schematron without the parse
    cache (sch_cache) and with it (primed in `cache`)."""
    schemas = schema_set(rng)
    best_rng = best_cold = best_warm = float("inf")
    saved = os.environ.get("TEI_CACHE_DIR")
    try:
        for _ in range(5):
            start = time.perf_counter()
            etree.RelaxNG(etree.parse(str(schemas.rng)))
            best_rng = min(best_rng, time.perf_counter() - start)
            if schemas.sch is None:
                continue
            for where in ("off", str(cache)):
                os.environ["TEI_CACHE_DIR"] = where
                start = time.perf_counter()
                Schematron.from_path(schemas.sch)
                took = time.perf_counter() - start
                if where == "off":
                    best_cold = min(best_cold, took)
                else:
                    best_warm = min(best_warm, took)
    finally:
        if saved is None:
            os.environ.pop("TEI_CACHE_DIR", None)
        else:
            os.environ["TEI_CACHE_DIR"] = saved
    if schemas.sch is None:
        return best_rng * 1000, 0.0, 0.0
    return best_rng * 1000, best_cold * 1000, best_warm * 1000


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_toolkit(paths: list[Path], rng: Path | None, jobs: int) -> tuple[float, float, bool]:
    """Wall time and CPU time (this process and its workers) of one run."""
    start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    report = run([str(p) for p in paths], ValidateOptions(schema=rng, jobs=jobs))
    used = time.process_time() - cpu + _children_cpu() - children
    return time.perf_counter() - start, used, report.is_valid()


def time_jing(paths: list[Path]) -> tuple[float, float]:
    """Wall time and CPU time of one JVM validating all files."""
    java = shutil.which("java")
    if java is None:
        raise SystemExit("jing needs Java: install a Java runtime")
    start, children = time.perf_counter(), _children_cpu()
    subprocess.run(
        [java, "-jar", str(jing_jar()), str(TEI_ALL), *map(str, paths)],
        capture_output=True,
        check=False,
    )
    return time.perf_counter() - start, _children_cpu() - children


def _per_doc(docs: int, *cpu: float) -> str:
    return " / ".join(f"{c / docs * 1000:.1f} ms" for c in cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--from", dest="source", type=Path, help="a folder of converted XML")
    parser.add_argument("--schema", type=Path, help="RELAX NG to benchmark (default: bundled)")
    parser.add_argument("--check", action="store_true", help="exit 1 unless the targets hold")
    args = parser.parse_args(argv)
    rng: Path | None = args.schema
    with tempfile.TemporaryDirectory(prefix="tei-bench-") as tmp:
        paths = make_documents(Path(tmp), args.docs, args.source)
        load_rng, load_cold, load_sch = time_schema_loading(
            rng or schema_set(None).rng, Path(tmp) / "cache"
        )
        run(paths[:2], ValidateOptions(schema=rng))  # warm the per-process schema cache
        one, one_cpu, valid = time_toolkit(paths, rng, 1)
        two, two_cpu, _ = time_toolkit(paths, rng, 2)
        jing, jing_cpu = time_jing(paths)
        load = os.getloadavg()[0]
    rows = [
        ("documents", f"{args.docs}" + ("" if valid else " (some invalid)")),
        ("schema loading: RELAX NG (lxml)", f"{load_rng:.0f} ms"),
        ("schema loading: Schematron, first time (no parse cache)", f"{load_cold:.0f} ms"),
        ("schema loading: Schematron, parse cache warm", f"{load_sch:.0f} ms"),
        ("tei validate --jobs 1 (RNG + Schematron + refs)", f"{one:.2f} s (CPU {one_cpu:.2f} s)"),
        ("tei validate --jobs 2", f"{two:.2f} s (CPU {two_cpu:.2f} s)"),
        ("jing, tei_all.rng, one JVM", f"{jing:.2f} s (CPU {jing_cpu:.2f} s)"),
        ("speed-up vs jing, wall (--jobs 1 / --jobs 2)", f"{jing / one:.2f}x / {jing / two:.2f}x"),
        ("speed-up vs jing, CPU time (--jobs 1)", f"{jing_cpu / one_cpu:.2f}x"),
        ("--jobs 2 vs --jobs 1, wall", f"{one / two:.2f}x"),
        (
            "CPU per document, --jobs 1 / --jobs 2 / jing",
            _per_doc(args.docs, one_cpu, two_cpu, jing_cpu),
        ),
        ("CPUs / load average at the end", f"{os.cpu_count()} / {load:.1f}"),
    ]
    print("| measure | value |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")
    ok = jing / min(one, two) >= 3 and max(load_rng, load_sch) < 100 and one / two >= 1.7
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    sys.exit(main())
