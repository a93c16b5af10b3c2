"""Undo and redo: every kind of change puts back exactly the data that was saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pendulum
from disk import saved_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.models import Company, Person, Prospect, Stage, Touch, revise
from jobfutures_tui.store import Repository, Writer
from jobfutures_tui.store.undo import UndoHistory

AT = pendulum.datetime(2026, 3, 2, 9, 0, tz="UTC")


def seeded(folder: Path) -> tuple[Repository, Prospect, Touch]:
    repo = Repository.open(folder, writer=Writer())
    acme = Company(name="Acme")
    ana = Person(name="Ana Díaz", company_id=acme.id)
    job = Prospect(company_id=acme.id, person_ids=(ana.id,), role="Data lead")
    call = Touch(prospect_id=job.id, person_id=ana.id, at=AT, channel="call")
    repo.save(acme, ana, job, call)
    return repo, job, call


def test_undo_of_each_kind_of_change_restores_the_saved_data(tmp_path: Path) -> None:
    repo, job, call = seeded(tmp_path)
    history = UndoHistory(repo)
    changes = [
        ("move", {"save": [revise(job, stage=Stage.OFFER)]}),
        ("edit", {"save": [revise(job, role="Head of data", notes="[bold]x[/")]}),
        ("archive", {"save": [revise(job, stage=Stage.ARCHIVE, closed_reason="other")]}),
        ("log", {"save": [Touch(prospect_id=job.id, at=AT.add(months=2), channel="email")]}),
        ("re-date", {"save": [revise(call, at=AT.subtract(months=5))]}),
        ("delete", {"delete": [repo.prospect(job.id), call]}),
    ]
    for label, change in changes:
        before = saved_data(tmp_path)
        history.apply(label, **change)
        after = saved_data(tmp_path)
        assert after != before, label
        assert history.undo() is not None
        assert saved_data(tmp_path) == before, f"undo of {label}"
        assert history.redo() is not None
        assert saved_data(tmp_path) == after, f"redo of {label}"
    repo.close()


def test_undo_goes_back_through_many_changes_in_order_and_forgets_past_50(tmp_path: Path) -> None:
    repo, job, _ = seeded(tmp_path)
    history = UndoHistory(repo, limit=50)
    states = [saved_data(tmp_path)]
    for n in range(60):
        current = repo.prospect(job.id)
        assert current is not None
        history.apply(f"edit {n}", save=[revise(current, notes=f"note {n}")])
        states.append(saved_data(tmp_path))
    for expected in reversed(states[10:60]):
        history.undo()
        assert saved_data(tmp_path) == expected
    assert history.undo() is None  # the oldest ten are forgotten
    assert repo.prospect(job.id).notes == "note 9"  # type: ignore[union-attr]
    repo.close()


def test_a_new_change_after_undo_drops_the_redo(tmp_path: Path) -> None:
    repo, job, _ = seeded(tmp_path)
    history = UndoHistory(repo)
    history.apply("a", save=[revise(job, notes="a")])
    history.undo()
    history.apply("b", save=[revise(job, notes="b")])
    assert history.redo() is None
    assert repo.prospect(job.id).notes == "b"  # type: ignore[union-attr]
    repo.close()


def test_undone_delete_survives_a_reopen(tmp_path: Path) -> None:
    repo, job, call = seeded(tmp_path)
    history = UndoHistory(repo)
    history.apply("delete", delete=[job, call])
    history.undo()
    repo.close()
    with Repository.open(tmp_path) as again:
        assert again.prospect(job.id) == job
        assert [t.id for t in again.touches_for(job.id)] == [call.id]


EDITS = st.lists(
    st.tuples(
        st.sampled_from(["note", "stage", "touch", "delete-touch", "person"]), st.integers(0, 9)
    ),
    min_size=1,
    max_size=12,
)


@settings(
    max_examples=examples(25),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(edits=EDITS)
def test_undoing_everything_gives_back_the_start(tmp_path_factory: Any, edits: list) -> None:
    folder = tmp_path_factory.mktemp("undo")
    repo, job, _ = seeded(folder)
    start = saved_data(folder)
    history = UndoHistory(repo)
    for kind, n in edits:
        current = repo.prospect(job.id)
        assert current is not None
        if kind == "note":
            history.apply(kind, save=[revise(current, notes=str(n))])
        elif kind == "stage":
            history.apply(kind, save=[revise(current, stage=list(Stage.board())[n % 4])])
        elif kind == "touch":
            at = AT.subtract(days=40 * n)
            history.apply(kind, save=[Touch(prospect_id=job.id, at=at, channel="email")])
        elif kind == "delete-touch" and (touches := repo.touches_for(job.id)):
            history.apply(kind, delete=[touches[n % len(touches)]])
        elif kind == "person":
            history.apply(kind, save=[Person(name=f"P{n}"), revise(current, notes="p")])
    while history.undo() is not None:
        pass
    assert saved_data(folder) == start
    repo.close()
