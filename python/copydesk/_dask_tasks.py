"""What copydesk.dask's tasks run on the workers: one partition of sources each.

Local files go through the C++ batch (convert_many) or reader; fsspec URLs are
read and written through fsspec and converted in C++ from bytes (the GIL
released). Imports fsspec, pyarrow and pandas only when a task needs them.
"""

from __future__ import annotations

import datetime as dt
import importlib
import os
import posixpath
from typing import TYPE_CHECKING, Any

from . import _core
from ._api import ConversionResult
from ._errors import Error, FileError, UsageError
from ._nodes import DateTime, Diagnostic, Document, Location, Paragraph
from ._walk import stringify

if TYPE_CHECKING:
    from collections.abc import Iterable


def require(module: str) -> Any:
    """Imports a module of the optional extra, naming the extra when it is missing."""
    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"copydesk.dask needs {module.split('.')[0]}: pip install 'copydesk[dask]' ({e})") from e


def is_local(url: str) -> bool:
    return "://" not in url or url.startswith("file://")


class Job:
    """What every task of one call needs: formats, options, the output, and the
    client's working directory (relative local paths are resolved against it,
    not against a worker's)."""

    __slots__ = ("to", "frm", "opts", "ext", "out_dir", "cwd", "errors")

    def __init__(self, frm: str | None, opts: dict[str, str], to: str = "", ext: str = "", out_dir: str = "",
                 errors: str = "raise") -> None:
        self.frm, self.opts, self.to, self.ext, self.errors = frm, opts, to, ext, errors
        self.cwd = os.getcwd()
        self.out_dir = self.local(out_dir) if out_dir and is_local(out_dir) else out_dir

    def __dask_tokenize__(self) -> tuple[object, ...]:
        return (self.to, self.frm, sorted(self.opts.items()), self.ext, self.out_dir, self.cwd, self.errors)

    def __getstate__(self) -> tuple[object, ...]:
        return tuple(getattr(self, k) for k in self.__slots__)

    def __setstate__(self, state: tuple[object, ...]) -> None:
        for k, v in zip(self.__slots__, state):
            setattr(self, k, v)

    def local(self, url: str) -> str:
        """The absolute local path of a path or file:// URL."""
        return os.path.join(self.cwd, url[len("file://"):] if url.startswith("file://") else url)

    def output_of(self, source: str) -> str:
        stem = posixpath.splitext(posixpath.basename(source.rstrip("/")))[0]
        if is_local(self.out_dir):
            return os.path.join(self.out_dir, stem + self.ext)
        return self.out_dir.rstrip("/") + "/" + stem + self.ext


def same_output(first: str, second: str, output: str) -> UsageError:
    return UsageError(f"'{first}' and '{second}' would both be written to '{output}'")


# ----------------------------------------------------------------- convert
def convert_partition(sources: Iterable[str], job: Job) -> list[ConversionResult]:
    """Converts one partition: local files with the C++ batch, the rest through fsspec."""
    srcs = [os.fsdecode(s) for s in sources]
    results: list[ConversionResult | None] = [None] * len(srcs)
    taken: dict[str, str] = {}
    local: list[int] = []
    remote: list[int] = []
    for i, src in enumerate(srcs):
        out = job.output_of(src)
        if out in taken:  # a Bag's sources are checked here only, not across partitions
            results[i] = failed(src, same_output(taken[out], src, out))
            continue
        taken[out] = src
        (local if is_local(src) and is_local(job.out_dir) else remote).append(i)
    for i, r in zip(remote, convert_urls([srcs[i] for i in remote], job)):
        results[i] = r
    if local:
        done = _core.convert_many([job.local(srcs[i]) for i in local], job.out_dir, job.to, job.frm, job.opts, 1)
        for i, r in zip(local, done):
            r.source = srcs[i]
            results[i] = r
    return [r for r in results if r is not None]


def failed(source: str, error: Error) -> ConversionResult:
    return ConversionResult(source=source, output=None, ok=False, error=error, diagnostics=[])


def as_error(e: BaseException, source: str, doing: str = "read") -> Error:
    """Any exception of reading, converting or writing a source as a copydesk.Error naming the file."""
    if isinstance(e, Error):
        if not e.file:
            e.file = source
        return e
    if isinstance(e, OSError):
        return FileError(f"cannot {doing}: {e.strerror or e}", file=source)
    return Error(f"{type(e).__name__}: {e}", file=source)


#: Requests in flight at once per task on an async filesystem (s3, gcs, http).
IO_CONCURRENCY = 32


def each(fs: Any, method: str, calls: list[tuple[Any, ...]]) -> list[Any]:
    """fs.method(*call) for each call, an exception in place of its result.

    Concurrently on an async filesystem (s3fs, gcsfs, http: one round trip of
    latency for IO_CONCURRENCY objects, not one each), else one after another.
    """
    if getattr(fs, "async_impl", False):
        import asyncio

        fn = getattr(fs, "_" + method)

        async def run() -> list[Any]:
            out: list[Any] = []
            for i in range(0, len(calls), IO_CONCURRENCY):
                out += await asyncio.gather(*(fn(*c) for c in calls[i:i + IO_CONCURRENCY]), return_exceptions=True)
            return out

        return list(require("fsspec.asyn").sync(fs.loop, run))
    out = []
    for c in calls:
        try:
            out.append(getattr(fs, method)(*c))
        except Exception as e:
            out.append(e)
    return out


def grouped(urls: list[str]) -> tuple[dict[int, tuple[Any, list[int], list[str]]], dict[int, BaseException]]:
    """The URLs' indices and paths grouped by filesystem instance; the URLs fsspec cannot resolve apart."""
    groups: dict[int, tuple[Any, list[int], list[str]]] = {}
    bad: dict[int, BaseException] = {}
    for i, url in enumerate(urls):
        try:
            fs, path = require("fsspec").core.url_to_fs(url)
        except Exception as e:
            bad[i] = e
            continue
        groups.setdefault(id(fs), (fs, [], []))
        groups[id(fs)][1].append(i)
        groups[id(fs)][2].append(path)
    return groups, bad


def fetch_all(urls: list[str], job: Job) -> list[bytes | Error]:
    """The bytes of each path or fsspec URL, or the FileError saying why not."""
    out: list[bytes | Error] = [b""] * len(urls)
    remote = [i for i, u in enumerate(urls) if not is_local(u)]
    for i, u in enumerate(urls):
        if is_local(u):
            try:
                with open(job.local(u), "rb") as f:
                    out[i] = f.read()
            except OSError as e:
                out[i] = as_error(e, u)
    groups, bad = grouped([urls[i] for i in remote])
    for k, err in bad.items():
        out[remote[k]] = as_error(err, urls[remote[k]])
    for fs, idx, paths in groups.values():
        for k, got in zip(idx, each(fs, "cat_file", [(p,) for p in paths])):
            i = remote[k]
            out[i] = as_error(got, urls[i]) if isinstance(got, BaseException) else bytes(got)
    return out


def store_all(items: list[tuple[str, bytes, str]], job: Job) -> list[Error | None]:
    """Writes each (url, data, source): a local path atomically and never over its source;
    fsspec URLs with pipe_file (on object stores a single PUT: the object appears whole or not)."""
    out: list[Error | None] = [None] * len(items)
    remote: list[int] = []
    for i, (url, data, source) in enumerate(items):
        if not is_local(url):
            remote.append(i)
            continue
        try:
            os.makedirs(os.path.dirname(url), exist_ok=True)
            _core.save(url, data, job.local(source) if is_local(source) else "")
        except Exception as e:
            out[i] = as_error(e, url, "write")
    groups, bad = grouped([items[i][0] for i in remote])
    for k, err in bad.items():
        out[remote[k]] = as_error(err, items[remote[k]][0], "write")
    for fs, idx, paths in groups.values():
        for k, got in zip(idx, each(fs, "pipe_file", [(p, items[remote[k]][1]) for k, p in zip(idx, paths)])):
            if isinstance(got, BaseException):
                out[remote[k]] = as_error(got, items[remote[k]][0], "write")
    return out


def convert_urls(srcs: list[str], job: Job) -> list[ConversionResult]:
    """Sources through fsspec: all read (concurrently where the filesystem can), each
    converted in C++ from bytes (the GIL released), all stored."""
    results: list[ConversionResult] = []
    pending: list[tuple[str, bytes, str]] = []
    for src, data in zip(srcs, fetch_all(srcs, job)):
        out = job.output_of(src)
        try:
            if isinstance(data, Error):
                raise data
            if out == src:
                raise UsageError("the output would overwrite the input", file=out)
            converted, diagnostics = _core.convert(data, job.to, job.frm or _core.format_for_path(src), job.opts, src)
        except Exception as e:
            results.append(failed(src, as_error(e, src)))
            continue
        name_files(diagnostics, out)
        results.append(ConversionResult(source=src, output=out, ok=True, error=None, diagnostics=diagnostics))
        pending.append((out, converted, src))
    written = iter(store_all(pending, job))
    for r in results:
        if r.ok:
            error = next(written)
            if error is not None:
                r.ok, r.output, r.error = False, None, error
    return results


def name_files(diagnostics: list[Diagnostic], output: str) -> None:
    """As convert_many: the reader's diagnostics name the input (C++ does it), the writer's the output."""
    for d in diagnostics:
        if not d.where.file:
            d.where = Location(output, d.where.part, d.where.line, d.where.column)


# -------------------------------------------------------------------- read
def read_one(src: str, job: Job) -> Document:
    if is_local(src):
        return _core.read_file(job.local(src), job.frm, job.opts)
    (data,) = fetch_all([src], job)
    if isinstance(data, Error):
        raise data
    return _core.read(data, job.frm or _core.format_for_path(src), job.opts, src)


def read_partition(sources: Iterable[str], job: Job) -> list[Document]:
    docs = []
    for src in map(os.fsdecode, sources):
        try:
            docs.append(read_one(src, job))
        except Exception:
            if job.errors == "raise":
                raise
    return docs


# ---------------------------------------------------------------- metadata
def metadata_partition(sources: Iterable[str], job: Job) -> Any:
    return frame([row(os.fsdecode(src), job) for src in sources])


def frame(rows: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of the rows, its columns of metadata_schema() as ArrowDtypes."""
    from .dask import metadata_schema

    table = require("pyarrow").Table.from_pylist(rows, schema=metadata_schema())
    return table.to_pandas(types_mapper=require("pandas").ArrowDtype)


def row(src: str, job: Job) -> dict[str, Any]:
    try:
        doc = read_one(src, job)
    except Exception as e:
        error = as_error(e, src)
        return {"path": src, "ok": False, "error": f"{error.kind}: {error}"}
    return {"path": src, "ok": True, "error": None, **document_columns(doc)}


def document_columns(doc: Document) -> dict[str, Any]:
    m = doc.metadata
    people = m.contributors
    return {
        "title": m.title, "subtitle": m.subtitle, "source": m.source,
        "date": timestamp(m.date), "date_text": (m.date.text or str(m.date)) if m.date else None,
        "language": m.language, "section": m.section, "dateline": m.dateline,
        "reporters": [c.name for c in people if c.role == "reporter"],
        "editors": [c.name for c in people if c.role == "editor"],
        "contributors": [{"role": c.role, "label": c.label, "name": c.name} for c in people],
        "keywords": list(m.keywords),
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in m.identifiers],
        "blocks": len(doc.blocks),
        "paragraphs": sum(1 for n in doc.nodes() if isinstance(n, Paragraph)),
        "characters": len(stringify(doc.blocks)),
        "diagnostics": len(doc.diagnostics),
        "diagnostic_codes": list(dict.fromkeys(d.code for d in doc.diagnostics)),  # distinct, first seen first
    }


def timestamp(date: DateTime | None) -> dt.datetime | None:
    """The wall-clock time as written (unknown parts earliest, the UTC offset left out); None without a year."""
    if date is None or date.year <= 0:
        return None
    try:
        return dt.datetime(date.year, date.month or 1, date.day or 1, date.hour or 0, date.minute or 0,
                           date.second or 0)
    except ValueError:
        return None
