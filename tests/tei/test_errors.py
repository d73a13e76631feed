"""The toolkit's errors survive a trip to a worker process and back (pickling) whole."""

from __future__ import annotations

import pickle

import pytest

from tei.errors import EmptyInputError, InternalError, OutputError, TeiError


@pytest.mark.parametrize("cls", [TeiError, EmptyInputError, OutputError, InternalError])
def test_pickled_errors_keep_class_message_and_file(cls: type[TeiError]) -> None:
    error = cls("something is wrong", file="in/put.txt")
    back = pickle.loads(pickle.dumps(error))
    assert type(back) is cls
    assert (back.message, back.file, str(back)) == (error.message, error.file, str(error))
    assert back.exit_code == cls.exit_code
