"""The article AST as Python classes.

One slotted class per node type, named exactly as the ``"t"`` of the JSON form
(docs/ast-json.md) and as the C++ struct in core/include/copydesk/ast.hpp.
Every class can be built by hand with keyword arguments (all have defaults),
compares structurally with ``==``, and is mutable. Enumerations are plain
lower-case strings, as in the JSON form (``align="justify"``,
``role="reporter"``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Union

from ._record import Record, field

if TYPE_CHECKING:
    import datetime as _dt
    from collections.abc import Callable, Iterator

    from ._walk import WalkResult

Alignment = Literal["default", "left", "center", "right", "justify"]
ListStyle = Literal["default", "decimal", "lower-alpha", "upper-alpha", "lower-roman", "upper-roman", "cjk"]
LengthUnit = Literal["em", "pt"]
MathNotation = Literal["tex", "mathml"]
Role = Literal["author", "reporter", "correspondent", "editor", "photographer", "translator", "proofreader", "other"]
BylinePlacement = Literal["end", "start"]
Severity = Literal["info", "warning"]

_REPR_TEXT = 40  # characters of text a node's repr shows


class _Node(metaclass=Record):
    """Shared by Block and Inline: a short repr (the class, a text preview, what it holds)."""

    def __repr__(self) -> str:
        from ._walk import stringify

        parts = []
        text = stringify(self)
        if text:
            parts.append(repr(text if len(text) <= _REPR_TEXT else text[:_REPR_TEXT] + "…"))
        for name in self._fields:  # type: ignore[attr-defined]
            value = getattr(self, name)
            if isinstance(value, list) and name not in ("col_align", "col_widths"):
                if value:
                    kind = "inline" if isinstance(value[0], Inline) else "block" if isinstance(value[0], Block) else ""
                    parts.append(f"{name}=[{len(value)} {kind}{'s' if kind and len(value) > 1 else ''}]"
                                 if kind else f"{name}=[{len(value)}]")
            elif isinstance(value, (int, float, str)) and not isinstance(value, bool) and name != "text":
                if value not in ("", "default") and not (name == "attr"):
                    parts.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"


class Block(_Node):
    """Base class of every block node (Paragraph, Heading, Table, ...)."""


class Inline(_Node):
    """Base class of every inline node (Text, Emph, Link, Note, ...)."""


Node = Union[Block, Inline]


class Attr(metaclass=Record):
    """Identifier, classes and ordered key/value pairs, as pandoc's Attr."""

    id: str = ""
    classes: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str]] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Attr(id={self.id!r}, classes={self.classes!r}, attributes={self.attributes!r})"

    def empty(self) -> bool:
        """True when it has no id, classes or attributes."""
        return not self.id and not self.classes and not self.attributes

    def get(self, key: str, default: str | None = None) -> str | None:
        """The value of the first attribute named key, else default."""
        for k, v in self.attributes:
            if k == key:
                return v
        return default

    def set(self, key: str, value: str) -> None:
        """Sets the attribute named key (in place, or appended)."""
        for i, (k, _) in enumerate(self.attributes):
            if k == key:
                self.attributes[i] = (key, value)
                return
        self.attributes.append((key, value))


# ------------------------------------------------------------------ inlines
class Text(Inline):
    """A run of text."""

    text: str = ""


class Emph(Inline):
    """Emphasis (italics)."""

    content: list[Inline] = field(default_factory=list)


class Strong(Inline):
    """Strong emphasis (bold)."""

    content: list[Inline] = field(default_factory=list)


class Underline(Inline):
    """Underlined text."""

    content: list[Inline] = field(default_factory=list)


class Strikeout(Inline):
    """Struck-out text."""

    content: list[Inline] = field(default_factory=list)


class Superscript(Inline):
    """Superscript text."""

    content: list[Inline] = field(default_factory=list)


class Subscript(Inline):
    """Subscript text."""

    content: list[Inline] = field(default_factory=list)


class SmallCaps(Inline):
    """Text in small capitals."""

    content: list[Inline] = field(default_factory=list)


class Code(Inline):
    """Inline code; the first class of ``attr`` may name its language."""

    text: str = ""
    attr: Attr = field(default_factory=Attr)


class Link(Inline):
    """A hyperlink: ``target`` is a URL, or "#id" for a place in the document."""

    content: list[Inline] = field(default_factory=list)
    target: str = ""
    title: str = ""
    attr: Attr = field(default_factory=Attr)


class Image(Inline):
    """An image; ``target`` names a Resource of the document or a URL. Size, when known, is in attr."""

    alt: list[Inline] = field(default_factory=list)
    target: str = ""
    title: str = ""
    attr: Attr = field(default_factory=Attr)


class LineBreak(Inline):
    """A hard line break inside a paragraph."""


class Note(Inline):
    """A footnote (an endnote with class "endnote"); its body is blocks."""

    content: list[Block] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


class Math(Inline):
    """A formula as TeX or MathML source, inline or displayed."""

    text: str = ""
    notation: MathNotation = "tex"
    display: bool = False


class CrossRef(Inline):
    """A reference to an element of the document (table, figure, reference...) by its id."""

    content: list[Inline] = field(default_factory=list)
    target: str = ""  # id of the element referred to
    ref_type: str = ""  # "bibr", "fig", "table", "sec", ... (JATS ref-type)


class Span(Inline):
    """Inlines with attributes and no meaning of their own."""

    content: list[Inline] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


class RawInline(Inline):
    """Content only one format understands ("docx", "jats", "html", ...), passed through as is."""

    format: str = ""
    text: str = ""


# ------------------------------------------------------------------- blocks
class Length(metaclass=Record):
    """A length with its unit; "em" is one character of the font (CJK: one hanzi)."""

    value: float = 0.0
    unit: LengthUnit = "em"

    def __repr__(self) -> str:
        return f"Length({self.value!r}, {self.unit!r})"


class Paragraph(Block):
    """A paragraph, with its first-line indent and alignment when the source had them."""

    content: list[Inline] = field(default_factory=list)
    first_line_indent: Length | None = None
    align: Alignment = "default"


class Heading(Block):
    """A heading; flat as in pandoc (levels 1..9, which may skip)."""

    level: int = 1
    content: list[Inline] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


class BlockQuote(Block):
    """A block quotation."""

    content: list[Block] = field(default_factory=list)


class BulletList(Block):
    """An unordered list; each item is a list of blocks."""

    items: list[list[Block]] = field(default_factory=list)


class OrderedList(Block):
    """A numbered list from ``start`` in ``style``; each item is a list of blocks."""

    items: list[list[Block]] = field(default_factory=list)
    start: int = 1
    style: ListStyle = "default"


class TableCell(metaclass=Record):
    """A table cell: blocks, spans and alignment."""

    content: list[Block] = field(default_factory=list)
    colspan: int = 1
    rowspan: int = 1
    align: Alignment = "default"

    def __repr__(self) -> str:
        return f"TableCell({len(self.content)} blocks, colspan={self.colspan}, rowspan={self.rowspan})"


class TableRow(metaclass=Record):
    """A table row."""

    cells: list[TableCell] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"TableRow({len(self.cells)} cells)"


class Table(Block):
    """A table: head, body and foot rows, caption, column alignments and widths (fractions, 0 = unknown)."""

    head: list[TableRow] = field(default_factory=list)
    body: list[TableRow] = field(default_factory=list)
    foot: list[TableRow] = field(default_factory=list)
    caption: list[Block] = field(default_factory=list)
    col_align: list[Alignment] = field(default_factory=list)
    col_widths: list[float] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


class Figure(Block):
    """A figure: its content (usually a Paragraph holding an Image), label and caption."""

    content: list[Block] = field(default_factory=list)
    caption: list[Block] = field(default_factory=list)
    label: str = ""  # "图1", "Figure 2"
    attr: Attr = field(default_factory=Attr)


class CodeBlock(Block):
    """A block of code; the first class of ``attr`` names its language."""

    text: str = ""
    attr: Attr = field(default_factory=Attr)


class HorizontalRule(Block):
    """A thematic break."""


class RawBlock(Block):
    """Block content only one format understands, passed through as is."""

    format: str = ""
    text: str = ""


class Div(Block):
    """Generic container; also carries JATS <sec> attributes, boxed text, etc."""

    content: list[Block] = field(default_factory=list)
    attr: Attr = field(default_factory=Attr)


# ----------------------------------------------------------------- metadata
class Affiliation(metaclass=Record):
    """One affiliation with the parts the source marks (JATS <institution>, <country>); ``text`` is the whole."""

    text: str = ""
    institution: str = ""
    country: str = ""

    def __repr__(self) -> str:
        return f"Affiliation({self.text!r})"


class Contributor(metaclass=Record):
    """A person credited by the article, with a typed role and the label as written ("记者", "责编", "By").

    ``affiliation`` is for display (all affiliations joined by "; "); ``affiliations`` holds their
    parts when the source marks them; ``identifiers`` holds ORCID etc.
    """

    name: str = ""
    role: Role = "author"
    label: str = ""
    affiliation: str = ""
    email: str = ""
    identifiers: list[Identifier] = field(default_factory=list)  # ORCID etc.: Identifier("orcid", "https://orcid.org/…")
    affiliations: list[Affiliation] = field(default_factory=list)  # the parts of `affiliation`, when known

    def affiliations_current(self) -> bool:
        """True when `affiliations` is not empty and its texts joined by "; " are `affiliation`."""
        return bool(self.affiliations) and "; ".join(a.text for a in self.affiliations) == self.affiliation

    def __repr__(self) -> str:
        return f"Contributor({self.name!r}, {self.role!r}, {self.label!r})"


class DateTime(metaclass=Record):
    """A publication date (and optional time) as parsed, with the text it came from.

    Unknown parts are None: ``DateTime(2023, 7)`` is July 2023. ``str()`` gives ISO 8601
    ("2023-07-13", "2023-07-13T08:30", "2023-07-13T08:30:00+08:00"). Dates are ordered:
    earlier < later, unknown parts counting as earliest, times with offsets compared in UTC.
    """

    year: int = 0
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    utc_offset_minutes: int | None = None
    text: str = ""  # as written: "2023年7月13日 08:30"

    def __repr__(self) -> str:
        return f"DateTime({self.iso()!r}, text={self.text!r})"

    def has_time(self) -> bool:
        """True when the hour is known."""
        return self.hour is not None

    def iso(self) -> str:
        """ISO 8601 of the known parts; the text as written when the year is unknown."""
        if self.year <= 0:
            return self.text
        s = f"{self.year:04d}"
        if self.month:
            s += f"-{self.month:02d}"
            if self.day:
                s += f"-{self.day:02d}"
                if self.hour is not None:
                    s += f"T{self.hour:02d}:{self.minute or 0:02d}"
                    if self.second is not None:
                        s += f":{self.second:02d}"
                    s += _offset_text(self.utc_offset_minutes)
        return s

    def __str__(self) -> str:
        return self.iso()

    def _key(self) -> tuple[int, ...]:
        minutes = ((self.hour if self.hour is not None else -1) * 60 + (self.minute or 0)
                   - (self.utc_offset_minutes or 0))
        return (self.year, self.month or 0, self.day or 0, minutes, self.second if self.second is not None else -1)

    def __lt__(self, other: DateTime) -> bool:
        if not isinstance(other, DateTime):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: DateTime) -> bool:
        if not isinstance(other, DateTime):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: DateTime) -> bool:
        if not isinstance(other, DateTime):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: DateTime) -> bool:
        if not isinstance(other, DateTime):
            return NotImplemented
        return self._key() >= other._key()

    def to_python(self) -> _dt.date | _dt.datetime | None:
        """The value as a datetime.date (no time) or datetime.datetime; None if incomplete."""
        import datetime as dt

        if self.year <= 0 or not self.month or not self.day:
            return None
        if self.hour is None:
            return dt.date(self.year, self.month, self.day)
        tz = None
        if self.utc_offset_minutes is not None:
            tz = dt.timezone(dt.timedelta(minutes=self.utc_offset_minutes))
        return dt.datetime(self.year, self.month, self.day, self.hour, self.minute or 0, self.second or 0, tzinfo=tz)

    @classmethod
    def from_python(cls, value: _dt.date | _dt.datetime, text: str = "") -> DateTime:
        """From a datetime.date or datetime.datetime (seconds kept when non-zero)."""
        import datetime as dt

        if not isinstance(value, dt.date):
            raise TypeError(f"expected a datetime.date or datetime.datetime, got {type(value).__name__}")
        out = cls(year=value.year, month=value.month, day=value.day, text=text)
        if isinstance(value, dt.datetime):
            out.hour, out.minute = value.hour, value.minute
            out.second = value.second if value.second else None
            offset = value.utcoffset()
            if offset is not None:
                out.utc_offset_minutes = int(offset.total_seconds() // 60)
        if not out.text:
            out.text = out.iso()
        return out

    @classmethod
    def parse(cls, text: str) -> DateTime:
        """From ISO 8601 ("2023-07-13", "2023-07-13T08:30+08:00") or a common Chinese form ("2023年7月13日").

        Raises copydesk.ParseError (a ValueError) when the whole text is not a date.
        """
        from . import _core

        return _core.parse_date(text)


def _offset_text(offset: int | None) -> str:
    if offset is None:
        return ""
    if offset == 0:
        return "Z"
    sign = "-" if offset < 0 else "+"
    return f"{sign}{abs(offset) // 60:02d}:{abs(offset) % 60:02d}"


class Identifier(metaclass=Record):
    """An identifier of the article: ``scheme`` is "doi", "url", "isbn", "uuid", "pmid", ..."""

    scheme: str = ""
    value: str = ""

    def __repr__(self) -> str:
        return f"Identifier({self.scheme!r}, {self.value!r})"


DateLike = Union[DateTime, "_dt.date", str, None]


class Citation(metaclass=Record):
    """Where the article itself appeared in its periodical (JATS volume, issue, fpage, lpage, elocation-id)."""

    volume: str = ""
    issue: str = ""
    first_page: str = ""
    last_page: str = ""
    elocation_id: str = ""  # an electronic article number in place of pages

    def empty(self) -> bool:
        return not (self.volume or self.issue or self.first_page or self.last_page or self.elocation_id)

    def __repr__(self) -> str:
        return f"Citation({self.volume!r}, {self.issue!r}, {self.first_page!r})"


class Metadata(metaclass=Record):
    """The article's metadata: title, credits with their roles, source (来源), date, language, ...

    ``date`` may be given as a DateTime, a datetime.date or datetime.datetime, or an ISO 8601
    string; it is kept as a DateTime.
    """

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

    def __init__(self, title: str = "", subtitle: str = "", contributors: list[Contributor] | None = None,
                 source: str = "", date: DateLike = None, language: str = "", abstract: list[Block] | None = None,
                 keywords: list[str] | None = None, identifiers: list[Identifier] | None = None, section: str = "",
                 license: str = "", dateline: str = "", byline_placement: BylinePlacement = "end",
                 custom: list[tuple[str, str]] | None = None, citation: Citation | None = None) -> None:
        self.title, self.subtitle, self.source, self.language = title, subtitle, source, language
        self.contributors = [] if contributors is None else contributors
        self.date = _as_date(date)
        self.abstract = [] if abstract is None else abstract
        self.keywords = [] if keywords is None else keywords
        self.identifiers = [] if identifiers is None else identifiers
        self.section, self.license, self.dateline = section, license, dateline
        self.byline_placement = byline_placement
        self.custom = [] if custom is None else custom
        self.citation = Citation() if citation is None else citation

    def __repr__(self) -> str:
        date = f", date={str(self.date)!r}" if self.date else ""
        return f"Metadata(title={self.title!r}{date}, {len(self.contributors)} contributors)"

    def with_role(self, role: Role) -> list[Contributor]:
        """The contributors with this role, in order."""
        return [c for c in self.contributors if c.role == role]

    def custom_value(self, key: str) -> str | None:
        """The value of the first custom pair named key, or None."""
        for k, v in self.custom:
            if k == key:
                return v
        return None


def _as_date(value: DateLike) -> DateTime | None:
    if value is None or isinstance(value, DateTime):
        return value
    if isinstance(value, str):
        return DateTime.parse(value)
    return DateTime.from_python(value)


# -------------------------------------------------------------- back matter
class Reference(metaclass=Record):
    """An entry of the reference list, in parts where known and as written (``text``)."""

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
    text: str = ""

    def __repr__(self) -> str:
        return f"Reference(id={self.id!r}, title={self.title or self.text[:_REPR_TEXT]!r})"


class Resource(metaclass=Record):
    """Binary media owned by the document; Image.target names it."""

    name: str = ""  # "media/image1.png"
    mime: str = ""  # "image/png"
    data: bytes = b""

    def __repr__(self) -> str:
        return f"Resource({self.name!r}, {self.mime!r}, {len(self.data)} bytes)"


# -------------------------------------------------------------- diagnostics
class Location(metaclass=Record):
    """Where something happened: file, part inside a container, 1-based line and column (0 = unknown)."""

    file: str = ""
    part: str = ""
    line: int = 0
    column: int = 0

    def __repr__(self) -> str:
        return f"Location({str(self)!r})"

    def empty(self) -> bool:
        """True when nothing is known."""
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


class Diagnostic(metaclass=Record):
    """A non-fatal report of something a reader or writer dropped, guessed or could not represent."""

    code: str = ""  # "<format>.<what>", e.g. "plain.encoding-guessed"
    message: str = ""
    where: Location = field(default_factory=Location)
    severity: Severity = "warning"

    def __repr__(self) -> str:
        return f"Diagnostic({str(self)!r})"

    def __str__(self) -> str:
        where = str(self.where)
        return f"{self.severity}: {where}{': ' if where else ''}{self.message} [{self.code}]"


# ----------------------------------------------------------------- document
class Document(metaclass=Record):
    """A whole article. Equality ignores ``diagnostics`` and ``path``, as in C++.

    ``path`` is the file it was read from ("" otherwise): write() and convert() refuse to
    write over it.
    """

    metadata: Metadata = field(default_factory=Metadata)
    blocks: list[Block] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list, compare=False)
    path: str = field(default="", compare=False)

    def __repr__(self) -> str:
        extra = f", {len(self.diagnostics)} diagnostics" if self.diagnostics else ""
        return f"Document(title={self.metadata.title!r}, {len(self.blocks)} blocks{extra})"

    def resource(self, name: str) -> Resource | None:
        """The resource of that name, or None."""
        for r in self.resources:
            if r.name == name:
                return r
        return None

    def to_json(self, pretty: bool = True) -> str:
        """The versioned JSON form (docs/ast-json.md), written by the C++ library."""
        from . import _core

        return _core.to_json(self, pretty)

    def to_dict(self) -> dict[str, object]:
        """The JSON form as Python dicts and lists."""
        import json

        out: dict[str, object] = json.loads(self.to_json(pretty=False))
        return out

    @classmethod
    def from_json(cls, text: str | bytes) -> Document:
        """Parses the JSON form; raises copydesk.ParseError when it is not valid AST JSON."""
        from . import _core

        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8", "surrogateescape")
        return _core.from_json(text)

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Document:
        """The inverse of to_dict()."""
        import json

        return cls.from_json(json.dumps(data, ensure_ascii=False))

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
