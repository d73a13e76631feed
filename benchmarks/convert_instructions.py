"""CPU instructions per converted document, counted by valgrind's callgrind: a figure that does
not depend on the machine's speed or load, for comparing two versions of the converter on a
shared machine (the documents/s of convert_bench.py vary with the CPU and the neighbours).

    python benchmarks/convert_instructions.py [--count 40] [--inputs DIR]

Runs this script under callgrind twice, converting the same warm-up documents and then 0 or
`--count` benchmark documents (made as convert_bench.py makes them), and prints the difference
per document. Needs `valgrind` on PATH; takes about a minute for 40 seed-sized documents.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

from convert_bench import EXAMPLES, documents  # beside this script, which is sys.path[0]

from converters import read
from tei.options import WriteOptions
from tei.writer import to_bytes

_WARM_UP = 20
_COLLECTED = re.compile(r"Collected : (\d+)")


def convert(count: int, inputs: Path) -> None:
    """The measured work: a warm-up (imports, regex compilation), then `count` new documents."""
    docs = documents(_WARM_UP + count, inputs)
    opts = WriteOptions(date="2023-11-14")
    for text in docs:
        to_bytes(read(text)[0], opts)


def instructions(count: int, inputs: Path) -> int:
    """Instructions callgrind counts for a run of this script converting `count` documents."""
    cmd = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
        sys.executable, __file__, "--run", str(count), "--inputs", str(inputs),
    ]  # fmt: skip
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    found = _COLLECTED.search(done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--inputs", type=Path, default=EXAMPLES, help="folder of *.txt to vary")
    ap.add_argument("--run", type=int, help=argparse.SUPPRESS)  # the measured child
    args = ap.parse_args(argv)
    if args.run is not None:
        convert(args.run, args.inputs)
        return 0
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    base = instructions(0, args.inputs)
    total = instructions(args.count, args.inputs)
    print(f"{(total - base) / args.count / 1e6:.2f} M instructions per document")
    return 0


if __name__ == "__main__":
    sys.exit(main())
