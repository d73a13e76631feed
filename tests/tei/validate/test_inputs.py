"""Collecting inputs: files, directories, globs and zip archives, in a deterministic order."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from tei.validate.inputs import (
    MB,
    InputLimits,
    InputNotFound,
    NoInputFiles,
    SizeExceeded,
    Source,
    collect,
    format_size,
    names,
    parse_size,
    unsafe_member,
)

DOC = b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader/></TEI>\n'


def write(path: Path, data: bytes = DOC) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A submission folder; the tests run inside tmp_path so names stay short and relative."""
    for rel in ("b.xml", "a.xml", "sub/c.xml", "sub/deep/d.XML", "notes.txt", ".hidden/e.xml"):
        write(tmp_path / "in" / rel)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(source: Source) -> list[str]:
    return [d.code for d in source.problems]


def test_directory_is_searched_recursively_in_sorted_order(tree: Path) -> None:
    found = collect(["in"])
    assert names(found) == ["in/a.xml", "in/b.xml", "in/sub/c.xml", "in/sub/deep/d.XML"]
    assert all(s.readable and s.member is None for s in found)
    assert found[0].size == len(DOC)


def test_argument_order_is_kept_and_duplicates_dropped(tree: Path) -> None:
    found = collect(["in/sub", "in/b.xml", "in", "./in/b.xml"])
    assert names(found) == ["in/sub/c.xml", "in/sub/deep/d.XML", "in/b.xml", "in/a.xml"]


def test_globs_expand_sorted_including_double_star(tree: Path) -> None:
    assert names(collect(["in/*.xml"])) == ["in/a.xml", "in/b.xml"]
    assert names(collect(["in/**/*.xml"])) == [
        "in/a.xml",
        "in/b.xml",
        "in/sub/c.xml",
    ]


def test_an_explicit_file_is_taken_whatever_its_suffix(tree: Path) -> None:
    assert names(collect(["in/notes.txt"])) == ["in/notes.txt"]


def test_nothing_found_is_a_typed_usage_error(tree: Path) -> None:
    (tree / "empty").mkdir()
    with pytest.raises(NoInputFiles, match="no input files found in empty"):
        collect(["empty"])
    with pytest.raises(NoInputFiles):
        collect(["in/*.json"])
    with pytest.raises(NoInputFiles, match="no arguments"):
        collect([])
    with pytest.raises(InputNotFound, match=r"missing\.xml: no such file"):
        collect(["missing.xml"])


def test_symlinked_directories_are_not_followed(tree: Path) -> None:
    os.symlink(tree / "in", tree / "in" / "sub" / "loop")
    assert names(collect(["in"])) == [
        "in/a.xml",
        "in/b.xml",
        "in/sub/c.xml",
        "in/sub/deep/d.XML",
    ]


def test_a_file_over_the_limit_is_refused_before_reading(tree: Path) -> None:
    (source,) = collect(["in/a.xml"], InputLimits(max_size=10))
    assert codes(source) == ["SIZE"]
    assert "--max-size" in source.problems[0].message


def make_zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_members_are_listed_sorted_and_read_in_memory(tmp_path: Path) -> None:
    archive = make_zip(
        tmp_path / "sub.zip",
        {"z/last.xml": DOC, "a.xml": DOC, "readme.txt": b"x", "__MACOSX/._a.xml": b"junk"},
    )
    before = sorted(p.name for p in tmp_path.iterdir())
    found = collect([archive])
    assert names(found) == [f"{archive}!/a.xml", f"{archive}!/z/last.xml"]
    assert found[1].member == "z/last.xml" and found[1].size == len(DOC)
    assert found[1].read_bytes() == DOC
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # nothing extracted


@pytest.mark.parametrize(
    ("member", "why"),
    [
        ("../evil.xml", "'..' step"),
        ("a/../../evil.xml", "'..' step"),
        ("/etc/evil.xml", "absolute path"),
        ("C:/evil.xml", "absolute path"),
        ("..\\evil.xml", "'..' step"),
    ],
)
def test_zip_slip_members_are_refused_with_a_clear_diagnostic(
    tmp_path: Path, member: str, why: str
) -> None:
    archive = make_zip(tmp_path / "sub.zip", {member: DOC, "ok.xml": DOC})
    found = {s.member: s for s in collect([archive])}
    refused = found[member]
    assert codes(refused) == ["ZIP-PATH"]
    assert why in refused.problems[0].message and "refused" in refused.problems[0].message
    assert found["ok.xml"].readable
    assert not (tmp_path / "evil.xml").exists() and not (tmp_path.parent / "evil.xml").exists()


def test_unsafe_member_names() -> None:
    assert unsafe_member("dir/ok..xml") is None
    assert unsafe_member("dir/./ok.xml") is None
    assert unsafe_member("nul\x00.xml") == "a NUL character"


def test_a_zip_bomb_member_is_refused_without_decompressing(tmp_path: Path) -> None:
    bomb = b"<TEI>" + b" " * (40 * MB) + b"</TEI>"
    archive = make_zip(tmp_path / "bomb.zip", {"bomb.xml": bomb, "ok.xml": DOC})
    del bomb
    found = {s.member: s for s in collect([archive])}
    assert codes(found["bomb.xml"]) == ["ZIP-BOMB"]
    assert "fold" in found["bomb.xml"].problems[0].message
    assert found["ok.xml"].readable


def test_archive_totals_and_member_sizes_are_bounded(tmp_path: Path) -> None:
    stored = make_zip(
        tmp_path / "many.zip",
        {f"m{i}.xml": DOC + b" " * 2000 for i in range(4)},
        zipfile.ZIP_STORED,
    )
    limits = InputLimits(max_size=3000, max_archive_total=5000)
    found = collect([stored], limits)
    assert [codes(s) for s in found] == [[], [], ["ZIP-BOMB"], ["ZIP-BOMB"]]
    small = InputLimits(max_size=1000)
    assert [codes(s) for s in collect([stored], small)] == [["SIZE"]] * 4
    with pytest.raises(NoInputFiles):
        collect([make_zip(tmp_path / "none.zip", {"a.txt": b"x"})])
    few = InputLimits(max_members=3)
    (refused,) = collect([stored], few)
    assert codes(refused) == ["ZIP-BOMB"] and refused.name.endswith("many.zip")


def test_a_member_name_used_twice_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "twice.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.xml", DOC)
        with pytest.warns(UserWarning, match="Duplicate name"):
            zf.writestr("a.xml", b"<other/>")
        zf.writestr("b.xml", DOC)
    refused, fine = collect([archive])
    assert codes(refused) == ["ZIP"] and fine.readable
    assert "several members of this name" in refused.problems[0].message


def test_a_corrupt_archive_is_reported_not_raised(tmp_path: Path) -> None:
    bad = write(tmp_path / "broken.zip", b"PK\x03\x04 this is not really a zip")
    (source,) = collect([bad])
    assert codes(source) == ["ZIP"]
    assert source.name == str(bad)


def test_read_bytes_is_bounded_even_when_the_size_was_unknown(tmp_path: Path) -> None:
    path = write(tmp_path / "grown.xml", DOC * 100)
    source = Source(str(path), path, size=None, limit=len(DOC))
    with pytest.raises(SizeExceeded, match="over the size limit"):
        source.read_bytes()


@pytest.mark.parametrize(
    ("text", "size"),
    [("50MB", 50 * MB), ("200M", 200 * MB), ("1.5GiB", 1536 * MB), ("512k", 512 * 1024), ("7", 7)],
)
def test_parse_size(text: str, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "-5MB", "0", "5 parsecs"])
def test_parse_size_rejects_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_format_size() -> None:
    assert [format_size(n) for n in (17, 2048, 50 * MB, 3 * MB // 2)] == [
        "17 bytes",
        "2 KB",
        "50 MB",
        "1.5 MB",
    ]
