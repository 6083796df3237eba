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
import uuid
from typing import TYPE_CHECKING, Any, Literal, Union

from . import _core
from ._api import OptionValue, _canon, _checked_options, _readers
from ._dask_tasks import Job, convert_partition, frame, is_local, metadata_partition, read_partition, require, \
    same_output
from ._errors import UsageError

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

# dask and pyarrow ship no complete type stubs, and they are an optional extra
# (imported through importlib, when called): their types are Any here, so that
# mypy checks this module with or without them.
Bag = Any  # dask.bag.Bag
DataFrame = Any  # dask.dataframe.DataFrame
Schema = Any  # pyarrow.Schema
Sources = Union[str, "os.PathLike[str]", "Iterable[Union[str, os.PathLike[str]]]", Bag]

#: Articles per task at most, unless ``partition_size`` says otherwise. A
#: distributed task costs the scheduler and worker 1-4 ms (bench/dask); a 4 KB
#: article converts to DOCX in about 0.25 ms, to plain text in 0.06 ms. 500
#: articles make a task of 30-150 ms, where that cost is a few per cent, near
#: Dask's advice of tasks over 100 ms; 10 million articles are 20,000 tasks,
#: little for the scheduler (docs/scale.md).
DEFAULT_PARTITION_SIZE = 500
#: Fewer articles per task when needed to give every worker thread this many
#: tasks, so that small inputs still spread over the cluster. Two, not more: on
#: 1,900 articles and 2 workers, 4 tasks took 309 ms, 8 tasks 339, 19 tasks 380.
TASKS_PER_WORKER = 2
MIN_PARTITION_SIZE = 4

#: Environment for Dask worker processes, set before they start (LocalCluster:
#: ``dask.config.set({"distributed.nanny.pre-spawn-environ.NAME": value})`` for each;
#: dask-jobqueue, Kubernetes, cloud clusters: the workers' environment). Dask's nanny
#: sets MALLOC_TRIM_THRESHOLD_=65536: glibc then gives the top of the heap back to the
#: system after nearly every article and maps every buffer over 128 KiB (the DOCX
#: compressor's) afresh, which makes DOCX conversion 25-40% slower in a worker than
#: in process. These fixed thresholds restore the in-process speed while still
#: trimming (docs/scale.md).
WORKER_ENVIRON = {"MALLOC_TRIM_THRESHOLD_": "8388608", "MALLOC_MMAP_THRESHOLD_": "4194304"}

_GLOB_CHARS = frozenset("*?[")


# ----------------------------------------------------------------- sources
def _expand_glob(pattern: str) -> list[str]:
    fs, _, paths = require("fsspec").core.get_fs_token_paths(pattern)
    if not paths:
        raise UsageError(f"no file matches '{pattern}'")
    if is_local(pattern):
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
        client = require("distributed").default_client()
        threads: int = sum(client.nthreads().values())
        return max(1, threads)
    except (ImportError, ValueError):  # no distributed, or no client: Dask's local schedulers
        return os.cpu_count() or 1


def _partitions(sources: Sources, partition_size: int | None) -> tuple[Bag | None, list[list[str]]]:
    """A Bag given as sources (kept as it is partitioned), else the listed sources cut into partitions."""
    if isinstance(sources, require("dask.bag").Bag):
        return sources, []
    paths = _source_list(sources)
    if partition_size is not None and partition_size < 1:
        raise UsageError(f"partition_size must be at least 1, got {partition_size}")
    size = partition_size or default_partition_size(len(paths))
    return None, [paths[i:i + size] for i in range(0, len(paths), size)] or [[]]


def _map_partitions(sources: Sources, partition_size: int | None, fn: Any, job: Job, pure: bool = True) -> Bag:
    """A Bag of fn(partition, job) for each partition of the sources.

    Listed sources become one task per partition (db.from_sequence followed by
    map_partitions would make two, and the scheduler's cost is per task).
    Not `pure`: tasks with effects (writing files) get keys of their own, so a
    second identical call converts again instead of sharing the first's results.
    """
    bag, chunks = _partitions(sources, partition_size)
    if bag is not None:
        return bag.map_partitions(fn, job, token=None if pure else f"copydesk-{uuid.uuid4().hex}")
    quote = require("dask.core").quote  # a literal: a task would otherwise look into lists for keys
    token = require("dask.base").tokenize(chunks, job, None if pure else uuid.uuid4().hex)
    name = f"copydesk-{fn.__name__.replace('_', '-')}-{token}"
    graph = {(name, i): (fn, quote(chunk), job) for i, chunk in enumerate(chunks)}
    hlg = require("dask.highlevelgraph").HighLevelGraph.from_collections(name, graph, dependencies=[])
    return require("dask.bag").Bag(hlg, name, len(chunks))


# ----------------------------------------------------------------- convert
def _extension(fmt: str) -> str:
    for f in _core.formats():
        if f["name"] == fmt:
            return "." + (f["extensions"][0] if f["extensions"] else fmt)
    raise UsageError(f"unknown format '{fmt}'")


def _check_stems(paths: Sequence[str], job: Job) -> None:
    taken: dict[str, str] = {}
    for p in paths:
        out = job.output_of(p)
        if out in taken:
            raise same_output(taken[out], p, out)
        taken[out] = p


def convert(sources: Sources, output_dir: str | os.PathLike[str], *, to: str, from_format: str | None = None,
            partition_size: int | None = None, **options: OptionValue) -> Bag:
    """A lazy Bag of one ConversionResult per source, converted into ``output_dir``.

    Each source is written to ``output_dir/STEM.EXT`` (EXT from the format ``to``),
    as copydesk.convert_many writes it: local outputs atomically (a temporary file
    renamed into place) and never over the input; fsspec outputs with one
    ``pipe_file`` (a single PUT on object stores). ``output_dir`` may be an
    fsspec URL. Options go to the reader and the writer, as for convert_many.
    Bad options, formats and two listed sources with the same stem raise
    UsageError here, before anything runs; a Bag's stems are checked within
    each partition only. Call ``.compute()`` to run it.
    """
    to_fmt = _canon(to)
    frm = _canon(from_format) if from_format else None
    opts = _checked_options(options, [*_readers(frm), (to_fmt, False, True)])
    job = Job(frm, opts, to=to_fmt, ext=_extension(to_fmt), out_dir=os.fsdecode(output_dir))
    if not isinstance(sources, require("dask.bag").Bag):
        sources = _source_list(sources)
        _check_stems(sources, job)
    return _map_partitions(sources, partition_size, convert_partition, job, pure=False)


# -------------------------------------------------------------------- read
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
    return _map_partitions(sources, partition_size, read_partition, _reader_job(from_format, reader_options, errors))


def _reader_job(from_format: str | None, options: dict[str, OptionValue], errors: str = "raise") -> Job:
    frm = _canon(from_format) if from_format else None
    return Job(frm, _checked_options(options, _readers(frm)), errors=errors)


# ---------------------------------------------------------------- metadata
def metadata_schema() -> Schema:
    """The pyarrow schema of metadata()'s columns."""
    pa = require("pyarrow")

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
    ``error`` (``"kind: file: message"``) and nulls elsewhere. See docs/scale.md
    for what each column holds.
    """
    dd = require("dask.dataframe")
    job = _reader_job(from_format, reader_options)
    bag, chunks = _partitions(sources, partition_size)
    if bag is None:  # one task per partition
        return dd.from_map(metadata_partition, chunks, args=[job], meta=frame([]), enforce_metadata=False)
    delayed = require("dask").delayed
    parts = [delayed(metadata_partition)(p, job) for p in bag.to_delayed()]
    return dd.from_delayed(parts, meta=frame([]), verify_meta=False)
