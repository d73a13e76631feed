"""One validation run: inputs -> safe loading -> engines -> a Report, in input order.

The schema is compiled once in the calling process; with `jobs > 1` the documents are checked by a
pool of worker processes forked after that (so no worker compiles it again) and results come back
in input order whatever finishes first, so a report never depends on scheduling. jing, a batch
engine, runs once for all documents that loaded.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tei.diagnostics.model import Diagnostic, FileResult, Report, SchemaInfo
from tei.validate.engine import Engine
from tei.validate.inputs import DEFAULT_MAX_SIZE, InputLimits, Source, collect
from tei.validate.load import LoadOptions, load
from tei.validate.refs import RefsEngine
from tei.validate.rng_jing import JingRelaxNG
from tei.validate.rng_lxml import LxmlRelaxNG, duplicate_ids
from tei.validate.schema import SchemaError, SchemaSet, schema_set
from tei.validate.schematron import owns_pointer_checks
from tei.validate.text import TextEngine
from tei.validate.xsd import XsdEngine

RNG_ENGINES = ("lxml", "jing")
Progress = Callable[[int, int, str], None]
"""Called after each document: (documents done, documents in all, the one just done)."""


@dataclass(frozen=True)
class ValidateOptions:
    """What one run checks, built once (by the CLI or the Python API) and passed down."""

    schema: Path | None = None  # a compiled RELAX NG; None: the bundled customisation
    engine: str = "lxml"  # RELAX NG engine: lxml (libxml2) or jing (the reference, needs Java)
    xsd: bool = False  # also validate against the schema's XSD rendering
    jobs: int = 1
    max_size: int = DEFAULT_MAX_SIZE
    require_tei: bool = True  # refuse non-TEI roots before validation


class Checker:
    """The compiled engines for one schema; checks one source into one FileResult."""

    def __init__(self, options: ValidateOptions) -> None:
        if options.engine not in RNG_ENGINES:
            raise SchemaError(f"unknown engine {options.engine!r} (use {' or '.join(RNG_ENGINES)})")
        self.options = options
        self.schema: SchemaSet = schema_set(options.schema)
        self.info: SchemaInfo = self.schema.info()
        self.label = f"{self.info.name} {self.info.version} sha256:{self.info.sha256[:12]}"
        engines: list[Engine] = []
        if options.engine == "lxml":
            engines.append(LxmlRelaxNG(self.schema.relaxng()))
        schematron = self.schema.schematron()
        if schematron is not None:
            engines.append(schematron)
        if not owns_pointer_checks(schematron):
            engines.append(RefsEngine())
        engines.append(TextEngine())
        if options.xsd:
            if self.schema.xsd is None:
                raise SchemaError(f"{self.schema.rng}: no XSD beside it for --xsd")
            engines.append(XsdEngine(self.schema.xsd))
        self.engines = engines
        self.batch = JingRelaxNG(self.schema.rng) if options.engine == "jing" else None
        first = ["jing"] if self.batch is not None else []
        self.names = tuple(dict.fromkeys([*first, *(e.name for e in engines)]))

    def check(self, source: Source) -> FileResult:
        loaded = load(source, LoadOptions(require_tei=self.options.require_tei))
        found = list(loaded.diagnostics)
        if loaded.tree is not None:
            if self.batch is not None:
                found.extend(duplicate_ids(loaded.tree, source.name, "jing"))
            for engine in self.engines:
                found.extend(engine.iter_diagnostics(loaded.tree, source.name))
        return FileResult(source.name, found)


def run(
    paths: Sequence[str | os.PathLike[str]],
    options: ValidateOptions | None = None,
    progress: Progress | None = None,
) -> Report:
    """Validate every document the paths name. Raises `InputError` (no input files, a missing
    path) and `SchemaError` (unusable schema): usage errors, not findings."""
    options = options or ValidateOptions()
    checker = Checker(options)
    sources = collect(paths, InputLimits(max_size=options.max_size))
    return run_sources(sources, checker, progress)


def run_sources(sources: Sequence[Source], checker: Checker, progress: Progress | None) -> Report:
    results = list(_check_all(sources, checker, progress))
    if checker.batch is not None:
        loaded = [s for s, r in zip(sources, results, strict=True) if not _refused(r)]
        by_name = checker.batch.run(loaded)
        for result in results:
            result.diagnostics.extend(by_name.get(result.file, []))
    for result in results:
        result.diagnostics = _finish(result.diagnostics, checker.label)
    return Report(schema=checker.info, files=results, engines=checker.names)


def _refused(result: FileResult) -> bool:
    return any(d.engine == "load" for d in result.diagnostics)


def _finish(found: list[Diagnostic], label: str) -> list[Diagnostic]:
    """Findings in source order (file-level ones first), each naming the schema."""
    stamped = [d if d.schema else dataclasses.replace(d, schema=label) for d in found]
    return sorted(stamped, key=lambda d: (d.line or 0, d.column or 0))


# ----------------------------------------------------------------------------- the pool

_WORKER: Checker | None = None


def _init_worker(checker: Checker | None, options: ValidateOptions) -> None:
    global _WORKER
    _WORKER = checker if checker is not None else Checker(options)


def _work(source: Source) -> FileResult:
    assert _WORKER is not None, "worker not initialised"
    return _WORKER.check(source)


def _check_all(
    sources: Sequence[Source], checker: Checker, progress: Progress | None
) -> Iterator[FileResult]:
    total = len(sources)
    jobs = max(1, min(checker.options.jobs, total))
    results: Iterable[FileResult]
    if jobs == 1:
        results = (checker.check(s) for s in sources)
        yield from _report(results, sources, total, progress)
        return
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    inherited = checker if context.get_start_method() == "fork" else None
    chunk = max(1, min(32, total // (jobs * 8)))
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=context,
        initializer=_init_worker,
        initargs=(inherited, checker.options),
    ) as pool:
        yield from _report(pool.map(_work, sources, chunksize=chunk), sources, total, progress)


def _report(
    results: Iterable[FileResult], sources: Sequence[Source], total: int, progress: Progress | None
) -> Iterator[FileResult]:
    for done, (source, result) in enumerate(zip(sources, results, strict=True), start=1):
        if progress is not None:
            progress(done, total, source.name)
        yield result
