"""Traversal and plain-text extraction, consistent with core/src/walk.cpp."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableSequence, Sequence
from typing import Union

from ._nodes import (
    Block, BlockQuote, BulletList, Code, CodeBlock, Div, Document, Figure, Heading, Image, Inline,
    LineBreak, Math, Metadata, Node, Note, OrderedList, Paragraph, RawInline, Table, TableCell, TableRow,
    Text,
)

# What a walk callback returns: None keeps the node (changed in place or not)
# and walks into it; a node replaces it; a list of nodes is spliced in its
# place (an empty list deletes it). Replacements are not walked into.
WalkResult = Union[None, Block, Inline, Sequence[Union[Block, Inline]]]
Walkable = Union[Document, Metadata, Block, Inline, TableRow, TableCell, MutableSequence[Block],
                 MutableSequence[Inline]]


def _child_lists(node: object) -> list[MutableSequence[Block] | MutableSequence[Inline]]:
    """The child sequences of a node, in document order (the order walk.cpp uses)."""
    if isinstance(node, (Paragraph, Heading)):
        return [node.content]
    if isinstance(node, (BlockQuote, Div, Note)):
        return [node.content]
    if isinstance(node, (BulletList, OrderedList)):
        return list(node.items)
    if isinstance(node, Table):
        out: list[MutableSequence[Block] | MutableSequence[Inline]] = [node.caption]
        for rows in (node.head, node.body, node.foot):
            for row in rows:
                out.extend(cell.content for cell in row.cells)
        return out
    if isinstance(node, Figure):
        return [node.content, node.caption]
    if isinstance(node, Image):
        return [node.alt]
    if isinstance(node, TableRow):
        return [cell.content for cell in node.cells]
    if isinstance(node, TableCell):
        return [node.content]
    if isinstance(node, Metadata):
        return [node.abstract]
    if isinstance(node, Document):
        return [node.metadata.abstract, node.blocks]
    content = getattr(node, "content", None)
    if isinstance(node, Inline) and isinstance(content, list):
        return [content]
    return []


def _walk_list(nodes: MutableSequence[Block] | MutableSequence[Inline], fn: Callable[[Node], WalkResult]) -> None:
    i = 0
    while i < len(nodes):
        node = nodes[i]
        result = fn(node)
        if result is None or result is node:
            for child in _child_lists(node):
                _walk_list(child, fn)
            i += 1
            continue
        replacement: list[Node] = [result] if isinstance(result, (Block, Inline)) else list(result)
        nodes[i:i + 1] = replacement  # type: ignore[assignment]
        i += len(replacement)


def walk(target: Walkable, fn: Callable[[Node], WalkResult]) -> None:
    """Calls ``fn`` on every Block and Inline in ``target``, in document order (pre-order).

    ``target`` is a Document (its abstract, then its blocks, as in C++), a list of
    nodes, a single node (``fn`` is called on it too, but it cannot be replaced),
    a TableRow, TableCell or Metadata. ``fn`` may change the node it is given;
    its children are visited after it. Returning a node replaces it, returning a
    list of nodes splices them in (``[]`` deletes); replacements are not walked into.
    """
    if isinstance(target, (Block, Inline)):
        fn(target)
        for child in _child_lists(target):
            _walk_list(child, fn)
    elif isinstance(target, (Document, Metadata, TableRow, TableCell)):
        for child in _child_lists(target):
            _walk_list(child, fn)
    elif isinstance(target, list):
        _walk_list(target, fn)
    else:
        raise TypeError(f"cannot walk a {type(target).__name__}")


def iter_nodes(target: Walkable) -> Iterator[Node]:
    """Every Block and Inline in ``target`` (itself included when it is one), pre-order."""
    if isinstance(target, (Block, Inline)):
        yield target
        for child in _child_lists(target):
            yield from iter_nodes(child)
    elif isinstance(target, (Document, Metadata, TableRow, TableCell)):
        for child in _child_lists(target):
            yield from iter_nodes(child)
    elif isinstance(target, list):
        for node in target:
            yield from iter_nodes(node)
    else:
        raise TypeError(f"cannot walk a {type(target).__name__}")


def _inline(out: list[str], node: Inline) -> None:
    if isinstance(node, (Text, Code)):
        out.append(node.text)
    elif isinstance(node, Math):
        if node.notation == "tex":
            out.append(node.text)
    elif isinstance(node, LineBreak):
        out.append("\n")
    elif isinstance(node, Image):
        _inlines(out, node.alt)
    elif isinstance(node, (Note, RawInline)):
        pass
    else:
        _inlines(out, getattr(node, "content", []))


def _inlines(out: list[str], nodes: Iterable[Inline]) -> None:
    for n in nodes:
        _inline(out, n)


def _ends_open(out: list[str]) -> bool:
    """True when the text so far is non-empty and does not end in a newline."""
    for piece in reversed(out):
        if piece:
            return not piece.endswith("\n")
    return False


def _block(out: list[str], node: Block) -> None:
    if isinstance(node, (Paragraph, Heading)):
        if _ends_open(out):
            out.append("\n")
        _inlines(out, node.content)
    elif isinstance(node, (BlockQuote, Div)):
        _blocks(out, node.content)
    elif isinstance(node, (BulletList, OrderedList)):
        for item in node.items:
            _blocks(out, item)
    elif isinstance(node, Table):
        _blocks(out, node.caption)
        for rows in (node.head, node.body, node.foot):
            for row in rows:
                for cell in row.cells:
                    _blocks(out, cell.content)
    elif isinstance(node, Figure):
        _blocks(out, node.content)
        _blocks(out, node.caption)
    elif isinstance(node, CodeBlock):
        if _ends_open(out):
            out.append("\n")
        out.append(node.text)


def _blocks(out: list[str], nodes: Iterable[Block]) -> None:
    for n in nodes:
        _block(out, n)


def stringify(node: object) -> str:
    """The plain text of a node, as pandoc's stringify and C++ copydesk::stringify.

    Formatting is dropped, line breaks become "\\n", notes and raw content are left
    out, blocks are joined by "\\n". A Document gives its title, then its blocks.
    Accepts a Document, Metadata (its title), a Block, an Inline, a TableRow or
    TableCell, or a list of blocks or inlines.
    """
    out: list[str] = []
    if isinstance(node, Document):
        out.append(node.metadata.title)
        _blocks(out, node.blocks)
    elif isinstance(node, Metadata):
        out.append(node.title)
    elif isinstance(node, Block):
        _block(out, node)
    elif isinstance(node, Inline):
        _inline(out, node)
    elif isinstance(node, TableRow):
        for cell in node.cells:
            _blocks(out, cell.content)
    elif isinstance(node, TableCell):
        _blocks(out, node.content)
    elif isinstance(node, (list, tuple)):
        for n in node:
            if isinstance(n, Block):
                _block(out, n)
            elif isinstance(n, Inline):
                _inline(out, n)
            else:
                raise TypeError(f"cannot stringify a list holding a {type(n).__name__}")
    elif isinstance(node, str):
        return node
    else:
        raise TypeError(f"cannot stringify a {type(node).__name__}")
    return "".join(out)
