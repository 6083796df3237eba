"""The exception hierarchy under copydesk.Error, raised from C++ and from Python."""

from __future__ import annotations

import io
import zipfile

import pytest

import copydesk


def test_hierarchy() -> None:
    for cls in (copydesk.ParseError, copydesk.LimitError, copydesk.UnsupportedFormatError, copydesk.FileError,
                copydesk.EncryptedError, copydesk.UsageError):
        assert issubclass(cls, copydesk.Error) and issubclass(cls, Exception)
    for cls in (copydesk.ParseError, copydesk.UnsupportedFormatError, copydesk.UsageError):
        assert issubclass(cls, ValueError)
    assert issubclass(copydesk.FileError, OSError)
    assert not issubclass(copydesk.LimitError, ValueError)
    assert copydesk.ParseError.__module__ == "copydesk"


def test_attributes_and_message() -> None:
    e = copydesk.ParseError("bad tag", file="a.docx", part="word/document.xml", line=12, column=5)
    assert (e.kind, e.message, e.file, e.part, e.line, e.column) == ("parse", "bad tag", "a.docx",
                                                                      "word/document.xml", 12, 5)
    assert str(e) == "a.docx: word/document.xml:12:5: bad tag"  # as C++ what()
    assert e.location == copydesk.Location("a.docx", "word/document.xml", 12, 5)
    assert str(copydesk.LimitError("too big")) == "too big"
    f = copydesk.FileError("cannot open", file="x.txt")
    assert f.filename == "x.txt" and str(f) == "x.txt: cannot open"


def test_unknown_format_is_unsupported_format_error() -> None:
    with pytest.raises(copydesk.UnsupportedFormatError) as info:
        copydesk.read(b"hello", format="no-such-format")
    e = info.value
    assert isinstance(e, ValueError) and e.kind == "unsupported-format"
    assert "no-such-format" in e.message and "plain" in e.message  # lists the known formats
    with pytest.raises(copydesk.UnsupportedFormatError):
        copydesk.write(copydesk.Document(), format="no-such-format")
    with pytest.raises(copydesk.UnsupportedFormatError):
        copydesk.convert(b"{}", to_format="no-such-format")


def _zip(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_corrupt_docx_is_parse_error_with_location() -> None:
    with pytest.raises(copydesk.ParseError) as info:
        copydesk.read(b"PK\x03\x04 this is not really a zip file", format="docx")
    assert isinstance(info.value, ValueError)
    broken = _zip({"[Content_Types].xml": b"<Types", "word/document.xml": b"<w:document><unclosed"})
    with pytest.raises(copydesk.ParseError):
        copydesk.read(broken, format="docx")


def test_file_name_lands_in_the_error(tmp_path: object) -> None:
    from pathlib import Path

    p = Path(str(tmp_path)) / "broken.docx"
    p.write_bytes(b"PK\x03\x04 not a zip")
    with pytest.raises(copydesk.ParseError) as info:
        copydesk.read(p)
    assert info.value.file == str(p)
    assert str(p) in str(info.value)


def test_bad_json_from_the_cpp_reader_has_a_line() -> None:
    with pytest.raises(copydesk.ParseError) as info:
        copydesk.read(b'{"copydesk-ast-version": 1,\n "blocks": [\n  {"t": "Nope"}]}', format="json")
    assert info.value.line >= 1


def test_limit_option_is_applied() -> None:
    with pytest.raises(copydesk.LimitError) as info:
        copydesk.read(b"x" * 100, format="plain", limit_max_input_bytes=10)
    assert info.value.kind == "limit"
    with pytest.raises(copydesk.UsageError):
        copydesk.read(b"x", format="plain", limit_max_input_bytes="lots")


def test_binary_input_is_refused_saying_what_it_looks_like() -> None:
    rng = __import__("random").Random(5)
    noise = bytes(rng.getrandbits(8) for _ in range(4096))
    with pytest.raises(copydesk.UnsupportedFormatError, match="the input is not text"):
        copydesk.read(noise)
    with pytest.raises(copydesk.UnsupportedFormatError, match="looks like a PDF document"):
        copydesk.read(b"%PDF-1.7\n" + noise[:200])
    empty_zip = io.BytesIO()
    zipfile.ZipFile(empty_zip, "w").close()  # the 22-byte end record alone
    with pytest.raises(copydesk.UnsupportedFormatError, match="a ZIP archive that is neither DOCX nor EPUB"):
        copydesk.read(empty_zip.getvalue())
