"""The wheel holds every package of the tree and the compiled schema."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _declared() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return set(config["tool"]["setuptools"]["packages"])


def test_every_package_of_the_tree_is_declared() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("tei", "converters")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= _declared()


def test_the_compiled_schema_ships_as_tei_schema() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert config["tool"]["setuptools"]["package-dir"]["tei.schema"] == "schema"
    assert "tei.schema" in _declared()
    for suffix in (".rng", ".sch", ".xsd"):
        assert (ROOT / "schema" / f"telegrams{suffix}").is_file()
