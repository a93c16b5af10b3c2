"""Sections of docs/benchmarks.md that their own benchmark writes, between markers:
``python -m benchmarks.run`` rewrites the rest of the file and keeps them."""

from __future__ import annotations

from pathlib import Path

REPORT = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
MARKERS = (
    (
        "<!-- shell commands: python -m benchmarks.commands --write -->",
        "<!-- end of shell commands -->",
    ),
    (
        "<!-- first frame in a terminal: python -m benchmarks.terminal --write -->",
        "<!-- end of first frame in a terminal -->",
    ),
    (
        "<!-- issue 22, before and after: written by hand -->",
        "<!-- end of issue 22, before and after -->",
    ),
)


def kept(report: Path = REPORT) -> str:
    """Every such section of the report as it is now, to append to the rest ('\\n' if none)."""
    try:
        text = report.read_text()
    except OSError:
        return "\n"
    found = []
    for begin, end in MARKERS:
        start, stop = text.find(begin), text.find(end)
        if start >= 0 and stop > start:
            found.append(text[start : stop + len(end)])
    return "".join(f"\n\n{section}" for section in found) + "\n"


def write(section: str, begin: str, end: str, report: Path = REPORT) -> None:
    """Put ``section`` (which starts with ``begin`` and ends with ``end``) in its place."""
    text = report.read_text()
    start, stop = text.find(begin), text.find(end)
    if start >= 0 and stop > start:
        text = text[:start] + section + text[stop + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    report.write_text(text)
