"""The parsers' hot records are built around their generated constructors for speed; they must
still be the frozen dataclasses they declare: equal, hashable, replaceable, immutable, picklable."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from converters.parsing.header import HeaderLine, LineKind
from converters.parsing.spans import Span


def _records() -> list[object]:
    span = Span(3, 9, "person", "stalin", True)
    return [span, Span(0, 1, "num"), HeaderLine(LineKind.SALUTE, "To Stalin", None, (span,))]


@pytest.mark.parametrize("record", _records(), ids=lambda r: type(r).__name__)
def test_behaves_as_a_frozen_dataclass(record: object) -> None:
    values = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    twin = type(record)(**values)
    assert twin == record and hash(twin) == hash(record)
    assert pickle.loads(pickle.dumps(record)) == record
    assert dataclasses.replace(record, **values) == record
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, dataclasses.fields(record)[0].name, None)


def test_span_defaults() -> None:
    assert Span(1, 2, "date") == Span(1, 2, "date", None, False)
