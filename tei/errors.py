"""Fatal errors of conversion, one class per kind of failure, each with its own exit code.

Pandoc-style: library code raises these, only `tei/cli/` turns them into a one-line message and an
exit status. Every error names the file it is about, so a batch run tells which input failed.
"""

from __future__ import annotations


class TeiError(Exception):
    """Base of the toolkit's conversion errors; `exit_code` is what the CLI exits with."""

    exit_code = 1

    def __init__(self, message: str, *, file: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file = file

    def __str__(self) -> str:
        return f"{self.file}: {self.message}" if self.file else self.message

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled as class, message and file (a worker process of a batch hands errors back;
        the default would call the class with the message alone and lose the file)."""
        return (_restore, (type(self), self.message, self.file))


def _restore(cls: type[TeiError], message: str, file: str | None) -> TeiError:
    error = cls.__new__(cls)
    TeiError.__init__(error, message, file=file)
    return error


class InputError(TeiError):
    """An input cannot be read: missing, a directory, unreadable."""

    exit_code = 3


class EncodingError(InputError):
    """An input is not UTF-8 text (binary data, another encoding)."""

    exit_code = 4


class EmptyInputError(InputError):
    """An input holds no text at all."""

    exit_code = 5


class UnknownLayoutError(TeiError):
    """A layout name given with --layout is not one of the registered readers."""

    exit_code = 2

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown layout {name!r} (known: {', '.join(known)})")
        self.name = name
        self.known = known


class OutputError(TeiError):
    """An output cannot be written (directory missing and not creatable, permissions)."""

    exit_code = 6


class InternalError(TeiError):
    """A fault of the toolkit itself while converting one input: reported with the input's name
    so that the rest of a batch still converts and the input can be sent with a bug report."""

    exit_code = 7
