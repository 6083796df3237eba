"""Tests of the copydesk command-line program, run as a subprocess.

Most tests convert copydesk AST JSON (the `json` format) so they exercise the
CLI itself; the ones marked in their names (plain_, docx_) also need the
plain-text or DOCX format to be built.
"""

from __future__ import annotations

import json
import os
import pty
import re
import subprocess
import zipfile
from io import BytesIO
from pathlib import Path

import pytest

# Exit codes, as documented in `copydesk --help` and docs/cli.md.
EXIT_OK = 0
EXIT_CONVERSION = 1
EXIT_USAGE = 2
EXIT_IO = 3
EXIT_STRICT = 4

SAMPLE_ZH = (
    "小区加装电梯工程顺利完工\n"
    "\n"
    "来源：太仓日报　作者：王俊　责编：俞群艳　发布时间：2023-07-13\n"
    "\n"
    "　　昨日，城厢镇某小区的加装电梯工程顺利完工，居民们纷纷点赞。\n"
    "\n"
    "　　据介绍，该工程历时三个月，共加装电梯四部。（记者  王俊）\n"
)


def ast(title: str = "Hello", text: str = "世界", **extra) -> dict:
    doc = {
        "copydesk-ast-version": 1,
        "metadata": {"title": title},
        "blocks": [{"t": "Paragraph", "content": [{"t": "Text", "text": text}]}],
    }
    doc.update(extra)
    return doc


def write_ast(path: Path, **kwargs) -> Path:
    path.write_text(json.dumps(ast(**kwargs), ensure_ascii=False), encoding="utf-8")
    return path


def run(binary: Path, *args, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(binary), *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=cwd,
        timeout=120,
        check=False,
    )


def run_with_tty(binary: Path, *args, tty_fd: str, stdin: bytes | None = None, cwd: Path | None = None):
    """Runs with stdin, stdout or stderr (`tty_fd`) on a pseudo-terminal; returns (rc, tty bytes, other)."""
    master, slave = pty.openpty()
    streams = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    streams[tty_fd] = slave
    with subprocess.Popen([str(binary), *map(str, args)], cwd=cwd, **streams) as proc:
        os.close(slave)
        if proc.stdin is not None:
            proc.stdin.write(stdin or b"")
            proc.stdin.close()
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        other = proc.stderr if tty_fd != "stderr" else proc.stdout
        rest = other.read() if other is not None else b""
        rc = proc.wait(timeout=120)
    os.close(master)
    return rc, seen, rest


def stderr_of(result: subprocess.CompletedProcess) -> str:
    return result.stderr.decode("utf-8", "replace")


# ----------------------------------------------------------------- basics


def test_version(copydesk_bin):
    r = run(copydesk_bin, "--version")
    assert r.returncode == EXIT_OK
    assert re.fullmatch(rb"copydesk \d+\.\d+\.\d+\n", r.stdout)


def test_help_lists_every_flag_and_the_exit_codes(copydesk_bin):
    for flag in ("--help", "-h"):
        r = run(copydesk_bin, flag)
        assert r.returncode == EXIT_OK
        text = r.stdout.decode()
        for option in ("-o, --output", "-f, --from", "-t, --to", "--output-dir", "-j, --jobs", "-M, --metadata",
                       "-O, --option", "--reader-option", "--writer-option", "-q, --quiet", "-v, --verbose",
                       "--strict", "--list-formats", "--version", "--no-progress"):
            assert option in text, option
        exit_section = text[text.index("Exit codes:"):]
        for code, word in ((0, "converted"), (1, "could not be converted"), (2, "usage"), (3, "I/O"),
                           (4, "--strict")):
            assert re.search(rf"^\s+{code}\s+.*{re.escape(word)}", exit_section, re.M), code


def test_list_formats(copydesk_bin):
    r = run(copydesk_bin, "--list-formats")
    assert r.returncode == EXIT_OK
    rows = {line.split()[0]: line for line in r.stdout.decode().splitlines()[1:] if line and not line[0].isspace()}
    assert {"plain", "docx", "json"} <= rows.keys()
    assert re.match(r"plain\s+rw\s+\.txt,\.text\s+text,txt\s+\S", rows["plain"])
    assert re.match(r"docx\s+rw\s+\.docx\s+-\s+\S", rows["docx"])
    assert re.match(r"json\s+rw\s+\.json\s+-\s+\S", rows["json"])


def test_list_formats_verbose_shows_options_and_limits(copydesk_bin):
    r = run(copydesk_bin, "--list-formats", "--verbose")
    assert r.returncode == EXIT_OK
    text = r.stdout.decode()
    json_section = text[text.index("\njson "):]
    assert re.search(r"writer options:\n\s+pretty=true\s+\S", json_section)
    assert "limit.max_entries=10000" in text


def test_unknown_flag_is_a_usage_error(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-t", "json", "--frobnicate")
    assert r.returncode == EXIT_USAGE
    assert "--frobnicate" in stderr_of(r)
    assert "--help" in stderr_of(r)
    assert r.stdout == b""


def test_flag_missing_its_value(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-t")
    assert r.returncode == EXIT_USAGE
    assert "-t needs a value" in stderr_of(r)


# --------------------------------------------------------- single files


def test_json_to_json_file(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json", title="标题", text="正文")
    out = tmp_path / "b.json"
    r = run(copydesk_bin, src, "-o", out, "-t", "json")
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert r.stdout == b""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["copydesk-ast-version"] == 1
    assert doc["metadata"]["title"] == "标题"
    assert doc["blocks"][0]["content"][0]["text"] == "正文"


def test_output_format_from_the_output_extension(copydesk_bin, tmp_path):
    out = tmp_path / "b.json"
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-o", out)
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(out.read_bytes())["metadata"]["title"] == "Hello"


def test_input_format_from_content_when_the_extension_says_nothing(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "article.data", title="Sniffed")
    r = run(copydesk_bin, src, "-t", "json", "-v")
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(r.stdout)["metadata"]["title"] == "Sniffed"
    assert "(json)" in stderr_of(r)  # the verbose line names the detected reader


def test_unknown_output_extension_without_to(copydesk_bin, tmp_path):
    out = tmp_path / "b.weird"
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-o", out)
    assert r.returncode == EXIT_USAGE
    assert "b.weird" in stderr_of(r) and "-t" in stderr_of(r)
    assert not out.exists()


def test_stdout_needs_a_format(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"))
    assert r.returncode == EXIT_USAGE
    assert "-t" in stderr_of(r)


@pytest.mark.parametrize("flag", ["-t", "-f"])
def test_unknown_format_name(copydesk_bin, tmp_path, flag):
    args = [write_ast(tmp_path / "a.json"), flag, "klingon"]
    if flag == "-f":
        args += ["-t", "json"]
    r = run(copydesk_bin, *args)
    assert r.returncode == EXIT_USAGE
    err = stderr_of(r)
    assert "unknown format 'klingon'" in err
    for name in ("plain", "docx", "json"):
        assert name in err  # the known formats are listed
    assert r.stdout == b""


def test_format_names_are_case_insensitive_and_take_aliases(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "--from=JSON", "--to", "Json")
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(r.stdout)["metadata"]["title"] == "Hello"


def test_forced_input_format_overrides_the_extension(copydesk_bin, tmp_path):
    # JSON content in a .txt file: -f json must win over the extension.
    src = write_ast(tmp_path / "a.txt", title="Forced")
    r = run(copydesk_bin, src, "-f", "json", "-t", "json")
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(r.stdout)["metadata"]["title"] == "Forced"


def test_stdin_to_stdout(copydesk_bin):
    data = json.dumps(ast(title="管道"), ensure_ascii=False).encode()
    r = run(copydesk_bin, "-", "-t", "json", "-o", "-", stdin=data)
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(r.stdout)["metadata"]["title"] == "管道"


def test_no_input_reads_stdin(copydesk_bin):
    data = json.dumps(ast(title="implicit")).encode()
    r = run(copydesk_bin, "-t", "json", stdin=data)
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(r.stdout)["metadata"]["title"] == "implicit"


def test_no_input_on_a_terminal_is_a_usage_error(copydesk_bin):
    rc, _, err = run_with_tty(copydesk_bin, "-t", "json", tty_fd="stdin")
    assert rc == EXIT_USAGE
    assert b"no input" in err


def test_stdin_can_be_read_only_once(copydesk_bin, tmp_path):
    r = run(copydesk_bin, "-", "-", "--output-dir", tmp_path / "out", "-t", "json")
    assert r.returncode == EXIT_USAGE


def test_stdin_is_binary_safe(copydesk_bin):
    # A resource holding every byte value survives stdin -> AST -> stdout.
    import base64

    blob = bytes(range(256)) * 4
    doc = ast(resources=[{"name": "media/x.bin", "mime": "application/octet-stream",
                          "data": base64.b64encode(blob).decode()}])
    r = run(copydesk_bin, "-f", "json", "-t", "json", stdin=json.dumps(doc).encode())
    assert r.returncode == EXIT_OK, stderr_of(r)
    out = json.loads(r.stdout)
    assert base64.b64decode(out["resources"][0]["data"]) == blob


def test_double_dash_ends_options(copydesk_bin, tmp_path):
    write_ast(tmp_path / "-odd.json", title="odd")
    r = run(copydesk_bin, "-t", "json", "--", "-odd.json", cwd=tmp_path)
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(r.stdout)["metadata"]["title"] == "odd"


def test_missing_input_is_an_io_error(copydesk_bin, tmp_path):
    missing = tmp_path / "nope.json"
    r = run(copydesk_bin, missing, "-t", "json")
    assert r.returncode == EXIT_IO
    assert str(missing) in stderr_of(r)
    assert "[io]" in stderr_of(r)


def test_directory_input_is_an_io_error(copydesk_bin, tmp_path):
    r = run(copydesk_bin, tmp_path, "-t", "json")
    assert r.returncode == EXIT_IO
    assert "directory" in stderr_of(r)


def test_unwritable_output_is_an_io_error(copydesk_bin, tmp_path):
    out = tmp_path / "no" / "such" / "dir" / "b.json"
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-o", out)
    assert r.returncode == EXIT_IO
    assert "b.json" in stderr_of(r)


def test_malformed_input_names_file_and_line(copydesk_bin, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{\n  "copydesk-ast-version": 1,\n  "blocks": [\n    {"t": "Paragraph",,}\n  ]\n}\n')
    out = tmp_path / "out.json"
    r = run(copydesk_bin, bad, "-o", out)
    assert r.returncode == EXIT_CONVERSION
    err = stderr_of(r)
    assert re.search(r"^error: .*bad\.json:\s*(line )?4\b.*\[parse\]$", err, re.M), err
    assert not out.exists()


def test_output_never_overwrites_the_input(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json")
    before = src.read_bytes()
    r = run(copydesk_bin, src, "-o", src)
    assert r.returncode == EXIT_USAGE
    assert "overwrite the input" in stderr_of(r)
    assert src.read_bytes() == before


def test_failed_conversion_leaves_no_partial_output(copydesk_bin, tmp_path):
    out = tmp_path / "b.json"
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-o", out, "-O", "pretty=maybe")
    assert r.returncode == EXIT_USAGE  # a malformed option value
    assert "pretty" in stderr_of(r)
    assert list(tmp_path.iterdir()) == [tmp_path / "a.json"]


# ------------------------------------------------------------ metadata


def test_metadata_overrides_visible_in_json(copydesk_bin, tmp_path):
    src = tmp_path / "a.json"
    doc = ast(title="Old title")
    doc["metadata"]["custom"] = [["栏目编号", "7"], ["keep", "me"]]
    doc["metadata"]["contributors"] = [{"name": "王俊", "role": "reporter", "label": "记者"}]
    src.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    r = run(copydesk_bin, src, "-t", "json",
            "-M", "title=新标题", "-M", "subtitle=副题", "-M", "source=太仓日报",
            "-M", "date=2023年7月13日 08:30", "-M", "language=zh-CN", "-M", "section=本地",
            "-M", "license=CC-BY-4.0", "-M", "keywords=电梯, 民生，城厢",
            "-M", "author=Jane Doe", "--metadata", "editor=俞群艳", "-M", "reporter=李四",
            "-M", "栏目编号=8", "-M", "Press=Xinhua", "-M", "Title=Final title")
    assert r.returncode == EXIT_OK, stderr_of(r)
    meta = json.loads(r.stdout)["metadata"]
    assert meta["title"] == "Final title"  # later -M wins; known keys are case-insensitive
    assert meta["subtitle"] == "副题"
    assert meta["source"] == "太仓日报"
    assert meta["date"]["iso"] == "2023-07-13T08:30"
    assert meta["date"]["text"] == "2023年7月13日 08:30"
    assert meta["language"] == "zh-CN"
    assert meta["section"] == "本地"
    assert meta["license"] == "CC-BY-4.0"
    assert meta["keywords"] == ["电梯", "民生", "城厢"]
    people = [(c["name"], c["role"]) for c in meta["contributors"]]
    assert people == [("王俊", "reporter"), ("Jane Doe", "author"), ("俞群艳", "editor"), ("李四", "reporter")]
    assert meta["custom"] == [["栏目编号", "8"], ["keep", "me"], ["Press", "Xinhua"]]


def test_metadata_iso_date_and_clearing(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json", title="gone"), "-t", "json",
            "-M", "date=2024-02-29", "-M", "title=")
    assert r.returncode == EXIT_OK, stderr_of(r)
    meta = json.loads(r.stdout)["metadata"]
    assert meta["date"]["iso"] == "2024-02-29"
    assert meta.get("title", "") == ""


@pytest.mark.parametrize("arg", ["date=yesterday", "date=2023-02-30", "date=2023-07-13 and more", "novalue", "=x"])
def test_bad_metadata_is_a_usage_error(copydesk_bin, tmp_path, arg):
    out = tmp_path / "b.json"
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-o", out, "-M", arg)
    assert r.returncode == EXIT_USAGE
    assert "-M" in stderr_of(r)
    assert not out.exists()


# ------------------------------------------------------------- options


def test_option_goes_to_the_writer(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json")
    pretty = run(copydesk_bin, src, "-t", "json")
    for args in (["-O", "pretty=false"], ["--option=pretty=false"], ["--writer-option", "pretty=false"]):
        compact = run(copydesk_bin, src, "-t", "json", *args)
        assert compact.returncode == EXIT_OK, stderr_of(compact)
        assert compact.stdout.strip().count(b"\n") == 0, args
        assert json.loads(compact.stdout) == json.loads(pretty.stdout)
    assert pretty.stdout.count(b"\n") > 3


def test_reader_option_does_not_reach_the_writer(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-t", "json", "--reader-option", "pretty=false")
    assert r.returncode == EXIT_OK
    assert r.stdout.count(b"\n") > 3  # still pretty
    # pretty is a json writer option only, so as a reader option nothing knows it
    assert "[cli.unknown-option]" in stderr_of(r)


def test_unknown_option_warns_and_is_an_error_with_strict(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json")
    r = run(copydesk_bin, src, "-t", "json", "-O", "no-such-option=1")
    assert r.returncode == EXIT_OK
    assert re.search(r"^warning: .*no-such-option.*\[cli\.unknown-option\]$", stderr_of(r), re.M)
    quiet = run(copydesk_bin, src, "-t", "json", "-O", "no-such-option=1", "-q")
    assert quiet.returncode == EXIT_OK and quiet.stderr == b""
    strict = run(copydesk_bin, src, "-t", "json", "-O", "no-such-option=1", "--strict")
    assert strict.returncode == EXIT_USAGE
    assert strict.stdout == b""


def test_limit_option_applies_to_the_reader(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-t", "json", "-O", "limit.max_input_bytes=10")
    assert r.returncode == EXIT_CONVERSION
    assert "[limit]" in stderr_of(r)
    assert "a.json" in stderr_of(r)


def test_option_without_equals_is_a_usage_error(copydesk_bin, tmp_path):
    r = run(copydesk_bin, write_ast(tmp_path / "a.json"), "-t", "json", "-O", "pretty")
    assert r.returncode == EXIT_USAGE


# --------------------------------------------------------- diagnostics

DIAGNOSTICS = [
    {"severity": "warning", "code": "test.dropped", "message": "something was dropped", "file": "in.txt",
     "line": 3},
    {"severity": "info", "code": "test.note", "message": "encoding was UTF-8"},
]


def test_diagnostics_on_stderr_one_per_line(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json", diagnostics=DIAGNOSTICS)
    r = run(copydesk_bin, src, "-t", "json", "-O", "diagnostics=false")
    assert r.returncode == EXIT_OK
    lines = stderr_of(r).splitlines()
    assert lines == ["warning: in.txt:3: something was dropped [test.dropped]"]
    assert "diagnostics" not in json.loads(r.stdout)


def test_reader_diagnostics_are_kept_in_the_json_ast(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json", diagnostics=DIAGNOSTICS)
    r = run(copydesk_bin, src, "-t", "json", "-q")
    assert r.returncode == EXIT_OK
    codes = [d["code"] for d in json.loads(r.stdout)["diagnostics"]]
    assert codes == ["test.dropped", "test.note"]


def test_verbose_shows_infos_naming_the_input(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json", diagnostics=DIAGNOSTICS)
    r = run(copydesk_bin, src, "-t", "json", "-v", "-o", tmp_path / "b.json")
    assert r.returncode == EXIT_OK
    err = stderr_of(r)
    # A diagnostic without a file of its own is given the input's name.
    assert f"info: {src}: encoding was UTF-8 [test.note]" in err.splitlines()
    assert re.search(r"^converted .*a\.json \(json\) -> .*b\.json \(json\)$", err, re.M)


def test_quiet_silences_warnings(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json", diagnostics=DIAGNOSTICS)
    r = run(copydesk_bin, src, "-t", "json", "--quiet")
    assert r.returncode == EXIT_OK
    assert r.stderr == b""
    assert json.loads(r.stdout)["metadata"]["title"] == "Hello"


def test_strict_fails_on_warnings_without_writing(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json", diagnostics=DIAGNOSTICS)
    out = tmp_path / "b.json"
    r = run(copydesk_bin, src, "-o", out, "--strict")
    assert r.returncode == EXIT_STRICT
    assert "1 warning with --strict" in stderr_of(r)
    assert not out.exists()
    # Infos alone do not trip --strict.
    clean = write_ast(tmp_path / "c.json", diagnostics=DIAGNOSTICS[1:])
    ok = run(copydesk_bin, clean, "-o", out, "--strict")
    assert ok.returncode == EXIT_OK, stderr_of(ok)
    assert out.exists()


# ---------------------------------------------------------------- batch


def make_batch(tmp_path: Path, n: int) -> list[Path]:
    src = tmp_path / "in"
    src.mkdir()
    return [write_ast(src / f"art{i:02d}.json", title=f"标题{i}", text=f"正文{i}") for i in range(n)]


def test_batch_with_one_bad_file(copydesk_bin, tmp_path):
    inputs = make_batch(tmp_path, 3)
    bad = tmp_path / "in" / "x.docx"
    bad.write_bytes(os.urandom(4096))
    outdir = tmp_path / "out"
    r = run(copydesk_bin, inputs[0], bad, *inputs[1:], "--output-dir", outdir, "-t", "json")
    assert r.returncode == EXIT_CONVERSION
    err = stderr_of(r)
    error_lines = [line for line in err.splitlines() if line.startswith("error:")]
    assert len(error_lines) == 1
    # The bad file is named, with a typed error (random bytes are no DOCX: a parse error).
    assert "x.docx" in error_lines[0]
    assert error_lines[0].endswith("[parse]"), error_lines[0]
    assert err.splitlines()[-1] == "3 converted, 1 failed"
    assert sorted(p.name for p in outdir.iterdir()) == ["art00.json", "art01.json", "art02.json"]
    for i in range(3):
        assert json.loads((outdir / f"art{i:02d}.json").read_bytes())["metadata"]["title"] == f"标题{i}"


def test_batch_unknown_input_format_reported_per_file(copydesk_bin, tmp_path):
    inputs = make_batch(tmp_path, 2)
    missing = tmp_path / "in" / "missing.json"
    r = run(copydesk_bin, *inputs, missing, "--output-dir", tmp_path / "out", "-t", "json")
    assert r.returncode == EXIT_IO
    assert "missing.json" in stderr_of(r)
    assert stderr_of(r).splitlines()[-1] == "2 converted, 1 failed"


@pytest.mark.parametrize("jobs", [["-j", "2"], ["-j2"], ["--jobs=4"], ["-j", "0"]])
def test_batch_parallel(copydesk_bin, tmp_path, jobs):
    inputs = make_batch(tmp_path, 24)
    outdir = tmp_path / "out"
    r = run(copydesk_bin, *inputs, "--output-dir", outdir, "-t", "json", "-M", "source=批量", *jobs)
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert stderr_of(r).splitlines() == ["24 converted, 0 failed"]
    for i in range(24):
        doc = json.loads((outdir / f"art{i:02d}.json").read_bytes())
        assert doc["metadata"]["title"] == f"标题{i}"
        assert doc["metadata"]["source"] == "批量"
        assert doc["blocks"][0]["content"][0]["text"] == f"正文{i}"


def test_batch_refuses_an_output_that_is_an_input(copydesk_bin, tmp_path):
    # The input itself, a hard link to it and a symbolic link to it, each
    # where the batch would write: the same file, so each is refused and kept.
    outdir = tmp_path / "out"
    outdir.mkdir()
    inputs = make_batch(tmp_path, 4)
    same = outdir / "art00.json"
    same.write_bytes(inputs[0].read_bytes())
    os.link(inputs[1], outdir / "art01.json")
    os.symlink(inputs[2], outdir / "art02.json")
    before = [p.read_bytes() for p in inputs]
    r = run(copydesk_bin, same, inputs[1], inputs[2], inputs[3], "--output-dir", outdir, "-t", "json", "-M", "title=新")
    assert r.returncode == EXIT_USAGE
    err = stderr_of(r)
    refused = [line for line in err.splitlines() if "overwrite the input" in line]
    assert len(refused) == 3, err
    assert err.splitlines()[-1] == "1 converted, 3 failed"
    assert [p.read_bytes() for p in inputs] == before
    assert json.loads((outdir / "art03.json").read_bytes())["metadata"]["title"] == "新"


def test_batch_replaces_existing_outputs_and_leaves_no_temporary_files(copydesk_bin, tmp_path):
    inputs = make_batch(tmp_path, 5)
    outdir = tmp_path / "out"
    outdir.mkdir()
    (outdir / "art00.json").write_text("old, longer than the new output " * 100)
    for jobs in ("1", "2"):
        r = run(copydesk_bin, *inputs, "--output-dir", outdir, "-t", "json", "-j", jobs)
        assert r.returncode == EXIT_OK, stderr_of(r)
        assert sorted(p.name for p in outdir.iterdir()) == [f"art{i:02d}.json" for i in range(5)]
        assert json.loads((outdir / "art00.json").read_bytes())["metadata"]["title"] == "标题0"


def test_batch_output_dir_is_created_and_single_input_allowed(copydesk_bin, tmp_path):
    inputs = make_batch(tmp_path, 1)
    outdir = tmp_path / "deep" / "out"
    r = run(copydesk_bin, inputs[0], "--output-dir", outdir, "-t", "json", "-q")
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert r.stderr == b""  # -q also drops the summary
    assert (outdir / "art00.json").is_file()


@pytest.mark.parametrize("extra, message", [
    (["-o", "x.json", "-t", "json"], "--output-dir"),
    (["-t", "json"], "--output-dir"),
    (["--output-dir", "out"], "-t"),
    (["--output-dir", "out", "-t", "json", "-j", "many"], "-j"),
])
def test_batch_usage_errors(copydesk_bin, tmp_path, extra, message):
    inputs = make_batch(tmp_path, 2)
    r = run(copydesk_bin, *inputs, *extra, cwd=tmp_path)
    assert r.returncode == EXIT_USAGE
    assert message in stderr_of(r)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_batch_output_name_clash_is_a_usage_error(copydesk_bin, tmp_path):
    a = write_ast(tmp_path / "a.json")
    (tmp_path / "sub").mkdir()
    b = write_ast(tmp_path / "sub" / "a.json")
    r = run(copydesk_bin, a, b, "--output-dir", tmp_path / "out", "-t", "json")
    assert r.returncode == EXIT_USAGE
    assert "both be written" in stderr_of(r)


def test_batch_stdin_is_a_usage_error(copydesk_bin, tmp_path):
    inputs = make_batch(tmp_path, 1)
    r = run(copydesk_bin, inputs[0], "-", "--output-dir", tmp_path / "out", "-t", "json", stdin=b"{}")
    assert r.returncode == EXIT_USAGE


def test_progress_bar_on_a_terminal(copydesk_bin, tmp_path):
    inputs = make_batch(tmp_path, 5)
    rc, err, _ = run_with_tty(copydesk_bin, *inputs, "--output-dir", tmp_path / "out", "-t", "json",
                              tty_fd="stderr")
    assert rc == EXIT_OK
    text = err.decode()
    assert "\r" in text
    assert re.search(r"\[#+\] 5/5", text)
    assert text.rstrip().endswith("5 converted, 0 failed")


def test_no_progress_bar_when_not_a_terminal_or_disabled(copydesk_bin, tmp_path):
    inputs = make_batch(tmp_path, 3)
    r = run(copydesk_bin, *inputs, "--output-dir", tmp_path / "out", "-t", "json")
    assert b"\r" not in r.stderr and b"[" not in r.stderr
    rc, err, _ = run_with_tty(copydesk_bin, *inputs, "--output-dir", tmp_path / "out2", "-t", "json",
                              "--no-progress", tty_fd="stderr")
    assert rc == EXIT_OK
    assert b"\r\x1b[K[" not in err
    forced = run(copydesk_bin, *inputs, "--output-dir", tmp_path / "out3", "-t", "json", "--progress")
    assert re.search(rb"\[#+\] 3/3", forced.stderr)


# ---------------------------------------------- plain text and DOCX (need those formats)


def test_plain_to_json_and_back(copydesk_bin, tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(SAMPLE_ZH, encoding="utf-8")
    r = run(copydesk_bin, src, "-t", "json")
    assert r.returncode == EXIT_OK, stderr_of(r)
    doc = json.loads(r.stdout)
    assert doc["metadata"]["title"] == "小区加装电梯工程顺利完工"
    assert doc["metadata"]["source"] == "太仓日报"
    back = run(copydesk_bin, "-", "-f", "json", "-t", "plain", stdin=r.stdout)
    assert back.returncode == EXIT_OK, stderr_of(back)
    text = back.stdout.decode("utf-8")
    assert text.startswith("小区加装电梯工程顺利完工")
    assert "居民们纷纷点赞" in text


def test_plain_from_stdin_by_sniffing(copydesk_bin):
    r = run(copydesk_bin, "-t", "json", stdin=SAMPLE_ZH.encode("utf-8"))
    assert r.returncode == EXIT_OK, stderr_of(r)
    assert json.loads(r.stdout)["metadata"]["title"] == "小区加装电梯工程顺利完工"


def test_plain_metadata_override_beats_the_text(copydesk_bin, tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(SAMPLE_ZH, encoding="utf-8")
    r = run(copydesk_bin, src, "-t", "json", "-M", "source=新华社", "-M", "date=2023-07-14")
    assert r.returncode == EXIT_OK, stderr_of(r)
    meta = json.loads(r.stdout)["metadata"]
    assert meta["source"] == "新华社"
    assert meta["date"]["iso"] == "2023-07-14"


def test_docx_to_stdout_is_binary_safe(copydesk_bin, tmp_path):
    src = write_ast(tmp_path / "a.json", title="Word", text="段落")
    r = run(copydesk_bin, src, "-t", "docx", "-o", "-")
    assert r.returncode == EXIT_OK, stderr_of(r)
    with zipfile.ZipFile(BytesIO(r.stdout)) as z:
        assert "word/document.xml" in z.namelist()
        assert "段落" in z.read("word/document.xml").decode("utf-8")
    # ... and the same bytes read back from stdin, the format sniffed.
    back = run(copydesk_bin, "-", "-t", "json", stdin=r.stdout)
    assert back.returncode == EXIT_OK, stderr_of(back)
    assert "段落" in back.stdout.decode("utf-8")


def test_binary_output_refused_on_a_terminal(copydesk_bin, tmp_path):
    rc, seen, err = run_with_tty(copydesk_bin, write_ast(tmp_path / "a.json"), "-t", "docx",
                                 tty_fd="stdout")
    assert rc == EXIT_USAGE
    assert b"terminal" in err
    assert b"PK" not in seen


def test_plain_reader_and_writer_options_go_where_named(copydesk_bin, tmp_path):
    # plain has a reader option and a writer option both called "metadata".
    src = tmp_path / "article.txt"
    src.write_text(SAMPLE_ZH, encoding="utf-8")
    default = run(copydesk_bin, src, "-t", "plain")
    assert default.returncode == EXIT_OK, stderr_of(default)
    assert "太仓日报" in default.stdout.decode()
    # Writer only: the metadata is read, then not written.
    writer_off = run(copydesk_bin, src, "-t", "plain", "--writer-option", "metadata=false")
    assert writer_off.returncode == EXIT_OK, stderr_of(writer_off)
    assert "太仓日报" not in writer_off.stdout.decode()
    # Reader only: the metadata line is not recognised, so it stays as a paragraph.
    reader_off = run(copydesk_bin, src, "-t", "json", "--reader-option", "metadata=false")
    assert reader_off.returncode == EXIT_OK, stderr_of(reader_off)
    doc = json.loads(reader_off.stdout)
    assert doc["metadata"].get("source", "") == ""
    assert "来源" in json.dumps(doc["blocks"], ensure_ascii=False)
    assert stderr_of(reader_off).find("cli.unknown-option") == -1


def test_binary_input_is_refused_with_exit_code_1(copydesk_bin, tmp_path):
    import random

    rng = random.Random(9)
    noise = tmp_path / "noise.txt"  # the extension picks plain text; the reader refuses it
    noise.write_bytes(bytes(rng.getrandbits(8) for _ in range(4096)))
    png = tmp_path / "photo.bin"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(rng.getrandbits(8) for _ in range(300)))
    for path, says in ((noise, "the input is not text"), (png, "looks like a PNG image")):
        result = run(copydesk_bin, path, "-t", "json", "-o", tmp_path / "out.json")
        assert result.returncode == 1, stderr_of(result)
        assert says in stderr_of(result) and "[unsupported-format]" in stderr_of(result)
        assert not (tmp_path / "out.json").exists()


def test_parse_error_in_jats_names_the_recover_option(copydesk_bin, tmp_path):
    bad = tmp_path / "bad.xml"
    bad.write_text('<article xmlns:xlink="http://www.w3.org/1999/xlink"><body>\n'
                   '<p><ext-link xlink:href="a" xlink:href="b">x</ext-link></p></body></article>\n', encoding="utf-8")
    result = run(copydesk_bin, bad, "-t", "plain")
    assert result.returncode == 1
    assert "Attribute xlink:href redefined [parse]\nhint: --reader-option recover=true" in stderr_of(result)
    result = run(copydesk_bin, bad, "-t", "plain", "--reader-option", "recover=true")
    assert result.returncode == 0, stderr_of(result)
    assert result.stdout.decode() == "x\n"
    assert "bad.xml:2: not well-formed, read on in recovery mode: Attribute xlink:href redefined [xml.recovered]" \
        in stderr_of(result)
    # A parse error in a format without the option gets no hint.
    result = run(copydesk_bin, "-f", "json", "-t", "plain", "-", stdin=b"{")
    assert result.returncode == 1 and "hint:" not in stderr_of(result)
