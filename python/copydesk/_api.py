"""read, write, convert, convert_many, formats and register_format over the C++ core."""

from __future__ import annotations

import os
from typing import IO, TYPE_CHECKING, Any, Union

from . import _core
from ._errors import Error, FileError, UsageError
from ._nodes import Diagnostic, Document
from ._record import Record, field

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from typing import overload
else:
    def overload(fn: Any) -> Any:
        return fn

PathLike = Union[str, "os.PathLike[str]"]
Source = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview, IO[bytes]]
Dest = Union[str, "os.PathLike[str]", IO[bytes]]
OptionValue = Union[str, bool, int, float, "os.PathLike[str]", None]
WriterResult = Union[bytes, str, "tuple[Union[bytes, str], Sequence[Diagnostic]]"]


class OptionInfo(metaclass=Record):
    """An option of a reader or writer: its name, default and help text."""

    name: str = ""
    default: str = ""
    help: str = ""


class FormatInfo(metaclass=Record):
    """A registered format, as listed by copydesk.formats()."""

    name: str = ""
    aliases: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()
    mime: str = ""
    description: str = ""
    binary: bool = False
    can_read: bool = False
    can_write: bool = False
    reader_options: tuple[OptionInfo, ...] = ()
    writer_options: tuple[OptionInfo, ...] = ()

    def __repr__(self) -> str:
        return f"FormatInfo({self.name!r}, read={self.can_read}, write={self.can_write})"


class ConversionResult(metaclass=Record):
    """What convert_many() did with one source.

    ``output`` is the file written (None when it failed); ``error`` the copydesk.Error
    that stopped it (not raised); ``diagnostics`` the reader's and writer's.
    """

    source: str = ""
    output: str | None = None
    ok: bool = False
    error: Error | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __repr__(self) -> str:
        state = "ok" if self.ok else f"failed: {self.error}"
        return f"ConversionResult({self.source!r}, {state})"


# ------------------------------------------------------------------ options
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


_declared: dict[tuple[str, bool, bool], frozenset[str]] = {}


def _declared_options(fmt: str, reading: bool, writing: bool) -> frozenset[str]:
    key = (fmt, reading, writing)
    if key not in _declared:
        names: set[str] = set(_core.limit_options()) if reading else set()
        for f in _core.formats():
            if f["name"] == fmt:
                if reading:
                    names.update(o["name"] for o in f["reader_options"])
                if writing:
                    names.update(o["name"] for o in f["writer_options"])
        _declared[key] = frozenset(names)
    return _declared[key]


def _checked_options(options: Mapping[str, OptionValue], formats: Sequence[tuple[str, bool, bool]]) -> dict[str, str]:
    """The options as strings, after checking that the formats declare every one (a typo never passes)."""
    out = options_to_strings(options)
    if not out:
        return out
    known: set[str] = set()
    for fmt, reading, writing in formats:
        known |= _declared_options(fmt, reading, writing)
    for key, name in zip(options, (option_name(k) for k in options)):
        if name in out and name not in known:
            listed = ", ".join(sorted(n for n in known if not n.startswith("limit."))) or "none"
            what = " and ".join(f"{f} ({'reader' if r else ''}{' and ' if r and w else ''}{'writer' if w else ''})"
                                for f, r, w in formats)
            spelled = key if key == name else f"{key} (option '{name}')"
            raise UsageError(f"unknown option {spelled} for {what}; its options: {listed}, limit.*")
    return out


# -------------------------------------------------------------------- files
def _path_of(obj: object) -> str | None:
    if type(obj) is str:
        return obj
    if isinstance(obj, (str, os.PathLike)):
        return os.fsdecode(obj)
    return None


def _buffer_of(source: object) -> tuple[bytes | bytearray | memoryview, str] | None:
    """The bytes of an in-memory or file-object source and the name to report it by."""
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
    return None


def _unreadable(source: object) -> TypeError:
    return TypeError(f"cannot read from a {type(source).__name__}: pass a path, bytes or a binary file object")


_canonical: dict[str, str] = {}


def _canon(name: str) -> str:
    """The registered name of a format name or alias (cached; register_format clears it)."""
    found = _canonical.get(name)
    if found is None:
        found = _canonical[name] = _core.canonical_format(name)
    return found


def _reader_format(format: str | None, path: str) -> str | None:
    """The canonical reader format, when named; None to detect it."""
    if not format:
        return None
    return _canon(format)


def _dest_format(dest: Dest | None, format: str | None) -> str:
    if format:
        return _canon(format)
    name = _path_of(dest) if dest is not None else None
    if name is None and dest is not None:
        attr = getattr(dest, "name", None)
        name = attr if isinstance(attr, str) else None
    found = _core.format_for_path(name) if name else None
    if found is None:
        where = f" from the name '{name}'" if name else ""
        raise UsageError(f"cannot tell the output format{where}: pass format=...")
    return found


def _deliver(data: bytes, dest: Dest, guard: str) -> None:
    """Writes to a path atomically (never over `guard`, the input) or to a binary file object."""
    path = _path_of(dest)
    if path is not None:
        _core.save(path, data, guard)
        return
    write = getattr(dest, "write", None)
    if not callable(write):
        raise TypeError(f"cannot write to a {type(dest).__name__}: pass a path or a binary file object")
    write(data)


# ---------------------------------------------------------------------- API
_NO_OPTIONS: dict[str, str] = {}


def read(source: Source, format: str | None = None, **options: OptionValue) -> Document:
    """Reads a document.

    ``source`` is a path (str or os.PathLike), bytes-like data, or a binary file
    object. ``format`` is a format name or alias; when None it comes from the
    file's extension, else from the content. Keyword options are passed to the
    reader (``limit_max_depth=64`` is the option ``limit.max_depth``); an option the
    reader does not declare raises UsageError. Diagnostics end up in
    ``Document.diagnostics``; ``Document.path`` is the file read.
    """
    if type(source) is bytes and not options:  # the common in-memory case, kept short
        return _core.read(source, _canon(format) if format else None, _NO_OPTIONS, "")
    path = _path_of(source)
    fmt = _reader_format(format, path or "")
    reader = fmt or (_core.format_for_path(path) if path else None)
    opts = _checked_options(options, _readers(reader))
    if path is not None:
        return _core.read_file(path, fmt, opts)
    buffer = _buffer_of(source)
    if buffer is None:
        raise _unreadable(source)
    data, name = buffer
    return _core.read(data, fmt, opts, name)


def _readers(fmt: str | None) -> list[tuple[str, bool, bool]]:
    """The reader whose options apply: the named one, else (detected later) any reader."""
    if fmt:
        return [(fmt, True, False)]
    return [(f["name"], True, False) for f in _core.formats() if f["can_read"]]


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
    (what it could not represent). A path is written atomically (a temporary file
    renamed into place) and never over the file the document was read from.
    ``format`` defaults to the one for dest's extension. ``diagnostics_out``, a
    list, also receives the diagnostics. The document is checked on the way into
    C++: a bad value raises DocumentError naming its path.
    """
    if not isinstance(doc, Document):
        raise TypeError(f"expected a copydesk.Document, got {type(doc).__name__}")
    fmt = _dest_format(dest, format)
    opts = _checked_options(options, [(fmt, False, True)]) if options else _NO_OPTIONS
    path = _path_of(dest) if dest is not None else None
    if path is not None:
        diagnostics: list[Diagnostic] = _core.write_file(doc, path, fmt, opts, getattr(doc, "path", ""))
    else:
        data, diagnostics = _core.write(doc, fmt, opts)
    if diagnostics_out is not None:
        diagnostics_out.extend(diagnostics)
    if dest is None:
        return data
    if path is None:
        _deliver(data, dest, "")
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
    to both the reader and the writer (each must be declared by one of them).
    Returns the bytes when ``dst`` is None, else the reader's and writer's
    diagnostics. A destination path is written atomically and never over the source.
    """
    to = _dest_format(dst, to_format)
    src_path = _path_of(src)
    dst_path = _path_of(dst) if dst is not None else None
    frm = _reader_format(from_format, src_path or "")
    reader = frm or (_core.format_for_path(src_path) if src_path else None)
    opts = _checked_options(options, [*_readers(reader), (to, False, True)])
    if src_path is not None and dst_path is not None:
        diagnostics: list[Diagnostic] = _core.convert_file(src_path, dst_path, to, frm, opts)
        if diagnostics_out is not None:
            diagnostics_out.extend(diagnostics)
        return diagnostics
    data: bytes | bytearray | memoryview
    if src_path is not None:
        with _opened(src_path) as f:
            data, name = f.read(), src_path
    else:
        buffer = _buffer_of(src)
        if buffer is None:
            raise _unreadable(src)
        data, name = buffer
    out, diagnostics = _core.convert(data, to, frm, opts, name)
    if diagnostics_out is not None:
        diagnostics_out.extend(diagnostics)
    if dst is None:
        return out
    _deliver(out, dst, src_path or "")
    return diagnostics


class _opened:
    """open(path, "rb") whose OSError is a copydesk FileError naming the file."""

    def __init__(self, path: str) -> None:
        try:
            self.file = open(path, "rb")  # noqa: SIM115 - closed by __exit__
        except OSError as e:
            raise FileError(f"cannot read: {e.strerror or e}", file=path) from e

    def __enter__(self) -> IO[bytes]:
        return self.file

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def convert_many(sources: Iterable[PathLike], output_dir: PathLike, *, to: str, from_format: str | None = None,
                 workers: int | None = None, progress: bool | Callable[[int, int, ConversionResult], None] = False,
                 **options: OptionValue) -> list[ConversionResult]:
    """Converts many files into ``output_dir`` on C++ threads, without the GIL.

    Each source is written to ``output_dir/STEM.EXT`` (EXT from the format ``to``),
    atomically and as the command line writes it. Returns one ConversionResult
    per source, in input order; a file that fails (missing, hostile, unsupported)
    gives ``ok=False`` with its typed error and does not stop the others.
    ``workers`` defaults to the number of CPUs. ``progress=True`` draws the
    command line's progress bar on stderr when it is a terminal; a callable is
    called as ``progress(done, total, result)`` after each file, on the calling
    thread. Two sources with the same stem raise UsageError before anything is written.
    """
    paths = [os.fsdecode(s) for s in sources]
    to_fmt = _canon(to)
    frm = _reader_format(from_format, "")
    opts = _checked_options(options, [*_readers(frm), (to_fmt, False, True)])
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n < 1:
        raise UsageError(f"workers must be at least 1, got {n}")
    callback = progress if callable(progress) else None
    bar = bool(progress) and callback is None
    return _core.convert_many(paths, os.fsdecode(output_dir), to_fmt, frm, opts, n, bar,
                              callback)


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


def register_format(name: str, *, reader: Callable[[bytes, Mapping[str, str]], Document] | None = None,
                    writer: Callable[[Document, Mapping[str, str]], WriterResult] | None = None,
                    extensions: Sequence[str] = (), aliases: Sequence[str] = (), mime: str = "",
                    description: str = "", binary: bool = False, reader_options: Sequence[str] = (),
                    writer_options: Sequence[str] = ()) -> None:
    """Adds a format (or replaces the one of that name) to the one registry shared with C++.

    ``reader(data: bytes, options: dict[str, str]) -> Document`` and/or
    ``writer(doc: Document, options: dict[str, str]) -> bytes | str | (bytes, [Diagnostic])``.
    ``reader_options``/``writer_options`` name the options they take (others are refused).
    The format is then usable from read(), write(), convert(), convert_many(), the
    command line run by ``python -m copydesk``, and listed by formats(). Raising a
    copydesk.Error from the callables reports it as that error.
    """
    core_reader = core_writer = None
    if reader is not None:
        user_reader = reader

        def core_reader(data: bytes, options: dict[str, str], path: str) -> Document:
            doc = user_reader(data, options)
            if not isinstance(doc, Document):
                raise TypeError(f"reader for format '{name}' returned {type(doc).__name__}, not a copydesk.Document")
            return doc

    if writer is not None:
        user_writer = writer

        def core_writer(doc: Document, options: dict[str, str], path: str) -> Any:
            result = user_writer(doc, options)
            if isinstance(result, tuple):
                out, diagnostics = result
                return out, list(diagnostics)
            return result

    _core.register_format(name, aliases=list(aliases), extensions=list(extensions), mime=mime,
                          description=description, binary=binary, reader=core_reader, writer=core_writer,
                          reader_options=list(reader_options), writer_options=list(writer_options))
    _declared.clear()
    _canonical.clear()
