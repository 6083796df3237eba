"""The article AST as Python classes.

One dataclass per node type, named exactly as the ``"t"`` of the JSON form
(docs/ast-json.md) and as the C++ struct in core/include/copydesk/ast.hpp.
Every class can be built by hand with keyword arguments (all have defaults),
compares structurally with ``==``, and is mutable. Enumerations are plain
lower-case strings, as in the JSON form (``align="justify"``,
``role="reporter"``).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, Union

if TYPE_CHECKING:
    from ._walk import WalkResult

Alignment = Literal["default", "left", "center", "right", "justify"]
ListStyle = Literal["default", "decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "cjk"]
LengthUnit = Literal["em", "pt"]
MathNotation = Literal["tex", "mathml"]
Role = Literal["author", "reporter", "correspondent", "editor", "photographer", "translator", "other"]
BylinePlacement = Literal["end", "start"]
Severity = Literal["info", "warning"]


class Block:
    """Base class of every block node (Paragraph, Heading, Table, ...)."""

    __slots__ = ()


class Inline:
    """Base class of every inline node (Text, Emph, Link, Note, ...)."""

    __slots__ = ()


Node = Union[Block, Inline]


@dataclass(slots=True)
class Attr:
    """Identifier, classes and ordered key/value pairs, as pandoc's Attr."""

    id: str = ""
    classes: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)

    def empty(self) -> bool:
        return not self.id and not self.classes and not self.attributes

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.attributes:
            if k == key:
                return v
        return default

    def set(self, key: str, value: str) -> None:
        for i, (k, _) in enumerate(self.attributes):
            if k == key:
                self.attributes[i] = (key, value)
                return
        self.attributes.append((key, value))


# ------------------------------------------------------------------ inlines
@dataclass(slots=True)
class Text(Inline):
    text: str = ""


@dataclass(slots=True)
class Emph(Inline):
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Strong(Inline):
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Underline(Inline):
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Strikeout(Inline):
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Superscript(Inline):
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Subscript(Inline):
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class SmallCaps(Inline):
    content: list[Inline] = field(default_factory=list)


@dataclass(slots=True)
class Code(Inline):
    text: str = ""
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class Link(Inline):
    content: list[Inline] = field(default_factory=list)
    target: str = ""  # URL, or "#id" for an internal target
    title: str = ""
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class Image(Inline):
    """An image; ``target`` names a Resource of the document or a URL."""

    alt: list[Inline] = field(default_factory=list)
    target: str = ""
    title: str = ""
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class LineBreak(Inline):
    pass


@dataclass(slots=True)
class Note(Inline):
    """A footnote (an endnote with class "endnote"); its body is blocks."""

    content: list[Block] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class Math(Inline):
    text: str = ""
    notation: MathNotation = "tex"
    display: bool = False


@dataclass(slots=True)
class CrossRef(Inline):
    """A reference to an element of the document (table, figure, reference...)."""

    content: list[Inline] = field(default_factory=list)
    target: str = ""  # id of the element referred to
    ref_type: str = ""  # "bibr", "fig", "table", "sec", ... (JATS ref-type)


@dataclass(slots=True)
class Span(Inline):
    content: list[Inline] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class RawInline(Inline):
    format: str = ""  # "docx", "jats", "html", ...
    text: str = ""


# ------------------------------------------------------------------- blocks
@dataclass(slots=True)
class Length:
    """A length with its unit; "em" is one character of the font (CJK: one hanzi)."""

    value: float = 0.0
    unit: LengthUnit = "em"


@dataclass(slots=True)
class Paragraph(Block):
    content: list[Inline] = field(default_factory=list)
    first_line_indent: Length | None = None
    align: Alignment = "default"


@dataclass(slots=True)
class Heading(Block):
    """A heading; flat as in pandoc (levels 1..9, which may skip)."""

    level: int = 1
    content: list[Inline] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class BlockQuote(Block):
    content: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class BulletList(Block):
    items: list[list[Block]] = field(default_factory=list)


@dataclass(slots=True)
class OrderedList(Block):
    items: list[list[Block]] = field(default_factory=list)
    start: int = 1
    style: ListStyle = "default"


@dataclass(slots=True)
class TableCell:
    content: list[Block] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1
    align: Alignment = "default"


@dataclass(slots=True)
class TableRow:
    cells: list[TableCell] = field(default_factory=list)


@dataclass(slots=True)
class Table(Block):
    head: list[TableRow] = field(default_factory=list)
    body: list[TableRow] = field(default_factory=list)
    foot: list[TableRow] = field(default_factory=list)
    caption: list[Block] = field(default_factory=list)
    col_align: list[Alignment] = field(default_factory=list)
    col_widths: list[float] = field(default_factory=list)  # fractions of the text width, 0 = unspecified
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class Figure(Block):
    """A figure: its content (usually a Paragraph holding an Image), label and caption."""

    content: list[Block] = field(default_factory=list)
    caption: list[Block] = field(default_factory=list)
    label: str = ""  # "图1", "Figure 2"
    attr: Attr = field(default_factory=Attr)


@dataclass(slots=True)
class CodeBlock(Block):
    text: str = ""
    attr: Attr = field(default_factory=Attr)  # first class = language


@dataclass(slots=True)
class HorizontalRule(Block):
    pass


@dataclass(slots=True)
class RawBlock(Block):
    format: str = ""
    text: str = ""


@dataclass(slots=True)
class Div(Block):
    """Generic container; also carries JATS <sec> attributes, boxed text, etc."""

    content: list[Block] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


# ----------------------------------------------------------------- metadata
@dataclass(slots=True)
class Affiliation:
    """One affiliation with the parts the source marks (JATS <institution>, <country>)."""

    text: str = ""  # the whole, as displayed
    institution: str = ""
    country: str = ""


@dataclass(slots=True)
class Contributor:
    name: str = ""
    role: Role = "author"
    label: str = ""  # the role as written: "记者", "责编", "By"
    affiliation: str = ""  # for display: all affiliations, joined by "; "
    email: str = ""
    identifiers: list[Identifier] = field(default_factory=list)  # ORCID etc.: Identifier("orcid", "https://orcid.org/…")
    affiliations: list[Affiliation] = field(default_factory=list)  # the parts of `affiliation`, when known

    def affiliations_current(self) -> bool:
        """True when `affiliations` is not empty and its texts joined by "; " are `affiliation`."""
        return bool(self.affiliations) and "; ".join(a.text for a in self.affiliations) == self.affiliation


@dataclass(slots=True)
class DateTime:
    """A publication date (and optional time) as parsed, with the text it came from.

    ``str()`` gives ISO 8601: "2023-07-13", "2023-07-13T08:30", "2023-07-13T08:30:00+08:00".
    """

    year: int = 0
    month: int = 0  # 0 = unknown
    day: int = 0  # 0 = unknown
    hour: int = -1  # -1 = no time
    minute: int = -1
    second: int = -1
    utc_offset_minutes: int | None = None
    text: str = ""  # as written: "2023年7月13日 08:30"

    def has_time(self) -> bool:
        return self.hour >= 0

    def iso(self) -> str:
        if self.year <= 0:
            return self.text
        s = f"{self.year:04d}"
        if self.month > 0:
            s += f"-{self.month:02d}"
            if self.day > 0:
                s += f"-{self.day:02d}"
        if self.has_time() and self.day > 0:
            s += f"T{self.hour:02d}:{max(self.minute, 0):02d}"
            if self.second >= 0:
                s += f":{self.second:02d}"
            if self.utc_offset_minutes is not None:
                off = self.utc_offset_minutes
                if off == 0:
                    s += "Z"
                else:
                    sign = "-" if off < 0 else "+"
                    off = abs(off)
                    s += f"{sign}{off // 60:02d}:{off % 60:02d}"
        return s

    def __str__(self) -> str:
        return self.iso()

    def to_python(self) -> _dt.date | _dt.datetime | None:
        """The value as a datetime.date (no time) or datetime.datetime; None if incomplete."""
        if self.year <= 0 or self.month <= 0 or self.day <= 0:
            return None
        if not self.has_time():
            return _dt.date(self.year, self.month, self.day)
        tz = None
        if self.utc_offset_minutes is not None:
            tz = _dt.timezone(_dt.timedelta(minutes=self.utc_offset_minutes))
        return _dt.datetime(self.year, self.month, self.day, self.hour, max(self.minute, 0),
                            max(self.second, 0), tzinfo=tz)

    @classmethod
    def from_python(cls, value: _dt.date | _dt.datetime, text: str = "") -> DateTime:
        """From a datetime.date or datetime.datetime (seconds kept when non-zero)."""
        out = cls(year=value.year, month=value.month, day=value.day, text=text)
        if isinstance(value, _dt.datetime):
            out.hour, out.minute = value.hour, value.minute
            out.second = value.second if value.second else -1
            offset = value.utcoffset()
            if offset is not None:
                out.utc_offset_minutes = int(offset.total_seconds() // 60)
        if not out.text:
            out.text = out.iso()
        return out


@dataclass(slots=True)
class Identifier:
    scheme: str = ""  # "doi", "url", "isbn", "uuid", "pmid", "orcid", ...
    value: str = ""


@dataclass(slots=True)
class Citation:
    """Where the article itself appeared in its periodical (JATS volume, issue, fpage, lpage, elocation-id)."""

    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    elocation_id: str = ""  # an electronic article number in place of pages

    def empty(self) -> bool:
        return not (self.volume or self.issue or self.first_page or self.last_page or self.elocation_id)


@dataclass(slots=True)
class Metadata:
    title: str = ""
    subtitle: str = ""
    contributors: list[Contributor] = field(default_factory=list)
    source: str = ""  # 来源 / publisher
    date: DateTime | None = None
    language: str = ""  # BCP 47, e.g. "zh-CN"
    abstract: list[Block] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    section: str = ""  # section / column (栏目)
    license: str = ""
    dateline: str = ""  # "新华社北京7月13日电", "本报讯"
    byline_placement: BylinePlacement = "end"
    custom: list[tuple[str, str]] = field(default_factory=list)  # other pairs, in source order
    citation: Citation = field(default_factory=Citation)  # the article's own volume, issue, pages

    def with_role(self, role: Role) -> list[Contributor]:
        return [c for c in self.contributors if c.role == role]

    def custom_value(self, key: str) -> str | None:
        for k, v in self.custom:
            if k == key:
                return v
        return None


# -------------------------------------------------------------- back matter
@dataclass(slots=True)
class Reference:
    id: str = ""
    type: str = ""  # "journal", "book", "web", ... (JATS publication-type)
    authors: list[str] = field(default_factory=list)
    title: str = ""
    container: str = ""
    publisher: str = ""
    year: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    url: str = ""
    text: str = ""  # the reference as written


@dataclass(slots=True)
class Resource:
    """Binary media owned by the document; Image.target names it."""

    name: str = ""  # "media/image1.png"
    mime: str = ""  # "image/png"
    data: bytes = b""


# -------------------------------------------------------------- diagnostics
@dataclass(slots=True)
class Location:
    """Where something happened: file, part inside a container, 1-based line and column (0 = unknown)."""

    file: str = ""
    part: str = ""
    line: int = 0
    column: int = 0

    def empty(self) -> bool:
        return not self.file and not self.part and self.line == 0

    def __str__(self) -> str:
        s = self.file
        if self.part:
            s += (": " if s else "") + self.part
        if self.line > 0:
            s += (":" if s else "line ") + str(self.line)
            if self.column > 0:
                s += f":{self.column}"
        return s


@dataclass(slots=True)
class Diagnostic:
    """A non-fatal report of something a reader or writer dropped, guessed or could not represent."""

    code: str = ""  # "<format>.<what>", e.g. "plain.encoding-guessed"
    message: str = ""
    where: Location = field(default_factory=Location)
    severity: Severity = "warning"

    def __str__(self) -> str:
        where = str(self.where)
        return f"{self.severity}: {where}{': ' if where else ''}{self.message} [{self.code}]"


# ----------------------------------------------------------------- document
@dataclass(slots=True)
class Document:
    """A whole article. Equality ignores ``diagnostics``, as in C++."""

    metadata: Metadata = field(default_factory=Metadata)
    blocks: list[Block] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list, compare=False)

    def resource(self, name: str) -> Resource | None:
        for r in self.resources:
            if r.name == name:
                return r
        return None

    def to_json(self, pretty: bool = True) -> str:
        """The versioned JSON form (docs/ast-json.md)."""
        from ._json import document_to_json

        return document_to_json(self, pretty=pretty)

    def to_dict(self) -> dict[str, object]:
        """The JSON form as Python dicts and lists."""
        from ._json import document_to_dict

        return document_to_dict(self)

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """Parses the JSON form; raises copydesk.ParseError when it is not valid AST JSON."""
        from ._json import document_from_json

        return document_from_json(text)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Document:
        from ._json import document_from_dict

        return document_from_dict(data)

    def walk(self, fn: Callable[[Node], WalkResult]) -> None:
        """Calls ``fn`` on every block and inline (see copydesk.walk)."""
        from ._walk import walk

        walk(self, fn)

    def nodes(self) -> Iterator[Node]:
        """Every block and inline, in document order (pre-order)."""
        from ._walk import iter_nodes

        return iter_nodes(self)

    def stringify(self) -> str:
        """The plain text: the title, then the blocks (see copydesk.stringify)."""
        from ._walk import stringify

        return stringify(self)


BLOCK_TYPES: tuple[type[Block], ...] = (
    Paragraph, Heading, BlockQuote, BulletList, OrderedList, Table, Figure, CodeBlock, HorizontalRule,
    RawBlock, Div,
)
INLINE_TYPES: tuple[type[Inline], ...] = (
    Text, Emph, Strong, Underline, Strikeout, Superscript, Subscript, SmallCaps, Code, Link, Image,
    LineBreak, Note, Math, CrossRef, Span, RawInline,
)
