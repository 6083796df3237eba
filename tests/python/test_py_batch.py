"""convert_many(): a batch on C++ threads, one typed result per source, in order."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import copydesk

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "examples").glob("*.txt"))


def sources(tmp_path: Path, copies: int = 6) -> list[Path]:
    """The example articles, several times each, under different names."""
    out = []
    for i in range(copies):
        for ex in EXAMPLES:
            p = tmp_path / "in" / f"{ex.stem}-{i}.txt"
            p.parent.mkdir(exist_ok=True)
            p.write_bytes(ex.read_bytes())
            out.append(p)
    return out


def hostile_zip(path: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("../../evil.txt", "x")
    path.write_bytes(buf.getvalue())
    return path


def test_results_in_input_order_and_outputs_as_serial_convert(tmp_path: Path) -> None:
    srcs = sources(tmp_path)
    results = copydesk.convert_many(srcs, tmp_path / "out", to="docx", workers=2)
    assert [r.source for r in results] == [str(s) for s in srcs]
    assert all(r.ok and r.error is None for r in results)
    for src, r in zip(srcs, results):
        assert r.output == str(tmp_path / "out" / (src.stem + ".docx"))
        assert Path(r.output).read_bytes() == copydesk.convert(src, to_format="docx")
        assert all(isinstance(d, copydesk.Diagnostic) for d in r.diagnostics)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(s.stem + ".docx" for s in srcs)


def test_a_failing_file_is_a_typed_result_and_the_rest_go_on(tmp_path: Path) -> None:
    good = sources(tmp_path, copies=1)
    binary = tmp_path / "in" / "noise.docx"
    binary.write_bytes(bytes(range(256)) * 8)
    bad = [tmp_path / "in" / "missing.txt", hostile_zip(tmp_path / "in" / "evil.docx"), binary]
    results = copydesk.convert_many([bad[0], *good, bad[1], bad[2]], tmp_path / "out", to="json")
    by_source = {r.source: r for r in results}
    missing, evil, noise = (by_source[str(p)] for p in bad)
    assert not missing.ok and isinstance(missing.error, copydesk.FileError) and missing.output is None
    assert missing.error.file == str(bad[0])
    assert not evil.ok and isinstance(evil.error, (copydesk.ParseError, copydesk.LimitError))
    assert not noise.ok and isinstance(noise.error, copydesk.Error)
    assert all(by_source[str(p)].ok for p in good)
    assert not (tmp_path / "out" / "missing.json").exists() and not (tmp_path / "out" / "evil.json").exists()


def test_progress_callback_sees_every_file_on_the_calling_thread(tmp_path: Path) -> None:
    import threading

    srcs = sources(tmp_path, copies=3)
    seen: list[tuple[int, int, str]] = []
    caller = threading.get_ident()

    def progress(done: int, total: int, result: copydesk.ConversionResult) -> None:
        assert threading.get_ident() == caller
        seen.append((done, total, result.source))

    copydesk.convert_many(srcs, tmp_path / "out", to="plain", workers=2, progress=progress)
    assert [d for d, _, _ in seen] == list(range(1, len(srcs) + 1))
    assert {t for _, t, _ in seen} == {len(srcs)} and sorted(s for _, _, s in seen) == sorted(map(str, srcs))


def test_an_error_in_the_callback_stops_the_batch_and_is_raised(tmp_path: Path) -> None:
    srcs = sources(tmp_path, copies=10)

    def boom(done: int, total: int, result: copydesk.ConversionResult) -> None:
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        copydesk.convert_many(srcs, tmp_path / "out", to="plain", workers=2, progress=boom)


def test_plan_errors_come_before_any_work(tmp_path: Path) -> None:
    a, b = tmp_path / "x" / "same.txt", tmp_path / "y" / "same.txt"
    for p in (a, b):
        p.parent.mkdir()
        p.write_text("t\n\n  p\n", encoding="utf-8")
    with pytest.raises(copydesk.UsageError, match="would both be written"):
        copydesk.convert_many([a, b], tmp_path / "out", to="plain")
    with pytest.raises(copydesk.UsageError, match="bogus"):
        copydesk.convert_many([a], tmp_path / "out", to="plain", bogus=1)
    with pytest.raises(copydesk.UnsupportedFormatError):
        copydesk.convert_many([a], tmp_path / "out", to="nope")
    with pytest.raises(copydesk.UsageError, match="workers"):
        copydesk.convert_many([a], tmp_path / "out", to="plain", workers=0)
    assert copydesk.convert_many([], tmp_path / "out", to="plain") == []
