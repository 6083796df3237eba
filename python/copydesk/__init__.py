"""copydesk: convert articles between plain text, DOCX, EPUB 3 and JATS through one AST.

    import copydesk
    doc = copydesk.read("article.txt")
    print(doc.metadata.title, doc.metadata.date)
    copydesk.write(doc, "article.docx")

See docs/python.md.
"""

from __future__ import annotations

from . import _core
from ._api import (
    FormatInfo, OptionInfo, convert, formats, option_name, options_to_strings, read, register_format, write,
)
from ._errors import (
    EncryptedError, Error, FileError, LimitError, ParseError, UnsupportedFormatError, UsageError,
)
from ._nodes import (
    Affiliation, Alignment, Attr, Block, BlockQuote, BulletList, BylinePlacement, Citation, Code, CodeBlock, Contributor, CrossRef,
    DateTime, Diagnostic, Div, Document, Emph, Figure, Heading, HorizontalRule, Identifier, Image, Inline,
    Length, LengthUnit, LineBreak, Link, ListStyle, Location, Math, MathNotation, Metadata, Node, Note,
    OrderedList, Paragraph, RawBlock, RawInline, Reference, Resource, Role, Severity, SmallCaps, Span,
    Strikeout, Strong, Subscript, Superscript, Table, TableCell, TableRow, Text, Underline,
)
from ._walk import WalkResult, iter_nodes, stringify, walk

__version__: str = _core.version()
AST_VERSION: int = _core.ast_version()

__all__ = [
    "AST_VERSION", "Affiliation", "Alignment", "Attr", "Block", "BlockQuote", "BulletList", "BylinePlacement",
    "Citation", "Code",
    "CodeBlock", "Contributor", "CrossRef", "DateTime", "Diagnostic", "Div", "Document", "Emph",
    "EncryptedError", "Error", "Figure", "FileError", "FormatInfo", "Heading", "HorizontalRule", "Identifier",
    "Image", "Inline", "Length", "LengthUnit", "LimitError", "LineBreak", "Link", "ListStyle", "Location", "Math",
    "MathNotation", "Metadata", "Node", "Note", "OptionInfo", "OrderedList", "Paragraph", "ParseError",
    "RawBlock", "RawInline", "Reference", "Resource", "Role", "Severity", "SmallCaps", "Span", "Strikeout",
    "Strong", "Subscript", "Superscript", "Table", "TableCell", "TableRow", "Text", "Underline",
    "UnsupportedFormatError", "UsageError", "WalkResult", "__version__", "convert", "formats", "iter_nodes",
    "option_name", "options_to_strings", "read", "register_format", "stringify", "walk", "write",
]
