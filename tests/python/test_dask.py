"""copydesk.dask on a real distributed LocalCluster (2 worker processes): conversion,
metadata table, Documents, fsspec memory:// sources and outputs."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import copydesk

# Skipped only where the extra is not installed; scripts/test installs it (and
# allows no skips), so in CI these tests always run.
distributed = pytest.importorskip("distributed", reason="pip install 'copydesk[dask]' to test copydesk.dask")
pytest.importorskip("fsspec", reason="pip install 'copydesk[dask]'")
pytest.importorskip("pyarrow", reason="pip install 'copydesk[dask]'")
pd = pytest.importorskip("pandas", reason="pip install 'copydesk[dask]'")

import copydesk._dask_tasks as cd_tasks  # noqa: E402
import copydesk.dask as cd  # noqa: E402

REPO = Path(__file__).resolve().parents[2]


def articles() -> list[Path]:
    """The corpus's plain-text articles, else the repository's examples."""
    env = os.environ.get("COPYDESK_CORPUS")
    corpus = Path(env) if env else REPO.parent / "shared" / "corpus"
    found = sorted((corpus / "text-zh").glob("**/*.txt"))
    return found or sorted((REPO / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as c:
            yield c


@pytest.fixture()
def bad(tmp_path: Path) -> dict[str, Path]:
    """A missing file, a ZIP whose entry climbs out of the archive, and random bytes named .docx."""
    d = tmp_path / "bad"
    d.mkdir()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../evil.txt", "x")
    (d / "evil.docx").write_bytes(buf.getvalue())
    (d / "noise.docx").write_bytes(bytes(range(256)) * 8)
    return {"missing": d / "missing.txt", "hostile": d / "evil.docx", "binary": d / "noise.docx"}


def test_importing_copydesk_or_its_dask_module_does_not_import_dask() -> None:
    code = "import sys, copydesk, copydesk.dask; assert 'dask' not in sys.modules, 'dask imported'"
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr


def test_cluster_outputs_are_those_of_serial_convert_many(client: Any, tmp_path: Path,
                                                          bad: dict[str, Path]) -> None:
    srcs = [bad["missing"], *articles(), bad["hostile"], bad["binary"]]
    assert len(srcs) >= 5
    bag = cd.convert(srcs, tmp_path / "cluster", to="docx", partition_size=8)
    assert bag.npartitions == -(-len(srcs) // 8)
    results = bag.compute()
    serial = copydesk.convert_many(srcs, tmp_path / "serial", to="docx", workers=1)
    assert [r.source for r in results] == [str(s) for s in srcs]
    for r, s in zip(results, serial):
        assert isinstance(r, copydesk.ConversionResult)
        assert (r.ok, type(r.error), [(d.code, d.message) for d in r.diagnostics]) == \
               (s.ok, type(s.error), [(d.code, d.message) for d in s.diagnostics])
        if s.ok:
            assert r.output == str(tmp_path / "cluster" / Path(s.output or "").name)
            assert Path(r.output).read_bytes() == Path(s.output or "").read_bytes()
    by_source = {r.source: r for r in results}
    missing, hostile, binary = (by_source[str(bad[k])] for k in ("missing", "hostile", "binary"))
    assert isinstance(missing.error, copydesk.FileError) and missing.error.kind == "io"
    assert missing.error.file == str(bad["missing"]) and missing.output is None
    assert hostile.error is not None and hostile.error.kind in ("parse", "limit")
    assert binary.error is not None and binary.error.kind == "parse"
    assert sum(r.ok for r in results) == len(srcs) - 3


def test_conversion_results_pickle_with_their_typed_errors(client: Any, bad: dict[str, Path],
                                                           tmp_path: Path) -> None:
    # Computed in the worker processes, so these crossed processes by pickle already.
    results = cd.convert([bad["missing"], bad["binary"], articles()[0]], tmp_path, to="json").compute()
    for r in results:
        back = pickle.loads(pickle.dumps(r))
        assert (back.source, back.output, back.ok, back.diagnostics) == (r.source, r.output, r.ok, r.diagnostics)
        assert type(back.error) is type(r.error)
        if r.error is not None and back.error is not None:
            assert (back.error.kind, back.error.message, back.error.file, str(back.error)) == \
                   (r.error.kind, r.error.message, r.error.file, str(r.error))
    assert isinstance(results[0].error, copydesk.FileError) and results[0].error.filename == str(bad["missing"])
    assert results[2].ok and Path(results[2].output or "").is_file()


def test_batch_problems_raise_before_anything_runs(tmp_path: Path) -> None:
    a, b = tmp_path / "x" / "same.txt", tmp_path / "y" / "same.txt"
    with pytest.raises(copydesk.UsageError, match="would both be written"):
        cd.convert([a, b], tmp_path / "out", to="json")
    with pytest.raises(copydesk.UsageError, match="refrence-doc"):
        cd.convert([a], tmp_path / "out", to="docx", refrence_doc="r.docx")
    with pytest.raises(copydesk.UnsupportedFormatError):
        cd.convert([a], tmp_path / "out", to="pdf")
    with pytest.raises(copydesk.UsageError, match="partition_size"):
        cd.convert([a], tmp_path / "out", to="json", partition_size=0)
    with pytest.raises(copydesk.UsageError, match="no file matches"):
        cd.metadata(str(tmp_path / "nothing" / "*.txt"))
    assert not (tmp_path / "out").exists()


def test_partitions_hold_many_articles_but_small_inputs_still_spread(client: Any) -> None:
    assert cd.default_partition_size(10_000_000, workers=64) == cd.DEFAULT_PARTITION_SIZE == 500
    assert cd.default_partition_size(95, workers=2) == 24  # 4 tasks: 2 for each worker
    assert cd.default_partition_size(3, workers=2) == cd.MIN_PARTITION_SIZE
    assert cd.default_partition_size(1900) == 475  # the client's cluster: 2 workers of 1 thread
    bag = cd.convert([f"{i}.txt" for i in range(1900)], "out", to="json")
    assert bag.npartitions == 4 and len(bag.__dask_graph__()) == 4  # one task per partition
    again = cd.convert([f"{i}.txt" for i in range(1900)], "out", to="json")
    assert set(again.__dask_keys__()).isdisjoint(bag.__dask_keys__())  # converting again is not cached
    df = cd.metadata([f"{i}.txt" for i in range(1900)], partition_size=100)
    assert df.npartitions == 19 and len(df.optimize().__dask_graph__()) == 19


EXPECTED_TYPES = {
    "path": "string", "ok": "bool", "error": "string", "title": "string", "subtitle": "string",
    "source": "string", "date": "timestamp[ms]", "date_text": "string", "language": "string",
    "section": "string", "dateline": "string", "reporters": "list<element: string>",
    "editors": "list<element: string>",
    "contributors": "list<element: struct<role: string, label: string, name: string>>",
    "keywords": "list<element: string>", "identifiers": "list<element: struct<scheme: string, value: string>>",
    "blocks": "int64", "paragraphs": "int64", "characters": "int64", "diagnostics": "int64",
    "diagnostic_codes": "list<element: string>",
}


def test_metadata_table_is_typed_equals_serial_reads_and_round_trips_parquet(
        client: Any, tmp_path: Path, bad: dict[str, Path]) -> None:
    srcs = [*articles(), bad["missing"], bad["binary"]]
    df = cd.metadata(srcs, partition_size=16)
    assert {c: str(t.pyarrow_dtype) for c, t in df.dtypes.items()} == EXPECTED_TYPES
    table = df.compute()
    assert list(table.columns) == list(EXPECTED_TYPES) and len(table) == len(srcs)
    assert {c: str(t.pyarrow_dtype) for c, t in table.dtypes.items()} == EXPECTED_TYPES
    rows = table.set_index("path")
    for src in articles():
        row, doc = rows.loc[str(src)], copydesk.read(src)
        m = doc.metadata
        assert row["ok"] and pd.isna(row["error"])
        assert (row["title"], row["source"], row["dateline"]) == (m.title, m.source, m.dateline)
        assert list(row["reporters"]) == [c.name for c in m.contributors if c.role == "reporter"]
        assert list(row["editors"]) == [c.name for c in m.contributors if c.role == "editor"]
        assert [(c["role"], c["label"], c["name"]) for c in row["contributors"]] == \
               [(c.role, c.label, c.name) for c in m.contributors]
        if m.date is None:
            assert pd.isna(row["date"]) and pd.isna(row["date_text"])
        else:
            d = m.date  # the wall-clock time as written, unknown parts earliest
            assert row["date"] == pd.Timestamp(d.year, d.month or 1, d.day or 1, d.hour or 0, d.minute or 0,
                                               d.second or 0)
            assert row["date_text"] == (m.date.text or str(m.date))
        assert row["blocks"] == len(doc.blocks) and row["diagnostics"] == len(doc.diagnostics)
        assert row["characters"] == len(copydesk.stringify(doc.blocks)) > 0
    good = rows[rows["ok"]]
    assert good["date"].notna().sum() > 0 and good["reporters"].map(len).sum() > 0  # the corpus has them
    missing, binary = rows.loc[str(bad["missing"])], rows.loc[str(bad["binary"])]
    assert not missing["ok"] and missing["error"].startswith(f"io: {bad['missing']}")
    assert not binary["ok"] and binary["error"].startswith("parse: ") and pd.isna(binary["title"])

    df.to_parquet(tmp_path / "meta")
    back = pd.read_parquet(tmp_path / "meta", dtype_backend="pyarrow")
    assert {c: str(t.pyarrow_dtype) for c, t in back.dtypes.items()} == EXPECTED_TYPES
    pd.testing.assert_frame_equal(back.reset_index(drop=True), table.reset_index(drop=True))


def test_read_gives_documents_equal_to_serial_reads(client: Any, bad: dict[str, Path]) -> None:
    srcs = articles()[:12]
    docs = cd.read([*srcs, bad["missing"]], errors="skip", partition_size=5).compute()
    assert docs == [copydesk.read(s) for s in srcs]
    assert [d.path for d in docs] == [str(s) for s in srcs]
    titles = cd.read(srcs).map(lambda d: d.metadata.title).compute()
    assert titles == [copydesk.read(s).metadata.title for s in srcs]
    with pytest.raises(copydesk.FileError):
        cd.read([bad["missing"]]).compute()


def test_a_bag_of_paths_and_a_glob_are_sources_too(client: Any, tmp_path: Path) -> None:
    import dask.bag as db

    srcs = [str(p) for p in articles()[:10]]
    from_bag = cd.convert(db.from_sequence(srcs, npartitions=3), tmp_path / "bag", to="json").compute()
    assert [r.source for r in from_bag] == srcs and all(r.ok for r in from_bag)
    bag = db.from_sequence([Path(s) for s in srcs[:3]], npartitions=2)  # os.PathLike items too
    table = cd.metadata(bag).compute()
    assert list(table["path"]) == srcs[:3] and str(table["date"].dtype) == "timestamp[ms][pyarrow]"
    assert cd.read(bag).map(lambda d: d.metadata.title).compute() == [copydesk.read(s).metadata.title
                                                                       for s in srcs[:3]]
    (tmp_path / "g").mkdir()
    for s in srcs[:4]:
        (tmp_path / "g" / Path(s).name).write_bytes(Path(s).read_bytes())
    globbed = cd.metadata(str(tmp_path / "g" / "*.txt")).compute()
    assert sorted(globbed["path"]) == sorted(str(tmp_path / "g" / Path(s).name) for s in srcs[:4])


def test_a_bag_with_two_sources_of_one_stem_fails_the_second(client: Any, tmp_path: Path) -> None:
    import dask.bag as db

    a = articles()[0]
    (tmp_path / "x").mkdir()
    twin = tmp_path / "x" / a.name
    twin.write_bytes(a.read_bytes())
    first, second = cd.convert(db.from_sequence([a, twin], npartitions=1), tmp_path / "out", to="json").compute()
    assert first.ok and first.output == str(tmp_path / "out" / (a.stem + ".json"))
    assert not second.ok and isinstance(second.error, copydesk.UsageError)
    assert "would both be written" in str(second.error) and second.output is None


def test_relative_paths_are_the_clients_not_the_workers(client: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    src = articles()[0]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / src.name).write_bytes(src.read_bytes())
    monkeypatch.chdir(tmp_path)  # the workers started elsewhere and stay there
    worker_dirs = set(client.run(os.getcwd).values())
    assert str(tmp_path) not in worker_dirs
    rel = f"in/{src.name}"
    (result,) = cd.convert([rel], "out", to="json").compute()
    assert result.ok and result.source == rel and result.output == str(tmp_path / "out" / (src.stem + ".json"))
    assert cd.metadata([rel]).compute()["title"].iloc[0] == copydesk.read(src).metadata.title
    assert cd.read(f"file://{tmp_path}/in/*.txt").compute() == [copydesk.read(src)]


def test_memory_filesystem_as_source_and_destination(tmp_path: Path) -> None:
    import fsspec

    mem = fsspec.filesystem("memory")
    srcs = articles()[:8]
    for s in srcs:
        mem.pipe_file(f"/in/{s.name}", s.read_bytes())
    # memory:// lives in one process, so this runs on the threaded scheduler, not the cluster.
    urls = sorted(f"memory:///in/{s.name}" for s in srcs)
    results = cd.convert("memory:///in/*.txt", "memory:///out", to="docx").compute(scheduler="threads")
    assert [r.source for r in results] == urls and all(r.ok for r in results)
    local = copydesk.convert_many(sorted(srcs, key=lambda p: p.name), tmp_path, to="docx")
    for r, lr in zip(results, local):
        assert r.output == f"memory:///out/{Path(r.source).stem}.docx"
        assert mem.cat_file(r.output) == Path(lr.output or "").read_bytes()
        assert [(d.code, d.message) for d in r.diagnostics] == [(d.code, d.message) for d in lr.diagnostics]
    (local_to_mem,) = cd.convert([srcs[0]], "memory:///out2", to="docx").compute(scheduler="threads")
    assert local_to_mem.ok and mem.cat_file(f"/out2/{srcs[0].stem}.docx") == copydesk.convert(srcs[0], to_format="docx")
    missing = cd.convert(["memory:///in/none.txt"], "memory:///out", to="json").compute(scheduler="sync")[0]
    assert not missing.ok and isinstance(missing.error, copydesk.FileError)
    assert missing.error.file == "memory:///in/none.txt" and not mem.exists("/out/none.json")
    table = cd.metadata(urls).compute(scheduler="sync")
    assert list(table["title"]) == [copydesk.read(mem.cat_file(u[len("memory://"):])).metadata.title for u in urls]
    docs = cd.read(urls[:2]).compute(scheduler="sync")
    assert docs[0] == copydesk.read(mem.cat_file(urls[0][len("memory://"):]), format="plain")
    mem.rm("/in", recursive=True)
    mem.rm("/out", recursive=True)
    mem.rm("/out2", recursive=True)


def test_an_async_filesystem_is_read_and_written_concurrently(tmp_path: Path) -> None:
    import asyncio

    import fsspec
    from fsspec.asyn import AsyncFileSystem

    class SlowStore(AsyncFileSystem):  # type: ignore[misc]
        """An object store in memory whose every request takes 20 ms, counting those in flight."""

        protocol = "slowstore"
        objects: dict[str, bytes] = {}
        in_flight = peak = 0

        async def _request(self) -> None:
            cls = type(self)
            cls.in_flight += 1
            cls.peak = max(cls.peak, cls.in_flight)
            await asyncio.sleep(0.02)
            cls.in_flight -= 1

        async def _cat_file(self, path: str, start: Any = None, end: Any = None, **kw: Any) -> bytes:
            await self._request()
            if path not in self.objects:
                raise FileNotFoundError(2, "No such file or directory", path)
            return self.objects[path]

        async def _pipe_file(self, path: str, value: bytes, **kw: Any) -> None:
            await self._request()
            if path.startswith("readonly/"):
                raise PermissionError(13, "Permission denied", path)
            self.objects[path] = value

    fsspec.register_implementation("slowstore", SlowStore, clobber=True)
    arts = articles()
    srcs = [arts[i % len(arts)] for i in range(40)]
    for i, s in enumerate(srcs):
        SlowStore.objects[f"in/{i}-{s.name}"] = s.read_bytes()
    urls = [f"slowstore://in/{i}-{s.name}" for i, s in enumerate(srcs)] + ["slowstore://in/none.txt"]
    results = cd.convert(urls, "slowstore://out", to="docx", partition_size=100).compute(scheduler="sync")
    assert SlowStore.peak == cd_tasks.IO_CONCURRENCY  # 40 reads and 40 writes, 32 at a time
    for r, s in zip(results, srcs):
        assert r.ok and SlowStore.objects[f"out/{Path(r.source).stem}.docx"] == copydesk.convert(s, to_format="docx")
    assert isinstance(results[-1].error, copydesk.FileError) and results[-1].error.file == urls[-1]
    denied = cd.convert(urls[:3], "slowstore://readonly", to="json").compute(scheduler="sync")
    assert [r.ok for r in denied] == [False] * 3 and all(r.output is None for r in denied)
    assert all(isinstance(r.error, copydesk.FileError) and "cannot write: Permission denied" in str(r.error)
               for r in denied)
    assert denied[0].error is not None and denied[0].error.file == "slowstore://readonly/" + Path(urls[0]).stem + ".json"
