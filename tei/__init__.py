"""TEI toolkit: convert archive documents to TEI P5, compile ODD customisations, validate TEI."""

__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """`tei.validate(...)` without importing the validators on `import tei` (kept light)."""
    if name == "validate":
        import importlib

        return importlib.import_module("tei.validate")
    raise AttributeError(f"module 'tei' has no attribute {name!r}")
