"""copydesk: convert articles between plain text, DOCX, EPUB 3 and JATS through one AST.

    import copydesk
    doc = copydesk.read("article.txt")
    print(doc.metadata.title, doc.metadata.date)
    copydesk.write(doc, "article.docx")

See docs/python.md.
"""

from __future__ import annotations

from . import _core, _nodes
from ._api import (
    ConversionResult, FormatInfo, OptionInfo, convert, convert_many, formats, option_name, options_to_strings,
    read, register_format, write,
)
from ._errors import (
    DocumentError, EncryptedError, Error, FileError, LimitError, ParseError, UnsupportedFormatError, UsageError,
)
from ._nodes import (
    Affiliation, Alignment, Attr, Block, BlockQuote, BulletList, BylinePlacement, Citation, Code, CodeBlock, Contributor, CrossRef,
    DateTime, Diagnostic, Div, Document, Emph, Figure, Heading, HorizontalRule, Identifier, Image, Inline,
    Length, LengthUnit, LineBreak, Link, ListStyle, Location, Math, MathNotation, Metadata, Node, Note,
    OrderedList, Paragraph, RawBlock, RawInline, Reference, Resource, Role, Severity, SmallCaps, Span,
    Strikeout, Strong, Subscript, Superscript, Table, TableCell, TableRow, Text, Underline,
)
from ._walk import WalkResult, iter_nodes, stringify, walk


class _Classes:
    """The classes the C++ bridge builds and reads, by name."""


for _name in _core.class_fields():
    setattr(_Classes, _name, getattr(_nodes, _name, None) or globals()[_name])
_core.bind_classes(_Classes)
del _name

__version__: str = _core.version()
AST_VERSION: int = _core.ast_version()

__all__ = [
    "AST_VERSION", "Affiliation", "Alignment", "Attr", "Block", "BlockQuote", "BulletList", "BylinePlacement",
    "Citation", "Code", "CodeBlock", "Contributor", "ConversionResult", "CrossRef", "DateTime", "Diagnostic", "Div",
    "Document", "DocumentError", "Emph",
    "EncryptedError", "Error", "Figure", "FileError", "FormatInfo", "Heading", "HorizontalRule", "Identifier",
    "Image", "Inline", "Length", "LengthUnit", "LimitError", "LineBreak", "Link", "ListStyle", "Location", "Math",
    "MathNotation", "Metadata", "Node", "Note", "OptionInfo", "OrderedList", "Paragraph", "ParseError",
    "RawBlock", "RawInline", "Reference", "Resource", "Role", "Severity", "SmallCaps", "Span", "Strikeout",
    "Strong", "Subscript", "Superscript", "Table", "TableCell", "TableRow", "Text", "Underline",
    "UnsupportedFormatError", "UsageError", "WalkResult", "__version__", "convert", "convert_many", "formats",
    "iter_nodes",
    "option_name", "options_to_strings", "read", "register_format", "stringify", "walk", "write",
]
