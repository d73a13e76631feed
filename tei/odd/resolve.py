"""Resolve an ODD customisation against the TEI source: select, apply modes, prune.

The result is one TEI `schemaSpec` element (like the TEI toolchain's odd2odd output) holding a
complete copy of every spec kept, with all `add`/`change`/`replace`/`delete` modes applied,
inherited attributes that an element or class overrides merged into local `attDef`s, and
references to anything not kept removed from content models and class memberships.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from tei.odd.errors import OddError, UnsupportedFeature
from tei.odd.load import RNG, RNG_NS, TEI, TEI_NS, line_of, local
from tei.odd.source import SPEC_TAGS, Source

REF_TAGS = {"elementRef", "classRef", "macroRef", "dataRef"}
EXPANSIONS = (
    "alternation",
    "sequence",
    "sequenceOptional",
    "sequenceOptionalRepeatable",
    "sequenceRepeatable",
)
_PENDING = "{urn:x-tei-toolkit:odd}pending"
_EXPLICIT = "{urn:x-tei-toolkit:odd}explicit"
_MARKERS = (_PENDING, _EXPLICIT)
_ODD_GROUPS = ("sequence", "alternate", "interleave")
_RNG_GROUPS = (
    "group",
    "choice",
    "interleave",
    "optional",
    "zeroOrMore",
    "oneOrMore",
    "list",
    "mixed",
)


@dataclass
class _State:
    """The specs selected so far, in order, and what the ODD itself wrote (for error checks)."""

    odd: Path
    source: Source
    specs: dict[str, etree._Element] = field(default_factory=dict)
    deleted: set[str] = field(default_factory=set)
    authored: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)


def _line(el: etree._Element) -> int | None:
    return line_of(el)


def _fail(state: _State, el: etree._Element, message: str) -> OddError:
    return OddError(message, file=state.odd, line=_line(el))


def find_schema_spec(root: etree._Element, odd: Path) -> etree._Element:
    """The customisation's schemaSpec (the first one, as the TEI toolchain takes)."""
    if local(root) == "schemaSpec" and etree.QName(root).namespace == TEI_NS:
        return root
    spec = root.find(f".//{TEI}schemaSpec")
    if spec is None:
        raise OddError("no TEI schemaSpec element: not an ODD customisation", file=odd, line=1)
    if not spec.get("ident"):
        raise OddError("schemaSpec has no @ident", file=odd, line=_line(spec))
    return spec


def _expand_groups(
    state: _State, children: list[etree._Element], groups: dict[str, etree._Element], seen: set[str]
) -> Iterator[etree._Element]:
    """The schemaSpec's children with specGrpRef replaced by the referenced specGrp's content."""
    for child in children:
        name = local(child)
        if etree.QName(child).namespace != TEI_NS if isinstance(child.tag, str) else True:
            continue
        if name == "specGrpRef":
            target = child.get("target", "")
            if not target.startswith("#"):
                raise UnsupportedFeature(
                    f"specGrpRef to an external file ({target!r}) is not supported",
                    file=state.odd,
                    line=_line(child),
                )
            grp = groups.get(target[1:])
            if grp is None:  # the TEI toolchain skips these too (tei_simplePrint has one)
                state.warnings.append(
                    f"{state.odd}:{_line(child)}: specGrpRef target {target!r} names no "
                    "specGrp; ignored"
                )
                continue
            if target in seen:
                continue
            yield from _expand_groups(state, list(grp), groups, seen | {target})
        elif name == "specGrp":
            yield from _expand_groups(state, list(child), groups, seen)
        else:
            yield child


def _select_module(state: _State, ref: etree._Element) -> None:
    key = ref.get("key")
    if ref.get("url") is not None and key is None:
        raise UnsupportedFeature(
            "moduleRef/@url (an external RELAX NG module) is not supported",
            file=state.odd,
            line=_line(ref),
        )
    if not key or key not in state.source.modules:
        raise _fail(state, ref, f"unknown module {key!r} in moduleRef/@key")
    idents = state.source.modules[key]
    elements = {i for i in idents if state.source.kind(i) == "elementSpec"}
    include = (ref.get("include") or "").split()
    exclude = (ref.get("except") or "").split()
    for attr, names in (("include", include), ("except", exclude)):
        unknown = [n for n in names if n not in idents]
        if unknown:  # a warning, as the TEI toolchain ignores them (tei_simplePrint has one)
            state.warnings.append(
                f"{state.odd}:{_line(ref)}: moduleRef key={key!r} @{attr} names what module "
                f"{key!r} does not define, ignored: " + ", ".join(unknown)
            )
    for ident in idents:
        if ident in elements and ((include and ident not in include) or ident in exclude):
            continue
        if ident not in state.specs:
            state.specs[ident] = copy.deepcopy(state.source.specs[ident])


def _select_ref(state: _State, ref: etree._Element) -> None:
    kinds = {
        "elementRef": "elementSpec",
        "classRef": "classSpec",
        "macroRef": "macroSpec",
        "dataRef": "dataSpec",
    }
    key = ref.get("key")
    want = kinds[local(ref)]
    if not key or state.source.kind(key) != want:
        raise _fail(state, ref, f"unknown {want[:-4]} {key!r} in {local(ref)}/@key")
    if key not in state.specs:
        state.specs[key] = copy.deepcopy(state.source.specs[key])


# ---------------------------------------------------------------- merging (mode="change")


def _strip_mode(el: etree._Element) -> etree._Element:
    if "mode" in el.attrib:
        del el.attrib["mode"]
    return el


def _merge_val_list(target: etree._Element, new: etree._Element) -> None:
    """Apply a valList (add/replace/change/delete) to the attDef or content `target`."""
    mode = new.get("mode", "add")
    old = target.find(TEI + "valList")
    if mode == "delete":
        if old is not None:
            target.remove(old)
        return
    if old is None or mode == "replace":
        fresh = _strip_mode(copy.deepcopy(new))
        fresh.set(_EXPLICIT, "1")
        for item in fresh.findall(TEI + "valItem"):
            if item.get("mode") == "delete":
                fresh.remove(item)
            else:
                _strip_mode(item)
        if old is None:
            target.append(fresh)
        else:
            target.replace(old, fresh)
        return
    old.set(_EXPLICIT, "1")
    for k, v in new.attrib.items():
        if k != "mode":
            old.set(k, v)
    items = {i.get("ident"): i for i in old.findall(TEI + "valItem")}
    for item in new.findall(TEI + "valItem"):
        ident = item.get("ident")
        existing = items.get(ident)
        if item.get("mode") == "delete":
            if existing is not None:
                old.remove(existing)
            continue
        fresh = _strip_mode(copy.deepcopy(item))
        if existing is not None:
            old.replace(existing, fresh)
        else:
            old.append(fresh)
        items[ident] = fresh


def _replace_children(target: etree._Element, new: etree._Element) -> None:
    """Replace all of target's children with new's tag by a copy of new (keeping the place)."""
    olds = [c for c in target if c.tag == new.tag]
    fresh = _strip_mode(copy.deepcopy(new))
    if olds:
        target.replace(olds[0], fresh)
        for extra in olds[1:]:
            target.remove(extra)
    else:
        target.append(fresh)


def merge_att_def(old: etree._Element, new: etree._Element) -> etree._Element:
    """An attDef changed by `new` (mode="change"): attributes and children override."""
    result = copy.deepcopy(old)
    for k, v in new.attrib.items():
        if k != "mode":
            result.set(k, v)
    _strip_mode(result)
    replaced: set[str] = set()
    for child in new:
        if not isinstance(child.tag, str):
            continue
        name = local(child)
        if name == "valList":
            # As odd2odd: a valList without @mode in a change leaves the old list in place;
            # one the ODD already merged into an override (marked explicit) replaces it.
            if child.get(_EXPLICIT) is not None and child.get("mode") is None:
                explicit = copy.deepcopy(child)
                explicit.set("mode", "replace")
                _merge_val_list(result, explicit)
            elif child.get("mode") is not None:
                _merge_val_list(result, child)
        elif name == "constraintSpec":
            _merge_constraint(result, child)
        elif child.tag in replaced:
            result.append(copy.deepcopy(child))
        else:
            replaced.add(child.tag)
            _replace_children(result, child)
    return result


def _merge_constraint(
    target: etree._Element, new: etree._Element, anchor: etree._Element | None = None
) -> None:
    """Add, replace or delete a constraintSpec by @ident; a new one goes before `anchor`
    (odd2odd puts the ODD's added constraints before the source's own)."""
    ident = new.get("ident")
    old = next((c for c in target.findall(TEI + "constraintSpec") if c.get("ident") == ident), None)
    if new.get("mode") == "delete":
        if old is not None:
            target.remove(old)
        return
    fresh = _strip_mode(copy.deepcopy(new))
    if old is not None:
        target.replace(old, fresh)
    elif anchor is not None and anchor.getparent() is target:
        anchor.addprevious(fresh)
    else:
        target.append(fresh)


def _merge_att_list(target: etree._Element, new: etree._Element) -> None:
    att_list = target.find(TEI + "attList")
    if att_list is None:
        att_list = etree.SubElement(target, TEI + "attList")
    if new.get("mode") == "replace":
        att_list.clear()
    for k, v in new.attrib.items():
        if k != "mode":
            att_list.set(k, v)
    for att in new:
        if not isinstance(att.tag, str):
            continue
        if local(att) == "attList":
            _merge_att_list(att_list, att)  # nested org="choice" lists are flattened
            continue
        if local(att) != "attDef":
            att_list.append(copy.deepcopy(att))
            continue
        ident = att.get("ident")
        existing = next((a for a in att_list.iter(TEI + "attDef") if a.get("ident") == ident), None)
        mode = att.get("mode", "add")
        if existing is not None and existing.get("mode") not in (None, "add", "replace"):
            existing_override = True  # an override of an inherited attribute
        else:
            existing_override = False
        if mode == "delete":
            marker = etree.Element(TEI + "attDef", ident=ident or "", mode="delete")
            if existing is not None:
                # as odd2odd: the deleted attribute's constraints stay, on the spec itself
                for constraint in existing.findall(TEI + "constraintSpec"):
                    target.append(constraint)
                existing.getparent().replace(existing, marker)  # type: ignore[union-attr]
            else:
                att_list.append(marker)
        elif mode == "change" and existing is not None:
            merged = merge_att_def(existing, att)
            if existing_override:
                merged.set("mode", existing.get("mode", "change"))
            existing.getparent().replace(existing, merged)  # type: ignore[union-attr]
        elif mode == "change":
            pending = copy.deepcopy(att)
            pending.set(_PENDING, "1")  # resolved against the classes later, else dropped
            att_list.append(pending)
        else:
            fresh = _strip_mode(copy.deepcopy(att))
            if existing is not None:
                existing.getparent().replace(existing, fresh)  # type: ignore[union-attr]
            else:
                att_list.append(fresh)


def _merge_classes(target: etree._Element, new: etree._Element) -> None:
    old = target.find(TEI + "classes")
    if new.get("mode", "replace") == "replace" or old is None:
        fresh = _strip_mode(copy.deepcopy(new))
        for m in fresh.findall(TEI + "memberOf"):
            if m.get("mode") == "delete":
                fresh.remove(m)
        if old is None:
            target.append(fresh)
        else:
            target.replace(old, fresh)
        return
    members = {m.get("key"): m for m in old.findall(TEI + "memberOf")}
    for m in new.findall(TEI + "memberOf"):
        key = m.get("key")
        if m.get("mode") == "delete":
            if key in members:
                old.remove(members.pop(key))
        elif key not in members:
            members[key] = _strip_mode(copy.deepcopy(m))
            old.append(members[key])


def merge_spec(old: etree._Element, new: etree._Element) -> etree._Element:
    """A spec changed by `new` (mode="change"): each part given replaces or merges the old."""
    result = copy.deepcopy(old)
    for k, v in new.attrib.items():
        if k != "mode":
            result.set(k, v)
    replaced: set[str] = set()
    first_constraint = result.find(TEI + "constraintSpec")
    for child in new:
        if not isinstance(child.tag, str):
            continue
        name = local(child)
        if name == "classes":
            _merge_classes(result, child)
        elif name == "attList":
            _merge_att_list(result, child)
        elif name == "constraintSpec":
            _merge_constraint(result, child, first_constraint)
        elif name == "valList":
            _merge_val_list(result, child)
        elif child.tag in replaced:
            result.append(copy.deepcopy(child))
        else:
            replaced.add(child.tag)
            _replace_children(result, child)
    return result


# ---------------------------------------------------------------- customisation


def _apply_spec(state: _State, spec: etree._Element) -> None:
    ident = spec.get("ident")
    kind = local(spec)
    if not ident:
        raise _fail(state, spec, f"{kind} has no @ident")
    mode = spec.get("mode", "add")
    in_source = state.source.kind(ident) == kind
    if mode == "delete":
        if ident not in state.specs and not in_source:
            line = _line(spec)
            state.warnings.append(
                f"{state.odd}:{line}: {kind} {ident!r} (mode delete) names nothing in the "
                f"source or the schema; ignored"
            )
        state.specs.pop(ident, None)
        state.deleted.add(ident)
    elif mode == "change":
        if ident in state.specs:
            state.specs[ident] = merge_spec(state.specs[ident], spec)
            state.authored.add(ident)
        elif not in_source and ident not in state.deleted:
            state.warnings.append(
                f"{state.odd}:{_line(spec)}: {kind} {ident!r} (mode change) names nothing in "
                "the source or the schema; ignored"
            )
    elif mode in ("add", "replace"):
        fresh = _strip_mode(copy.deepcopy(spec))
        if mode == "add" and ident in state.specs:
            fresh = merge_spec(state.specs[ident], spec)
        for el in fresh.iter(TEI + "attDef", TEI + "valList", TEI + "valItem", TEI + "classes"):
            if el.get("mode") in ("add", "replace"):
                _strip_mode(el)
        if fresh.get("module") is None and in_source:
            fresh.set("module", state.source.specs[ident].get("module", ""))
        state.specs[ident] = fresh
        state.deleted.discard(ident)
        state.authored.add(ident)
    else:
        raise _fail(state, spec, f"unknown mode {mode!r} on {kind} {ident!r}")


# ---------------------------------------------------------------- inheritance and pruning


def memberships(spec: etree._Element) -> list[str]:
    """The keys of the classes a spec is a member of, in document order."""
    classes = spec.find(TEI + "classes")
    if classes is None:
        return []
    return [m.get("key", "") for m in classes.findall(TEI + "memberOf")]


def class_att_defs(
    specs: dict[str, etree._Element], key: str, seen: set[str] | None = None
) -> dict[str, etree._Element]:
    """Every attDef an attribute class provides, its own and inherited, by ident."""
    seen = seen if seen is not None else set()
    if key in seen or key not in specs:
        return {}
    seen.add(key)
    spec = specs[key]
    out: dict[str, etree._Element] = {}
    for sup in memberships(spec):
        sup_spec = specs.get(sup)
        if sup_spec is not None and sup_spec.get("type") == "atts":
            out.update(class_att_defs(specs, sup, seen))
    for att in spec.iter(TEI + "attDef"):
        if att.get("mode") == "delete":
            out.pop(att.get("ident", ""), None)
        else:
            out[att.get("ident", "")] = att
    return out


def _resolve_overrides(specs: dict[str, etree._Element]) -> None:
    """Merge attDef changes of inherited attributes into complete local definitions."""
    for spec in specs.values():
        att_list = spec.find(TEI + "attList")
        if att_list is None:
            continue
        pending = [a for a in att_list.iter(TEI + "attDef") if a.get("mode") == "change"]
        if not pending:
            continue
        inherited: dict[str, etree._Element] = {}
        for key in memberships(spec):
            if key in specs and specs[key].get("type") == "atts":
                inherited.update(class_att_defs(specs, key))
        for att in pending:
            base = inherited.get(att.get("ident", ""))
            from_odd = att.get(_PENDING) is not None
            if from_odd:
                del att.attrib[_PENDING]
            if base is not None:
                merged = merge_att_def(base, att)
                merged.set("mode", "change")
                att.getparent().replace(att, merged)  # type: ignore[union-attr]
            elif from_odd:  # as odd2odd: changing an attribute that does not exist is a no-op
                att.getparent().remove(att)  # type: ignore[union-attr]


def _prune_model(el: etree._Element, keep: set[str], prefix: str) -> bool:
    """Drop references to specs not kept; report whether anything meaningful is left."""
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        name = local(child)
        ns = etree.QName(child).namespace
        if ns == TEI_NS and name in ("elementRef", "classRef", "macroRef"):
            if child.get("key") not in keep:
                el.remove(child)
        elif ns == RNG_NS and name == "ref":
            if not is_kept_pattern(child.get("name", ""), keep):
                el.remove(child)
        elif (
            (ns == TEI_NS and name in _ODD_GROUPS) or (ns == RNG_NS and name in _RNG_GROUPS)
        ) and not _prune_model(child, keep, prefix):
            el.remove(child)
    return any(isinstance(c.tag, str) for c in el)


def is_kept_pattern(name: str, keep: set[str] | dict[str, etree._Element]) -> bool:
    """Whether an RNG ref names a kept spec or an expansion (model.x_sequence) of one."""
    if name in keep:
        return True
    for marker in (".attributes", ".attribute."):  # attribute-class patterns in RNG content
        if marker in name and name.split(marker, 1)[0] in keep:
            return True
    base, _, suffix = name.rpartition("_")
    return bool(base) and base in keep and suffix in EXPANSIONS


def _prune(state: _State) -> None:
    keep = set(state.specs)
    for spec in state.specs.values():
        classes = spec.find(TEI + "classes")
        if classes is not None:
            for m in classes.findall(TEI + "memberOf"):
                if m.get("key") not in keep:
                    classes.remove(m)
        for holder in spec.iter(TEI + "content"):
            _prune_model(holder, keep, "")
        for att in spec.iter(TEI + "attRef"):
            if att.get("class") and att.get("class") not in keep:
                att.getparent().remove(att)  # type: ignore[union-attr]


def _check_start(state: _State, schema_spec: etree._Element) -> None:
    for name in (schema_spec.get("start") or "").split():
        if name not in state.specs:
            why = "deleted" if name in state.deleted else "not included"
            raise _fail(
                state, schema_spec, f"schemaSpec/@start names element {name!r}, which is {why}"
            )


def _check_authored_refs(state: _State) -> None:
    """References the ODD itself wrote must name something TEI or the ODD defines."""
    for ident in sorted(state.authored):
        spec = state.specs.get(ident)
        if spec is None:
            continue
        for ref in spec.iter(TEI + "elementRef", TEI + "classRef", TEI + "macroRef"):
            key = ref.get("key")
            known = key in state.specs or key in state.source.specs or key in state.deleted
            if key and not known:
                raise OddError(
                    f"{local(ref)} to unknown {key!r} in {local(spec)} {ident!r}",
                    file=state.odd,
                    line=_line(ref),
                )


def resolve(
    odd_root: etree._Element, odd: Path, source: Source
) -> tuple[etree._Element, list[str]]:
    """The resolved schemaSpec of an ODD (every kept spec, complete and pruned) and warnings."""
    schema_spec = find_schema_spec(odd_root, odd)
    state = _State(odd=odd, source=source)
    groups = {
        g.get("{http://www.w3.org/XML/1998/namespace}id", ""): g
        for g in odd_root.iter(TEI + "specGrp")
    }
    items = list(_expand_groups(state, list(schema_spec), groups, set()))
    for item in items:
        name = local(item)
        if name == "moduleRef":
            _select_module(state, item)
        elif name in REF_TAGS:
            _select_ref(state, item)
    for item in items:
        if local(item) in SPEC_TAGS:
            _apply_spec(state, item)
        elif local(item) == "moduleSpec":
            continue
    _resolve_overrides(state.specs)
    _prune_attribute_classes(state)
    _prune(state)
    _clear_markers(state)
    _check_start(state, schema_spec)
    _check_authored_refs(state)
    # keep the ODD's namespace prefixes in scope: defaultExceptions="... eg:egXML" uses them
    nsmap = {k: v for k, v in schema_spec.nsmap.items() if k}
    nsmap.update({"rng": RNG_NS})
    out = etree.Element(TEI + "schemaSpec", nsmap={None: TEI_NS, **nsmap})  # type: ignore[dict-item]
    for k, v in schema_spec.attrib.items():
        out.set(k, v)
    for spec in _in_toolchain_order(state, items):
        out.append(spec)
    for item in items:  # constraints on the schema as a whole stay, after the specs
        if local(item) == "constraintSpec" and item.get("mode") != "delete":
            out.append(_strip_mode(copy.deepcopy(item)))
    return out, state.warnings


_KIND_ORDER = {"macroSpec": 0, "dataSpec": 1, "classSpec": 2, "elementSpec": 3}


def _in_toolchain_order(state: _State, items: list[etree._Element]) -> list[etree._Element]:
    """Specs ordered as odd2odd writes them: modules tei and core first, then the others in
    the order the ODD names them; within a module macros, datatypes, classes, elements, each
    in source order; specs the ODD adds to no known module last. Model-class sequences and
    Schematron pattern numbers follow this order."""
    modules = ["tei", "core"]
    for item in items:
        key = item.get("key") if local(item) == "moduleRef" else None
        if key is None and local(item) in REF_TAGS:
            src = state.source.specs.get(item.get("key", ""))
            key = src.get("module") if src is not None else None
        if key and key not in modules:
            modules.append(key)
    rank = {m: i for i, m in enumerate(modules)}
    position = {ident: i for i, ident in enumerate(state.source.specs)}
    arrival = {ident: i for i, ident in enumerate(state.specs)}

    def order(ident: str) -> tuple[int, int, int, int]:
        spec = state.specs[ident]
        module_rank = rank.get(spec.get("module", ""), len(rank))
        in_source = ident in position
        return (
            module_rank,
            _KIND_ORDER.get(local(spec), 4),
            0 if in_source else 1,
            position[ident] if in_source else arrival[ident],
        )

    return [state.specs[i] for i in sorted(state.specs, key=order)]


def _prune_attribute_classes(state: _State) -> None:
    """Drop attribute classes no kept element belongs to, directly or through other classes."""
    used: set[str] = set()
    todo = [
        key
        for spec in state.specs.values()
        if local(spec) == "elementSpec"
        for key in memberships(spec)
    ]
    for spec in state.specs.values():
        todo.extend(a.get("class", "") for a in spec.iter(TEI + "attRef"))
        todo.extend(r.get("key", "") for r in spec.iter(TEI + "classRef"))
    while todo:
        key = todo.pop()
        if key in used or key not in state.specs:
            continue
        used.add(key)
        todo.extend(memberships(state.specs[key]))
    for ident in [i for i, s in state.specs.items() if local(s) == "classSpec"]:
        if state.specs[ident].get("type") == "atts" and ident not in used:
            del state.specs[ident]


def _clear_markers(state: _State) -> None:
    for spec in state.specs.values():
        for el in spec.iter():
            for marker in _MARKERS:
                if marker in el.attrib:
                    del el.attrib[marker]


__all__ = ["RNG", "class_att_defs", "memberships", "merge_att_def", "merge_spec", "resolve"]
