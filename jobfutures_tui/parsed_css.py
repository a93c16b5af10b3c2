"""Textual's parsed CSS, kept between runs of the app.

Textual parses every stylesheet at each start: about 45 ms for the app's hundred
or so sources (its widgets' and ours), a tenth of the first frame, where a bare
Textual app parses three (docs/architecture.md, "Why the speed tricks exist").
A parse depends only on the CSS text, where it was read from, its flags, the
theme's variables and Textual itself; so the rules are pickled into the user's
cache folder under a digest of all that, and the next start unpickles them
(about 6 ms). Anything unexpected (no file, another Textual, a damaged file)
means parsing as Textual would; the cache is only ever a shortcut.

The hook into Textual is in widgets/textual_internals.py, and only the
``jobfutures`` app uses it (cli.run_app, through :func:`kept_between_runs`), so
tests and programs that embed the app parse as usual.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
from collections.abc import Callable, Hashable, Iterator
from pathlib import Path
from typing import Any

from jobfutures_tui.paths import cache_folder

FORMAT = 2
FILE_NAME = "parsed-css.pickle"


@contextlib.contextmanager
def kept_between_runs() -> Iterator[ParsedCss]:
    """For the block (the app's run): CSS parsed as kept in the cache folder, and
    what had to be parsed kept there at its end."""
    from jobfutures_tui.widgets.textual_internals import css_parser_fingerprint, parsing_through

    cache = ParsedCss.load(cache_folder() / FILE_NAME, css_parser_fingerprint())
    with parsing_through(cache.rules):
        yield cache
    cache.save()


class ParsedCss:
    """Parsed rules by the digest of the theme's variables, then of the source they
    were parsed from. The file keeps every theme this run used, whole (a screen not
    shown this time keeps its rules), and drops the others: a theme no longer
    chosen does not weigh on every start."""

    def __init__(
        self, path: Path, fingerprint: Hashable, kept: dict[bytes, dict[bytes, Any]]
    ) -> None:
        self.path = path
        self.fingerprint = fingerprint
        self._kept = kept
        self._themes_used: set[bytes] = set()
        self._parsed_here = False
        self._variables: tuple[dict[str, str], bytes] | None = None

    @classmethod
    def load(cls, path: Path, fingerprint: Hashable) -> ParsedCss:
        """The rules kept at ``path`` if they were parsed by this same Textual and
        Python (``fingerprint``); none otherwise."""
        kept: dict[bytes, dict[bytes, Any]] = {}
        with contextlib.suppress(Exception):  # missing, damaged, another version's
            with open(path, "rb") as file:
                header, rules = pickle.load(file)
            if header == (FORMAT, fingerprint) and isinstance(rules, dict):
                kept = {
                    theme: by_source
                    for theme, by_source in rules.items()
                    if isinstance(by_source, dict)
                }
        return cls(path, fingerprint, kept)

    def rules(
        self, source: tuple[object, ...], variables: dict[str, str], parse: Callable[[], list[Any]]
    ) -> list[Any]:
        """The rules of ``source`` (the parse's arguments) under ``variables``: kept
        ones, or ``parse()``'s, kept for the next run if they parsed cleanly."""
        theme = self._variables_digest(variables)
        self._themes_used.add(theme)
        kept = self._kept.setdefault(theme, {})
        key = hashlib.blake2b(repr(source).encode(), digest_size=20).digest()
        found = kept.get(key)
        if not isinstance(found, list):  # none kept (or not what this module keeps)
            found = parse()
            if any(rule.errors for rule in found):
                return found  # Textual reports them; nothing to keep
            kept[key] = found
            self._parsed_here = True
        return found

    def save(self) -> None:
        """Write the themes this run used, if it had to parse anything. Atomic; a
        failure (a read-only cache folder, say) only costs the next start the parse."""
        if not self._parsed_here:
            return
        from jobfutures_tui.store.files import ensure_folder, write_atomic

        used = {theme: self._kept[theme] for theme in self._themes_used}
        with contextlib.suppress(Exception):
            data = pickle.dumps(((FORMAT, self.fingerprint), used), pickle.HIGHEST_PROTOCOL)
            ensure_folder(self.path.parent)
            write_atomic(self.path, data)
            self._parsed_here = False

    def _variables_digest(self, variables: dict[str, str]) -> bytes:
        """A theme's variables change rarely: their digest is worked out once per set."""
        if self._variables is None or self._variables[0] != variables:
            text = repr(sorted(variables.items())).encode()
            self._variables = (dict(variables), hashlib.blake2b(text, digest_size=20).digest())
        return self._variables[1]
