"""The user's keys (settings ``[keys]``: binding id → keys), checked before Textual
applies them with ``App.set_keymap``.

Textual resolves a clash itself, silently: the remapped key wins and the
action that had it loses its key. So each entry is checked against every
screen it can reach first; one that would take another action's key on a
screen, or name an action that does not exist, is reported and not applied.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

from textual.app import App
from textual.binding import Binding, BindingsMap, InvalidBinding
from textual.dom import DOMNode
from textual.keys import Keys, key_to_character
from textual.screen import ModalScreen, Screen

PACKAGE = "jobfutures_tui"
UI_PACKAGES = ("screens", "modals", "widgets")
MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})
_NAMED = frozenset(key.value for key in Keys if not key.value.startswith("<"))


@dataclass(frozen=True)
class Scope:
    """The keys that act together: a screen's (with the app's, under a main screen),
    a dialog's, or a widget's."""

    name: str
    bindings: tuple[Binding, ...]


@dataclass
class Checked:
    keymap: dict[str, str] = field(default_factory=dict)
    """What can be applied: binding id → keys, as Textual writes them."""
    problems: dict[str, str] = field(default_factory=dict)
    """Binding id → what is wrong with its entry, which is not applied."""


def check(keys: Mapping[str, str], app_class: type[App[Any]]) -> Checked:
    """Which entries of ``keys`` can be applied, and what is wrong with the others."""
    result = Checked()
    known = known_ids(app_class)
    wanted: dict[str, tuple[str, ...]] = {}
    for binding_id, text in keys.items():
        if binding_id not in known:
            result.problems[binding_id] = "no action has this id (? then i lists them)"
        elif (problem := key_problem(text)) is not None:
            result.problems[binding_id] = problem
        else:
            wanted[binding_id] = normalized(text)
    while clashes := _clashes(wanted, scopes(app_class)):
        for binding_id, problem in clashes.items():
            result.problems[binding_id] = problem
            del wanted[binding_id]
    result.keymap = {binding_id: ",".join(keys) for binding_id, keys in wanted.items()}
    return result


def key_problem(text: str) -> str | None:
    """What is wrong with keys written as ``"g"``, ``"ctrl+l"``, ``"f5,L"`` (None: nothing)."""
    parts = [part.strip() for part in text.split(",")]
    if not text.strip() or not all(parts):
        return f'\'{text}\': name a key, like "g", "ctrl+l" or "f5" (several: "g,f5")'
    for part in parts:
        *modifiers, key = part.split("+") if len(part) > 1 else [part]
        unknown = [word for word in modifiers if word.lower() not in MODIFIERS]
        if unknown or not _is_key(key):
            return f"'{part}' is not a key (keys: a letter, a sign, f1, home, ctrl+l, …)"
    return None


def _is_key(key: str) -> bool:
    if len(key) == 1:
        return key.isprintable()
    return key.lower() in _NAMED or key_to_character(key.lower()) is not None


def normalized(text: str) -> tuple[str, ...]:
    """The keys as Textual names them ("?" is question_mark, "Ctrl+L" ctrl+l: terminals
    send no capital with ctrl), without repeats."""
    parts = [part.strip() for part in text.split(",")]
    parts = [part.lower() if len(part) > 1 else part for part in parts]
    try:
        found = [binding.key for binding in Binding.make_bindings([Binding(",".join(parts), "")])]
    except InvalidBinding:
        return ()
    return tuple(dict.fromkeys(found))


def _clashes(wanted: Mapping[str, tuple[str, ...]], found: tuple[Scope, ...]) -> dict[str, str]:
    """Entries that would put two actions on one key of a scope: id → what clashes."""
    clashes: dict[str, str] = {}
    for scope in found:
        on_key: dict[str, dict[str, Binding]] = {}
        for binding in scope.bindings:
            name = binding.id or binding.action
            keys = wanted.get(binding.id, (binding.key,)) if binding.id else (binding.key,)
            for key in keys:
                on_key.setdefault(key, {}).setdefault(name, binding)
        for key, actions in on_key.items():
            if len(actions) < 2:
                continue
            for name in actions:
                if name in wanted and name not in clashes:
                    others = [_said(other, b) for other, b in actions.items() if other != name]
                    clashes[name] = f"{_key_words(key)} already {' and '.join(others)} {scope.name}"
    return clashes


def _said(name: str, binding: Binding) -> str:
    what = binding.tooltip or binding.description or binding.action
    said = f"{what[:1].lower()}{what[1:]}"
    return f"does “{said}” ({name})" if binding.id else f"does “{said}”"


def _key_words(key: str) -> str:
    return key_to_character(key) or key if len(key) > 1 else key


def known_ids(app_class: type[App[Any]]) -> dict[str, Binding]:
    """Every binding id of the app, its screens, dialogs and widgets → its binding."""
    found: dict[str, Binding] = {}
    for scope in scopes(app_class):
        for binding in scope.bindings:
            if binding.id:
                found.setdefault(binding.id, binding)
    return found


@cache
def scopes(app_class: type[App[Any]]) -> tuple[Scope, ...]:
    app_keys = tuple(_merged(app_class))
    found = [Scope("everywhere", app_keys)]
    for owner in _owners():
        own = tuple(_merged(owner))
        if issubclass(owner, Screen) and not issubclass(owner, ModalScreen):
            found.append(Scope(f"on the {_title(owner)} screen", own + app_keys))
        else:
            found.append(Scope(f"in the {_title(owner)}", own))
    return tuple(found)


def _owners() -> list[type[DOMNode]]:
    """Our screens, dialogs and widgets that declare keys (importing them all: ~40 ms,
    paid only when the user remaps a key)."""
    for name in UI_PACKAGES:
        sub = importlib.import_module(f"{PACKAGE}.{name}")
        for module in pkgutil.iter_modules(sub.__path__, f"{sub.__name__}."):
            importlib.import_module(module.name)
    owners: list[type[DOMNode]] = []
    pending = list(DOMNode.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        ours = cls.__module__.startswith(f"{PACKAGE}.") and not issubclass(cls, App)
        declares = any(
            "BINDINGS" in vars(base) and base.__module__.startswith(f"{PACKAGE}.")
            for base in cls.__mro__
        )
        if ours and declares and cls not in owners:
            owners.append(cls)
    return sorted(owners, key=lambda cls: (cls.__module__, cls.__qualname__))


def _merged(cls: type[DOMNode]) -> Iterator[Binding]:
    """A class's bindings with those it inherits, one a key, as Textual merges them."""
    keys: dict[str, list[Binding]] = {}
    for base in reversed(cls.__mro__):
        if isinstance(base, type) and issubclass(base, DOMNode):
            keys.update(BindingsMap(vars(base).get("BINDINGS", [])).key_to_bindings)
    for bindings in keys.values():
        yield from bindings


def _title(cls: type[DOMNode]) -> str:
    title = getattr(cls, "TITLE", None)
    if isinstance(title, str) and title:
        return title
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", cls.__name__).lower()


# ------------------------------------------------------------ the keymap in force

_APPLIED: WeakKeyDictionary[App[Any], dict[str, str]] = WeakKeyDictionary()


def apply(app: App[Any], keymap: Mapping[str, str]) -> None:
    """Textual's keymap, remembered so the palette can name the keys in force."""
    _APPLIED[app] = dict(keymap)
    app.set_keymap(keymap)


def applied(app: App[Any]) -> Mapping[str, str]:
    return _APPLIED.get(app, {})


def shown_key(app: App[Any], binding: Binding) -> str | None:
    """The first key the user gave ``binding`` (None: it has its shipped keys)."""
    keys = applied(app).get(binding.id or "")
    return app.get_key_display(Binding(keys.split(",")[0], "")) if keys else None


def key_of(app: App[Any], binding_id: str, shipped: str) -> str:
    """The key to name for ``binding_id``: the first one the user gave it, else ``shipped``."""
    keys = applied(app).get(binding_id)
    return app.get_key_display(Binding(keys.split(",")[0], "")) if keys else shipped


def hint(app: App[Any], binding_id: str, shipped: str) -> str:
    """``shipped`` ('c log') with the key the user gave the binding in its place, so
    the hints a screen or a dialog writes follow a remapped key. Of keys written
    'enter/ctrl+s', the last is the binding's; an empty id is a hint of no binding."""
    if not binding_id or not applied(app).get(binding_id):
        return shipped
    keys, _, words = shipped.partition(" ")
    *others, _ = keys.split("/")
    return f"{'/'.join([*others, key_of(app, binding_id, '')])} {words}".strip()


def hints(app: App[Any], *pairs: tuple[str, str]) -> str:
    """'c log · o open', each by :func:`hint`."""
    return " · ".join(hint(app, binding_id, shipped) for binding_id, shipped in pairs)
