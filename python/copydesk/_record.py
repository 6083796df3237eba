"""Slotted record classes, the part of dataclasses that the AST needs.

``class Text(Inline, metaclass=Record): text: str = ""`` gets ``__slots__``, an
``__init__`` taking the fields positionally or by keyword, structural ``==``
and ``__match_args__``. Not the dataclasses module: importing it (with inspect)
and building 45 classes with it costs more than the rest of ``import copydesk``
together. The C++ bridge fills the slots directly and never calls ``__init__``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing_extensions import dataclass_transform
else:
    def dataclass_transform(**_: object) -> Any:
        return lambda cls: cls

_MISSING: Any = object()


class _Field:
    __slots__ = ("default", "factory", "compare")

    def __init__(self, default: Any, factory: Any, compare: bool) -> None:
        self.default, self.factory, self.compare = default, factory, compare


def field(*, default: Any = _MISSING, default_factory: Any = _MISSING, compare: bool = True) -> Any:
    """A field with a factory for mutable defaults (``default_factory=list``), or left out of ``==``."""
    return _Field(default, default_factory, compare)


def _init_source(names: list[str], specs: dict[str, _Field]) -> tuple[str, dict[str, Any]]:
    params, body, env = ["self"], [], {"_MISSING": _MISSING}
    for i, name in enumerate(names):
        spec = specs[name]
        if spec.factory is not _MISSING:
            env[f"_f{i}"] = spec.factory
            params.append(f"{name}=_MISSING")
            body.append(f"self.{name} = _f{i}() if {name} is _MISSING else {name}")
        else:
            if spec.default is not _MISSING:
                env[f"_d{i}"] = spec.default
                params.append(f"{name}=_d{i}")
            else:
                params.append(name)
            body.append(f"self.{name} = {name}")
    lines = [f"def __init__({', '.join(params)}):"] + [f"    {b}" for b in body or ["pass"]]
    return "\n".join(lines), env


@dataclass_transform(field_specifiers=(field,))
class Record(type):
    """Metaclass of the AST classes (see the module docstring)."""

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any], **kw: Any) -> Record:
        names = [n for n in ns.get("__annotations__", {}) if not n.startswith("_")]
        specs: dict[str, _Field] = {}
        for n in names:
            value = ns.pop(n, _MISSING)
            specs[n] = value if isinstance(value, _Field) else _Field(value, _MISSING, True)
        ns["__slots__"] = tuple(names)
        ns["__match_args__"] = tuple(names)
        ns["_fields"] = tuple(names)
        ns["_compared"] = tuple(n for n in names if specs[n].compare)
        if "__init__" not in ns:
            source, env = _init_source(names, specs)
            exec(source, env)  # noqa: S102 - generated from the field names above
            env["__init__"].__qualname__ = f"{name}.__init__"
            ns["__init__"] = env["__init__"]
        ns.setdefault("__eq__", _eq)
        ns["__hash__"] = None  # mutable
        return super().__new__(mcls, name, bases, ns, **kw)


def _eq(self: Any, other: Any) -> bool:
    if other.__class__ is not self.__class__:
        return NotImplemented  # type: ignore[no-any-return]
    return all(getattr(self, n) == getattr(other, n) for n in self._compared)
