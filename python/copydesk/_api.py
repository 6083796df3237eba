"""read, write, convert, formats and register_format over the C++ core."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any, Union, overload

from . import _core
from ._errors import FileError, UsageError
from ._json import diagnostic_from_dict, diagnostic_to_dict
from ._nodes import Diagnostic, Document

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]
Dest = Union[str, "os.PathLike[str]", IO[bytes]]
OptionValue = Union[str, bool, int, float, "os.PathLike[str]", None]
Reader = Callable[[bytes, Mapping[str, str]], Document]
WriterResult = Union[bytes, str, tuple[Union[bytes, str], Sequence[Diagnostic]]]
Writer = Callable[[Document, Mapping[str, str]], WriterResult]


@dataclass(frozen=True, slots=True)
class OptionInfo:
    name: str
    default: str
    help: str


@dataclass(frozen=True, slots=True)
class FormatInfo:
    """A registered format, as listed by copydesk.formats()."""

    name: str
    aliases: tuple[str, ...]
    extensions: tuple[str, ...]
    mime: str
    description: str
    binary: bool
    can_read: bool
    can_write: bool
    reader_options: tuple[OptionInfo, ...]
    writer_options: tuple[OptionInfo, ...]


def option_name(key: str) -> str:
    """The option name for a keyword argument: reference_doc -> reference-doc, limit_max_entries -> limit.max_entries."""
    if "." in key or "-" in key:
        return key
    if key.startswith("limit_"):
        return "limit." + key[len("limit_"):]
    return key.replace("_", "-")


def options_to_strings(options: Mapping[str, OptionValue]) -> dict[str, str]:
    """Keyword arguments to the string options the C++ readers and writers take."""
    out: dict[str, str] = {}
    for key, value in options.items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = "true" if value else "false"
        elif isinstance(value, (int, float, str)):
            text = str(value)
        elif isinstance(value, os.PathLike):
            text = os.fsdecode(value)
        else:
            raise TypeError(f"option {key}: expected str, bool, int, float or a path, got {type(value).__name__}")
        out[option_name(key)] = text
    return out


def _path_of(obj: object) -> str | None:
    if isinstance(obj, (str, os.PathLike)):
        return os.fsdecode(obj)
    return None


def _load(source: Source) -> tuple[bytes | bytearray | memoryview, str]:
    """The bytes of a source and the name to report it by."""
    path = _path_of(source)
    if path is not None:
        try:
            with open(path, "rb") as f:
                return f.read(), path
        except OSError as e:
            raise FileError(f"cannot read: {e.strerror or e}", file=path) from e
    if isinstance(source, (bytes, bytearray)):
        return source, ""
    if isinstance(source, memoryview):
        return (source.cast("B") if source.c_contiguous else source.tobytes()), ""
    read = getattr(source, "read", None)
    if callable(read):
        data = read()
        if isinstance(data, str):
            raise TypeError("the file object must be opened in binary mode ('rb')")
        if not isinstance(data, (bytes, bytearray, memoryview)):
            raise TypeError(f"the file object's read() returned {type(data).__name__}, not bytes")
        name = getattr(source, "name", "")
        return data, name if isinstance(name, str) and not name.startswith("<") else ""
    raise TypeError(f"cannot read from a {type(source).__name__}: pass a path, bytes or a binary file object")


def _dest_format(dest: Dest | None, format: str | None) -> str:
    if format:
        return format
    name = _path_of(dest) if dest is not None else None
    if name is None and dest is not None:
        attr = getattr(dest, "name", None)
        name = attr if isinstance(attr, str) else None
    found = _core.format_for_path(name) if name else None
    if found is None:
        where = f" from the name '{name}'" if name else ""
        raise UsageError(f"cannot tell the output format{where}: pass format=...")
    return found


def _deliver(data: bytes, dest: Dest) -> None:
    path = _path_of(dest)
    if path is not None:
        try:
            with open(path, "wb") as f:
                f.write(data)
        except OSError as e:
            raise FileError(f"cannot write: {e.strerror or e}", file=path) from e
        return
    write = getattr(dest, "write", None)
    if not callable(write):
        raise TypeError(f"cannot write to a {type(dest).__name__}: pass a path or a binary file object")
    write(data)


def read(source: Source, format: str | None = None, **options: OptionValue) -> Document:
    """Reads a document.

    ``source`` is a path (str or os.PathLike), bytes-like data, or a binary file
    object. ``format`` is a format name or alias; when None it comes from the
    file's extension, else from the content. Keyword options are passed to the
    reader (``reference_doc=...`` is the option ``reference-doc``).
    Diagnostics end up in ``Document.diagnostics``.
    """
    data, path = _load(source)
    text = _core.read(data, format, options_to_strings(options), path)
    return Document.from_json(text)


@overload
def write(doc: Document, dest: None = None, format: str | None = None, *,
          diagnostics_out: list[Diagnostic] | None = None, **options: OptionValue) -> bytes: ...
@overload
def write(doc: Document, dest: Dest, format: str | None = None, *,
          diagnostics_out: list[Diagnostic] | None = None, **options: OptionValue) -> list[Diagnostic]: ...


def write(doc: Document, dest: Dest | None = None, format: str | None = None, *,
          diagnostics_out: list[Diagnostic] | None = None, **options: OptionValue) -> bytes | list[Diagnostic]:
    """Writes a document.

    Without ``dest`` returns the bytes (``format`` is then required); with a path
    or binary file object writes there and returns the writer's diagnostics
    (what it could not represent). ``format`` defaults to the one for dest's
    extension. ``diagnostics_out``, a list, also receives the diagnostics.
    """
    if not isinstance(doc, Document):
        raise TypeError(f"expected a copydesk.Document, got {type(doc).__name__}")
    fmt = _dest_format(dest, format)
    data, raw = _core.write(doc.to_json(pretty=False), fmt, options_to_strings(options))
    diagnostics = [diagnostic_from_dict(d) for d in raw]
    if diagnostics_out is not None:
        diagnostics_out.extend(diagnostics)
    if dest is None:
        return data
    _deliver(data, dest)
    return diagnostics


@overload
def convert(src: Source, dst: None = None, *, from_format: str | None = None, to_format: str | None = None,
            diagnostics_out: list[Diagnostic] | None = None, **options: OptionValue) -> bytes: ...
@overload
def convert(src: Source, dst: Dest, *, from_format: str | None = None, to_format: str | None = None,
            diagnostics_out: list[Diagnostic] | None = None, **options: OptionValue) -> list[Diagnostic]: ...


def convert(src: Source, dst: Dest | None = None, *, from_format: str | None = None, to_format: str | None = None,
            diagnostics_out: list[Diagnostic] | None = None, **options: OptionValue) -> bytes | list[Diagnostic]:
    """Reads ``src`` and writes it to ``dst`` in one step, entirely in C++.

    Sources, destinations and formats as for read() and write(); the options go
    to both the reader and the writer. Returns the bytes when ``dst`` is None,
    else the reader's and writer's diagnostics.
    """
    data, path = _load(src)
    fmt = _dest_format(dst, to_format)
    out, raw = _core.convert(data, fmt, from_format, options_to_strings(options), path)
    diagnostics = [diagnostic_from_dict(d) for d in raw]
    if diagnostics_out is not None:
        diagnostics_out.extend(diagnostics)
    if dst is None:
        return out
    _deliver(out, dst)
    return diagnostics


def formats() -> list[FormatInfo]:
    """Every registered format (built-in and registered from Python), in registration order."""
    out = []
    for f in _core.formats():
        out.append(FormatInfo(
            name=f["name"], aliases=tuple(f["aliases"]), extensions=tuple(f["extensions"]), mime=f["mime"],
            description=f["description"], binary=f["binary"], can_read=f["can_read"], can_write=f["can_write"],
            reader_options=tuple(OptionInfo(o["name"], o["default"], o["help"]) for o in f["reader_options"]),
            writer_options=tuple(OptionInfo(o["name"], o["default"], o["help"]) for o in f["writer_options"]),
        ))
    return out


def register_format(name: str, *, reader: Reader | None = None, writer: Writer | None = None,
                    extensions: Sequence[str] = (), aliases: Sequence[str] = (), mime: str = "",
                    description: str = "", binary: bool = False) -> None:
    """Adds a format (or replaces the one of that name) to the one registry shared with C++.

    ``reader(data: bytes, options: dict[str, str]) -> Document`` and/or
    ``writer(doc: Document, options: dict[str, str]) -> bytes | str | (bytes, [Diagnostic])``.
    The format is then usable from read(), write(), convert(), the command line
    run by ``python -m copydesk``, and listed by formats(). Raising a copydesk.Error
    from the callables reports it as that error.
    """
    core_reader = core_writer = None
    if reader is not None:
        user_reader = reader

        def core_reader(data: bytes, options: dict[str, str], path: str) -> str:
            doc = user_reader(data, options)
            if not isinstance(doc, Document):
                raise TypeError(f"reader for format '{name}' returned {type(doc).__name__}, not a copydesk.Document")
            return doc.to_json(pretty=False)

    if writer is not None:
        user_writer = writer

        def core_writer(text: str, options: dict[str, str], path: str) -> Any:
            result = user_writer(Document.from_json(text), options)
            if isinstance(result, tuple):
                out, diagnostics = result
                return out, [diagnostic_to_dict(d) for d in diagnostics]
            return result

    _core.register_format(name, aliases=list(aliases), extensions=list(extensions), mime=mime,
                          description=description, binary=binary, reader=core_reader, writer=core_writer)
