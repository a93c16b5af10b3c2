"""What store/storage.py assumes of how TinyDB works inside, checked against the
installed TinyDB, so an upgrade that changes one fails here, by name, before it
can lose a save.

Snapshots handed to the writer thread share the stored rows (storage.py): that
is safe only while TinyDB builds a new dict for a table on every write, leaves
the old one and its rows as they were, and copies the rows it inserts. Ids are
our own strings, kept by ``document_id_class = str``.
"""

from __future__ import annotations

import contextlib
import copy
from collections.abc import Iterator
from importlib.metadata import version
from pathlib import Path
from typing import Any, cast

import pytest

from jobfutures_tui.store.storage import UuidTable, as_document, open_file
from jobfutures_tui.store.writer import Writer

TESTED = "4.9"
INSTALLED = version("tinydb")


def broken(assumption: str) -> str:
    return (
        f"TinyDB {INSTALLED} no longer {assumption}, as TinyDB {TESTED} did. "
        "jobfutures_tui/store/storage.py relies on it (see its docstring): "
        "adapt storage.py, or keep TinyDB at the version that works."
    )


@contextlib.contextmanager
def holds(assumption: str) -> Iterator[None]:
    """Fail with :func:`broken` however TinyDB breaks it: a wrong result or an error."""
    try:
        yield
    except AssertionError:
        raise
    except Exception as error:
        pytest.fail(f"{broken(assumption)} ({error!r})")


def opened(tmp_path: Path, rows: dict[str, Any]) -> tuple[UuidTable, dict[str, Any]]:
    data: dict[str, Any] = {"things": rows}
    writer = Writer(write=lambda path, payload: None)
    return cast(UuidTable, open_file(tmp_path / "things.json", data, writer).table("things")), data


def test_every_write_builds_a_new_table_and_leaves_the_old_one(tmp_path: Path) -> None:
    table, data = opened(tmp_path, {"a": {"n": 1}, "b": {"n": 2}})
    writes = (
        lambda: table.insert(as_document("c", {"n": 3})),
        lambda: table.insert_multiple([as_document("d", {"n": 4}), as_document("e", {})]),
        lambda: table.remove(doc_ids=["a"]),  # type: ignore[list-item]  # our ids are strings
    )
    assumption = "builds a new dict for a table on each write, leaving the old one as it was"
    for write in writes:
        before = data["things"]
        kept = copy.deepcopy(before)
        with holds(assumption):
            write()
        assert data["things"] is not before and before == kept, broken(assumption)


def test_a_write_never_changes_a_stored_row_in_place(tmp_path: Path) -> None:
    row = {"n": 1, "tags": ["warm"]}
    table, _ = opened(tmp_path, {"a": row})
    assumption = "leaves the stored rows it did not write alone"
    with holds(assumption):
        table.insert(as_document("b", {"n": 2}))
        table.remove(doc_ids=["b"])  # type: ignore[list-item]
    assert row == {"n": 1, "tags": ["warm"]}, broken(assumption)


def test_an_inserted_row_is_a_copy(tmp_path: Path) -> None:
    table, data = opened(tmp_path, {})
    one, more = as_document("a", {"n": 1}), as_document("b", {"n": 2})
    assumption = "stores a copy of each document it inserts, as a plain dict"
    with holds(assumption):
        table.insert(one)
        table.insert_multiple([more])
    for stored, given in ((data["things"]["a"], one), (data["things"]["b"], more)):
        assert stored is not given and type(stored) is dict, broken(assumption)


def test_string_ids_are_kept_as_they_are(tmp_path: Path) -> None:
    table, data = opened(tmp_path, {"7c9e-6679": {"n": 1}})
    assumption = "keeps string document ids as they are with document_id_class = str"
    with holds(assumption):
        table.insert(as_document("0042", {"n": 2}))  # would become 42 as an int
        table.remove(doc_ids=["7c9e-6679"])  # type: ignore[list-item]
        ids = [document.doc_id for document in table.all()]
    assert list(data["things"]) == ["0042"] and ids == ["0042"], broken(assumption)


def test_a_table_reads_and_writes_through_its_public_storage(tmp_path: Path) -> None:
    table, data = opened(tmp_path, {"a": {"n": 1}})
    assumption = "exposes the storage a table reads and writes as Table.storage"
    with holds(assumption):
        storage = table.storage
    assert storage.read() is data, broken(assumption)
