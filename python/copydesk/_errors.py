"""The exception hierarchy: one class per copydesk::ErrorKind, all under copydesk.Error.

ParseError, UnsupportedFormatError and UsageError are also ValueError; FileError
(the C++ IoError: a file cannot be opened, read or written) is also OSError.
DocumentError (also ValueError) is a document built in Python that the C++
library cannot take: its message names the path of the bad value.
Every error carries ``kind``, ``message`` and its location: ``file``, ``part``
(inside a container, e.g. "word/document.xml"), ``line`` and ``column`` (0 = unknown).
"""

from __future__ import annotations

from ._nodes import Location


class Error(Exception):
    """Base class of every copydesk error."""

    kind: str = "error"

    def __init__(self, message: str = "", *, file: str = "", part: str = "", line: int = 0,
                 column: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.file = file
        self.part = part
        self.line = line
        self.column = column

    @property
    def location(self) -> Location:
        return Location(self.file, self.part, self.line, self.column)

    def __str__(self) -> str:
        where = str(self.location)
        return f"{where}: {self.message}" if where else self.message

    def __reduce__(self) -> tuple[object, ...]:
        # Rebuilt through __init__, so FileError's OSError.filename survives pickling
        # (errors travel in ConversionResults between Dask workers).
        return (_rebuilt, (type(self), self.message, self.file, self.part, self.line, self.column),
                dict(self.__dict__))


class ParseError(Error, ValueError):
    """Malformed input."""

    kind = "parse"


class LimitError(Error):
    """A safety limit was exceeded (size, entry count, compression ratio, nesting depth)."""

    kind = "limit"


class UnsupportedFormatError(Error, ValueError):
    """An unknown format name, or a format that cannot be read or written."""

    kind = "unsupported-format"


class FileError(Error, OSError):
    """A file cannot be opened, read or written."""

    kind = "io"

    def __init__(self, message: str = "", *, file: str = "", part: str = "", line: int = 0,
                 column: int = 0) -> None:
        super().__init__(message, file=file, part=part, line=line, column=column)
        self.filename = file or None


class EncryptedError(Error):
    """Encrypted or password-protected input."""

    kind = "encrypted"


class UsageError(Error, ValueError):
    """A bad option or argument."""

    kind = "usage"


class DocumentError(Error, ValueError):
    """A document built in Python has a bad value: the message names its path, as in
    ``blocks[3].level: 0 is not in 1..9`` (a wrong type, an unknown name, a number out of
    range, a lone surrogate in a string, or nesting deeper than the readers' depth limit)."""

    kind = "document"


for _cls in (Error, ParseError, LimitError, UnsupportedFormatError, FileError, EncryptedError, UsageError,
             DocumentError):
    _cls.__module__ = "copydesk"  # shown as copydesk.ParseError in tracebacks

_BY_KIND: dict[str, type[Error]] = {
    cls.kind: cls for cls in (ParseError, LimitError, UnsupportedFormatError, FileError, EncryptedError, UsageError)
}


def _rebuilt(cls: type[Error], message: str, file: str, part: str, line: int, column: int) -> Error:
    return cls(message, file=file, part=part, line=line, column=column)


def _from_core(kind: str, message: str, file: str, part: str, line: int, column: int) -> Error:
    """Called by copydesk._core to turn a C++ copydesk::Error into its Python class."""
    cls = _BY_KIND.get(kind, Error)
    return cls(message, file=file, part=part, line=line, column=column)
