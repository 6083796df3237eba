"""copydesk on Dask: convert, read and tabulate many articles on a cluster.

``pip install copydesk[dask]`` brings dask[distributed], fsspec, pyarrow and pandas;
this module imports them only when a function is called (``import copydesk``
never imports dask). The functions build lazy Dask collections and run on
whatever scheduler is current: a ``distributed.Client`` for a LocalCluster,
dask-jobqueue, Kubernetes or a cloud cluster, else Dask's default.

Sources are a list of paths or fsspec URLs (``file://``, ``memory://``,
``s3://``...), a glob (``"s3://bucket/news/**/*.txt"``), or a dask Bag of
them. Each task converts ``partition_size`` articles in C++ with the GIL
released, so the per-task overhead of the scheduler is spread over many small
articles. A failed article is a result (``ok=False`` and its typed error),
never an exception that stops the job.
"""

from __future__ import annotations

import os
import posixpath
from typing import TYPE_CHECKING, Any, Literal, Union

from . import _core
from ._api import ConversionResult, OptionValue, _canon, _checked_options, _readers
from ._errors import Error, FileError, UsageError
from ._nodes import Diagnostic, Document, Location, Paragraph
from ._walk import stringify

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# dask and pyarrow ship no complete type stubs, and they are an optional extra:
# their types are Any here, so that mypy checks this module with or without them.
Bag = Any  # dask.bag.Bag
DataFrame = Any  # dask.dataframe.DataFrame
Schema = Any  # pyarrow.Schema
Sources = Union[str, "os.PathLike[str]", "Iterable[Union[str, os.PathLike[str]]]", Bag]

#: Articles per task at most, unless ``partition_size`` says otherwise. A
#: distributed task costs the scheduler and worker 1-3 ms (bench/dask); a 5 KB
#: article converts to DOCX in about 0.25 ms, to plain text in 0.06 ms. 500
#: articles make a task of 30-120 ms, where that cost is a few per cent, as
#: Dask's advice of tasks over 100 ms asks; 10 million articles are 20,000
#: tasks, little for the scheduler (docs/scale.md).
DEFAULT_PARTITION_SIZE = 500
#: Fewer articles per task when needed to give every worker thread this many
#: tasks, so that small inputs still spread over the cluster and balance.
TASKS_PER_WORKER = 4
MIN_PARTITION_SIZE = 4

#: Environment for Dask worker processes, set before they start (LocalCluster:
#: ``dask.config.set({"distributed.nanny.pre-spawn-environ.MALLOC_MMAP_THRESHOLD_": ...})``;
#: dask-jobqueue, Kubernetes: the workers' environment). Dask's nanny sets
#: MALLOC_TRIM_THRESHOLD_, which turns off glibc's adaptive mmap threshold, so every
#: buffer over 128 KiB a conversion allocates (the DOCX compressor's) is mapped and
#: unmapped again: about 25% slower. A fixed 4 MiB threshold restores the speed
#: and keeps Dask's trimming (docs/scale.md).
WORKER_ENVIRON = {"MALLOC_MMAP_THRESHOLD_": "4194304"}

_GLOB_CHARS = frozenset("*?[")


def _require(module: str) -> Any:
    """Imports a module of the optional extra, naming the extra when it is missing."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:
        raise ImportError(f"copydesk.dask needs {module.split('.')[0]}: pip install 'copydesk[dask]' ({e})") from e


# ----------------------------------------------------------------- sources
def _is_local(url: str) -> bool:
    return "://" not in url or url.startswith("file://")


def _local_path(url: str) -> str:
    """A local path from a path or file:// URL, made absolute on the client (workers may run elsewhere)."""
    return os.path.abspath(url[len("file://"):] if url.startswith("file://") else url)


def _expand_glob(pattern: str) -> list[str]:
    fsspec = _require("fsspec")
    fs, _, paths = fsspec.core.get_fs_token_paths(pattern)
    if not paths:
        raise UsageError(f"no file matches '{pattern}'")
    if _is_local(pattern):
        return sorted(str(p) for p in paths)
    return sorted(str(fs.unstrip_protocol(p)) for p in paths)


def _source_list(sources: Any) -> list[str]:
    """Paths and URLs from a path, a glob or an iterable of them."""
    if isinstance(sources, (str, os.PathLike)):
        one = os.fsdecode(sources)
        return _expand_glob(one) if _GLOB_CHARS & set(one) else [one]
    out = []
    for s in sources:
        if not isinstance(s, (str, os.PathLike)):
            raise TypeError(f"a source must be a path or URL string, got {type(s).__name__}")
        out.append(os.fsdecode(s))
    return out


def default_partition_size(count: int, workers: int | None = None) -> int:
    """Articles per task for `count` sources on `workers` worker threads.

    DEFAULT_PARTITION_SIZE, or fewer so that each worker thread gets
    TASKS_PER_WORKER tasks (never fewer than MIN_PARTITION_SIZE articles).
    ``workers`` defaults to the threads of the current distributed client's
    workers, else the number of CPUs.
    """
    threads = workers or _worker_threads()
    return max(MIN_PARTITION_SIZE, min(DEFAULT_PARTITION_SIZE, -(-count // (TASKS_PER_WORKER * threads))))


def _worker_threads() -> int:
    try:
        client = _require("distributed").default_client()
        threads: int = sum(client.nthreads().values())
        return max(1, threads)
    except (ImportError, ValueError):  # no distributed, or no client: Dask's local schedulers
        return os.cpu_count() or 1


def _partitions(sources: Sources, partition_size: int | None) -> tuple[Bag | None, list[list[str]]]:
    """A Bag given as sources (kept as it is partitioned), else the listed sources cut into partitions."""
    db = _require("dask.bag")
    if isinstance(sources, db.Bag):
        return sources, []
    paths = _source_list(sources)
    if partition_size is not None and partition_size < 1:
        raise UsageError(f"partition_size must be at least 1, got {partition_size}")
    size = partition_size or default_partition_size(len(paths))
    return None, [paths[i:i + size] for i in range(0, len(paths), size)] or [[]]


def _map_partitions(sources: Sources, partition_size: int | None, fn: Any, *args: Any) -> Bag:
    """A Bag of fn(partition, *args) for each partition of the sources.

    Listed sources become one task per partition (db.from_sequence followed by
    map_partitions would make two, and the scheduler's cost is per task).
    """
    bag, chunks = _partitions(sources, partition_size)
    if bag is not None:
        return bag.map_partitions(fn, *args)
    quote = _require("dask.core").quote  # a literal: a task would otherwise look into lists and dicts for keys
    name = f"copydesk-{fn.__name__.strip('_')}-{_require('dask.base').tokenize(chunks, *args)}"
    quoted = [quote(a) for a in args]
    graph = {(name, i): (fn, quote(chunk), *quoted) for i, chunk in enumerate(chunks)}
    hlg = _require("dask.highlevelgraph").HighLevelGraph.from_collections(name, graph, dependencies=[])
    return _require("dask.bag").Bag(hlg, name, len(chunks))


# ----------------------------------------------------------------- convert
def _extension(fmt: str) -> str:
    for f in _core.formats():
        if f["name"] == fmt:
            return "." + (f["extensions"][0] if f["extensions"] else fmt)
    raise UsageError(f"unknown format '{fmt}'")


def _stem(url: str) -> str:
    return posixpath.splitext(posixpath.basename(url.rstrip("/")))[0]


def _output_of(source: str, output_dir: str, ext: str) -> str:
    if _is_local(output_dir):
        return os.path.join(_local_path(output_dir), _stem(source) + ext)
    return output_dir.rstrip("/") + "/" + _stem(source) + ext


def _check_stems(paths: Sequence[str], output_dir: str, ext: str) -> None:
    taken: dict[str, str] = {}
    for p in paths:
        out = _output_of(p, output_dir, ext)
        if out in taken:
            raise UsageError(f"'{taken[out]}' and '{p}' would both be written to '{out}'")
        taken[out] = p


def convert(sources: Sources, output_dir: str | os.PathLike[str], *, to: str, from_format: str | None = None,
            partition_size: int | None = None, **options: OptionValue) -> Bag:
    """A lazy Bag of one ConversionResult per source, converted into ``output_dir``.

    Each source is written to ``output_dir/STEM.EXT`` (EXT from the format ``to``),
    as copydesk.convert_many writes it: local outputs atomically (a temporary file
    renamed into place) and never over the input; fsspec outputs with one
    ``pipe_file`` (a single PUT on object stores). ``output_dir`` may be an
    fsspec URL. Options go to the reader and the writer, as for convert_many.
    Bad options, formats and two list sources with the same stem raise
    UsageError here, before anything runs; a Bag's stems are checked within
    each partition only. Call ``.compute()`` to run it.
    """
    to_fmt = _canon(to)
    frm = _canon(from_format) if from_format else None
    opts = _checked_options(options, [*_readers(frm), (to_fmt, False, True)])
    out_dir = os.fsdecode(output_dir)
    ext = _extension(to_fmt)
    if not isinstance(sources, _require("dask.bag").Bag):
        sources = _source_list(sources)
        _check_stems(sources, out_dir, ext)
    return _map_partitions(sources, partition_size, _convert_partition, out_dir, to_fmt, frm, opts, ext)


def _convert_partition(sources: Iterable[str], out_dir: str, to: str, frm: str | None, opts: dict[str, str],
                       ext: str) -> list[ConversionResult]:
    """Converts one partition: local files with the C++ batch, the rest through fsspec."""
    srcs = [os.fsdecode(s) for s in sources]
    results: list[ConversionResult | None] = [None] * len(srcs)
    taken: dict[str, str] = {}
    local: list[int] = []
    for i, src in enumerate(srcs):
        out = _output_of(src, out_dir, ext)
        if out in taken:
            results[i] = _failed(src, UsageError(f"'{taken[out]}' and '{src}' would both be written to '{out}'"))
            continue
        taken[out] = src
        if _is_local(src) and _is_local(out_dir):
            local.append(i)
        else:
            results[i] = _convert_url(src, out, to, frm, opts)
    if local:
        done = _core.convert_many([_local_path(srcs[i]) for i in local], _local_path(out_dir), to, frm, opts, 1)
        for i, r in zip(local, done):
            r.source = srcs[i]
            results[i] = r
    return [r for r in results if r is not None]


def _failed(source: str, error: Error) -> ConversionResult:
    return ConversionResult(source=source, output=None, ok=False, error=error, diagnostics=[])


def _as_error(e: Exception, source: str) -> Error:
    """Any exception of reading or writing a source as a copydesk.Error naming the file."""
    if isinstance(e, Error):
        if not e.file:
            e.file = source
        return e
    if isinstance(e, OSError):
        return FileError(f"cannot read: {e.strerror or e}", file=source)
    return Error(f"{type(e).__name__}: {e}", file=source)


def _fetch(url: str) -> bytes:
    """The bytes of a path or fsspec URL; FileError when they cannot be read."""
    fsspec = _require("fsspec")
    try:
        fs, path = fsspec.core.url_to_fs(url)
        data = fs.cat_file(path)
    except Exception as e:  # an fsspec backend raises what its client raises
        raise _as_error(e, url) from e
    return bytes(data)


def _store(url: str, data: bytes, source: str) -> None:
    """Writes bytes to a local path atomically (never over `source`) or with one fsspec pipe_file."""
    if _is_local(url):
        path = _local_path(url)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _core.save(path, data, _local_path(source) if _is_local(source) else "")
        return
    if url == source:
        raise UsageError("the output would overwrite the input", file=url)
    fsspec = _require("fsspec")
    try:
        fs, path = fsspec.core.url_to_fs(url)
        fs.pipe_file(path, data)
    except Exception as e:
        raise FileError(f"cannot write: {e}", file=url) from e


def _convert_url(src: str, out: str, to: str, frm: str | None, opts: dict[str, str]) -> ConversionResult:
    """One source through fsspec: read the bytes, convert in C++ (GIL released), store them."""
    try:
        data = _fetch(src)
        fmt = frm or _core.format_for_path(src)
        converted, diagnostics = _core.convert(data, to, fmt, opts, src)
        _name_files(diagnostics, out)
        _store(out, converted, src)
    except Exception as e:
        return _failed(src, _as_error(e, src))
    return ConversionResult(source=src, output=out, ok=True, error=None, diagnostics=diagnostics)


def _name_files(diagnostics: list[Diagnostic], output: str) -> None:
    """As convert_many: the reader's diagnostics name the input (C++ does it), the writer's the output."""
    for d in diagnostics:
        if not d.where.file:
            d.where = Location(output, d.where.part, d.where.line, d.where.column)


# -------------------------------------------------------------------- read
def _read_one(src: str, frm: str | None, opts: dict[str, str]) -> Document:
    if _is_local(src):
        return _core.read_file(_local_path(src), frm, opts)
    return _core.read(_fetch(src), frm or _core.format_for_path(src), opts, src)


def _read_partition(sources: Iterable[str], frm: str | None, opts: dict[str, str],
                    errors: str) -> list[Document]:
    docs = []
    for src in map(os.fsdecode, sources):
        try:
            docs.append(_read_one(src, frm, opts))
        except Error:
            if errors == "raise":
                raise
    return docs


def read(sources: Sources, *, from_format: str | None = None, partition_size: int | None = None,
         errors: Literal["raise", "skip"] = "raise", **reader_options: OptionValue) -> Bag:
    """A lazy Bag of the Documents read from the sources, for your own map and filter steps.

    Documents pickle, so they can move between workers. ``errors="raise"``
    (the default) fails the task on a source that cannot be read, as any Dask
    task raising; ``errors="skip"`` leaves such sources out (metadata() lists
    them with their errors).
    """
    if errors not in ("raise", "skip"):
        raise UsageError(f"errors must be 'raise' or 'skip', got {errors!r}")
    frm, opts = _reader_settings(from_format, reader_options)
    return _map_partitions(sources, partition_size, _read_partition, frm, opts, errors)


def _reader_settings(from_format: str | None, options: dict[str, OptionValue]) -> tuple[str | None, dict[str, str]]:
    frm = _canon(from_format) if from_format else None
    return frm, _checked_options(options, _readers(frm))


# ---------------------------------------------------------------- metadata
def metadata_schema() -> Schema:
    """The pyarrow schema of metadata()'s columns."""
    pa = _require("pyarrow")

    def list_of(item: Any) -> Any:  # items named as Parquet names them, so a round trip is exact
        return pa.list_(pa.field("element", item))

    names = list_of(pa.string())
    return pa.schema([
        ("path", pa.string()), ("ok", pa.bool_()), ("error", pa.string()),
        ("title", pa.string()), ("subtitle", pa.string()), ("source", pa.string()),
        ("date", pa.timestamp("ms")),  # ms: Parquet has no seconds unit
        ("date_text", pa.string()), ("language", pa.string()),
        ("section", pa.string()), ("dateline", pa.string()),
        ("reporters", names), ("editors", names),
        ("contributors", list_of(pa.struct([("role", pa.string()), ("label", pa.string()),
                                            ("name", pa.string())]))),
        ("keywords", names),
        ("identifiers", list_of(pa.struct([("scheme", pa.string()), ("value", pa.string())]))),
        ("blocks", pa.int64()), ("paragraphs", pa.int64()), ("characters", pa.int64()),
        ("diagnostics", pa.int64()), ("diagnostic_codes", names),
    ])


def metadata(sources: Sources, *, from_format: str | None = None, partition_size: int | None = None,
             **reader_options: OptionValue) -> DataFrame:
    """A lazy dask DataFrame with one row per source: its metadata, counts and diagnostics.

    Every column has a pyarrow dtype (``metadata_schema()``), so ``.to_parquet()``
    writes it as it is. A source that cannot be read is a row with ``ok=False``,
    ``error`` (``"kind: file: message"``) and nulls elsewhere.
    """
    dd = _require("dask.dataframe")
    frm, opts = _reader_settings(from_format, reader_options)
    bag, chunks = _partitions(sources, partition_size)
    if bag is None:  # one task per partition
        return dd.from_map(_metadata_partition, chunks, args=[frm, opts], meta=_frame([]), enforce_metadata=False)
    delayed = _require("dask").delayed
    parts = [delayed(_metadata_partition)(p, frm, opts) for p in bag.to_delayed()]
    return dd.from_delayed(parts, meta=_frame([]), verify_meta=False)


def _metadata_partition(sources: Iterable[str], frm: str | None, opts: dict[str, str]) -> Any:
    return _frame([_row(os.fsdecode(src), frm, opts) for src in sources])


def _frame(rows: list[dict[str, Any]]) -> Any:
    """A pandas DataFrame of the rows with ArrowDtype columns of metadata_schema()."""
    pa = _require("pyarrow")
    pd = _require("pandas")
    table = pa.Table.from_pylist(rows, schema=metadata_schema())
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def _row(src: str, frm: str | None, opts: dict[str, str]) -> dict[str, Any]:
    try:
        doc = _read_one(src, frm, opts)
    except Error as e:
        return {"path": src, "ok": False, "error": f"{e.kind}: {_as_error(e, src)}"}
    return {"path": src, "ok": True, "error": None, **_document_columns(doc)}


def _document_columns(doc: Document) -> dict[str, Any]:
    m = doc.metadata
    codes: dict[str, None] = dict.fromkeys(d.code for d in doc.diagnostics)
    return {
        "title": m.title, "subtitle": m.subtitle, "source": m.source,
        "date": _timestamp(m.date), "date_text": (m.date.text or str(m.date)) if m.date else None,
        "language": m.language, "section": m.section, "dateline": m.dateline,
        "reporters": [c.name for c in m.contributors if c.role == "reporter"],
        "editors": [c.name for c in m.contributors if c.role == "editor"],
        "contributors": [{"role": c.role, "label": c.label, "name": c.name} for c in m.contributors],
        "keywords": list(m.keywords),
        "identifiers": [{"scheme": i.scheme, "value": i.value} for i in m.identifiers],
        "blocks": len(doc.blocks),
        "paragraphs": sum(1 for n in doc.nodes() if isinstance(n, Paragraph)),
        "characters": len(stringify(doc.blocks)),
        "diagnostics": len(doc.diagnostics), "diagnostic_codes": list(codes),
    }


def _timestamp(date: Any) -> Any:
    """The date's wall-clock time as written (unknown parts earliest, offset left out); None without a year."""
    import datetime as dt

    if date is None or date.year <= 0:
        return None
    try:
        return dt.datetime(date.year, date.month or 1, date.day or 1, date.hour or 0, date.minute or 0,
                           date.second or 0)
    except ValueError:
        return None
