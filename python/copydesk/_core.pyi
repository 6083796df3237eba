# Type stubs for copydesk._core, the pybind11 module (bindings/*.cpp).
# The AST crosses as JSON text (docs/ast-json.md); diagnostics as dicts with
# keys severity, code, message, file, part, line, column.
from collections.abc import Callable, Mapping
from typing import Any, TypedDict

class _OptionSpec(TypedDict):
    name: str
    default: str
    help: str

class _FormatDict(TypedDict):
    name: str
    aliases: list[str]
    extensions: list[str]
    mime: str
    description: str
    binary: bool
    can_read: bool
    can_write: bool
    reader_options: list[_OptionSpec]
    writer_options: list[_OptionSpec]

class _DiagnosticDict(TypedDict):
    severity: str
    code: str
    message: str
    file: str
    part: str
    line: int
    column: int

_Buffer = bytes | bytearray | memoryview

def version() -> str: ...
def ast_version() -> int: ...
def formats() -> list[_FormatDict]: ...
def read(data: _Buffer, format: str | None = None, options: Mapping[str, str] = ..., path: str = "") -> str: ...
def write(json: str, format: str, options: Mapping[str, str] = ...) -> tuple[bytes, list[_DiagnosticDict]]: ...
def convert(data: _Buffer, to_format: str, from_format: str | None = None, options: Mapping[str, str] = ...,
            path: str = "") -> tuple[bytes, list[_DiagnosticDict]]: ...
def format_for_path(path: str) -> str | None: ...
def canonical_format(name: str) -> str: ...
def normalize_json(json: str) -> str: ...
def cli_main(argv: list[str]) -> int: ...
def register_format(
    name: str,
    *,
    aliases: list[str] = ...,
    extensions: list[str] = ...,
    mime: str = "",
    description: str = "",
    binary: bool = False,
    reader: Callable[[bytes, dict[str, str], str], str] | None = None,
    writer: Callable[[str, dict[str, str], str], Any] | None = None,
) -> None: ...
