"""docs/customisation.md, rendered from odd/telegrams.odd so the page can never drift from the ODD.

Run `python tests/schema/customisation_doc.py` from the project root to rewrite the page after
changing the ODD; `test_schema_docs.py` fails while the committed page differs from this rendering.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import textwrap
from pathlib import Path

from lxml import etree

sys.path.insert(0, str(Path(__file__).resolve().parent))
from odd_facts import ROOT, Constraint, ElementDoc, read_odd

PAGE = ROOT / "docs" / "customisation.md"
_XMLNS = re.compile(r' xmlns(?::[\w-]+)?="[^"]*"')


def code_of(rule: str) -> str:
    """The diagnostic code the validator reports for a rule (pointer and alignment families)."""
    for prefix, code in (("ref-", "REF"), ("align-", "ALIGN")):
        if rule.startswith(prefix):
            return code
    return f"SCH-{rule}"


def _example(eg: etree._Element) -> str:
    parts = [eg.text or ""]
    for child in eg:
        parts.append(_XMLNS.sub("", etree.tostring(child, encoding="unicode")))
    text = "".join(parts).lstrip("\n").rstrip()
    return "\n".join(line.rstrip() for line in textwrap.dedent(text).splitlines())


def _attributes(e: ElementDoc) -> list[str]:
    out = []
    for att, values in e.closed.items():
        req = " (required)" if att in e.required else ""
        out.append(f"- `@{att}`{req}, closed list:")
        out.extend(f"  - `{v.ident}`: {v.desc}" for v in values)
    others = [a for a in e.required if a not in e.closed]
    if others:
        out.append("- required: " + ", ".join(f"`@{a}`" for a in others))
    if e.deleted:
        out.append("- removed: " + ", ".join(f"`@{a}`" for a in e.deleted))
    return out


def _constraint(c: Constraint) -> list[str]:
    return [
        f"### {c.ident}",
        "",
        f"Reported as `{code_of(c.ident)}` · declared on `{c.element}` · rule context "
        f"`{c.context}`",
        "",
        c.desc,
        "",
    ]


def render() -> str:
    """The whole page, deterministically, from the ODD alone."""
    odd = read_odd()
    lines = [
        "# The telegrams customisation",
        "",
        "<!-- Generated from odd/telegrams.odd by tests/schema/customisation_doc.py: edit the ODD,",
        "     then run `python tests/schema/customisation_doc.py`. -->",
        "",
        f"Schema `{odd.ident}`, version {odd.version}: a strict subset of TEI P5 (`tei_all`) for",
        "ciphered telegrams with their English translation and Russian original. The source is",
        "`odd/telegrams.odd`; `tei odd compile odd/telegrams.odd --source p5subset.xml -o schema`",
        "compiles it to `schema/telegrams.rng`, `.sch` (ISO Schematron, XPath 2) and `.xsd`.",
        "`tei validate` reports a broken structure as `RNG`, a broken rule below as its code.",
        "",
    ]
    for head, paragraphs in odd.sections:
        lines += [f"## {head}", ""]
        for para in paragraphs:
            lines += [para, ""]
    lines += [
        "## Modules",
        "",
        "| module | elements kept |",
        "|---|---|",
    ]
    lines += [f"| {k} | {' '.join(v) if v else '(classes only)'} |" for k, v in odd.modules.items()]
    lines += [
        "",
        "## Rules (Schematron)",
        "",
        "Each rule has a stable id; the validator reports it under the code shown (`SCH-<id>`, or",
        "`REF` for pointers and `ALIGN` for the bilingual alignment).",
        "",
        "| id | code | declared on |",
        "|---|---|---|",
    ]
    lines += [
        f"| [{c.ident}](#{c.ident}) | `{code_of(c.ident)}` | `{c.element}` |"
        for c in sorted(odd.constraints, key=lambda c: c.ident)
    ]
    lines.append("")
    for c in sorted(odd.constraints, key=lambda c: c.ident):
        lines += _constraint(c)
    lines += ["## Elements", ""]
    for e in sorted(odd.elements.values(), key=lambda x: x.ident.lower()):
        lines += [f"### `{e.ident}`: {e.gloss}", "", f"Module `{e.module}`. {e.desc}", ""]
        attributes = _attributes(e)
        if attributes:
            lines += [*attributes, ""]
        for eg in e.examples:
            lines += ["```xml", _example(eg), "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def write(path: Path = PAGE) -> None:
    """Rewrite the page atomically."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(render())
    os.replace(tmp, path)


if __name__ == "__main__":
    write()
