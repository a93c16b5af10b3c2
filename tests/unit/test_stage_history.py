"""A job future's moves (issue 20): kept by every way a stage changes, taken back by
undo, read by the insights' pipeline (docs/insights.md, "The pipeline"), and carried
by the JSON export; real stores under tmp_path, time frozen."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import orjson
import pendulum
from clock import frozen_at

from jobfutures_tui.exchange.dataset import export_json
from jobfutures_tui.exchange.json_import import plan_replace
from jobfutures_tui.exchange.restore import install, snapshot_of
from jobfutures_tui.models import (
    ClosedReason,
    Company,
    Origin,
    Prospect,
    Record,
    Stage,
    StageStep,
    revise,
)
from jobfutures_tui.store import Repository
from jobfutures_tui.store.undo import UndoHistory
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.insights import insights
from jobfutures_tui.usecases.insights_words import as_json, text_lines
from jobfutures_tui.usecases.lifecycle import ArchiveInput

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
TODAY = NOW.date()
I, W, R, O, A = (  # noqa: E741 (the stages' initials)
    Stage.INTERVIEWED,
    Stage.REJECTED_WARM,
    Stage.REFERRAL,
    Stage.OFFER,
    Stage.ARCHIVE,
)


frozen = frozen_at(NOW)


def at(day: str, hour: int = 9) -> pendulum.DateTime:
    return pendulum.parse(day).set(hour=hour)  # type: ignore[union-attr]


def steps(*pairs: tuple[Stage, str]) -> tuple[StageStep, ...]:
    return tuple(StageStep(stage=stage, at=at(day)) for stage, day in pairs)


def stages_of(prospect: Prospect) -> list[Stage]:
    return [step.stage for step in prospect.stages]


# ------------------------------------------------------------ the pipeline


def four_futures() -> list[Record]:
    """P1: interviewed 10 Jan → rejected-but-warm 5 Mar → referral 20 May → offer 3 Aug.
    P2: interviewed 1 Feb → referral 3 Jun → offer 20 Jun (twice in one month).
    P3: no history (older data): a "no" added 1 Jul, at referral since 1 Sep.
    P4: older data moved before its moves were kept (to referral, 1 Apr), then moved
    by this version to offer on 10 Oct: before the first kept step, as ever."""
    a, b, c, d = (Company(name=n) for n in ("P1 Co", "P2 Co", "P3 Co", "P4 Co"))
    p1 = Prospect(
        company_id=a.id,
        stage=O,
        created_at=at("2026-01-10"),
        stage_changed_at=at("2026-08-03"),
        stages=steps((I, "2026-01-10"), (W, "2026-03-05"), (R, "2026-05-20"), (O, "2026-08-03")),
    )
    p2 = Prospect(
        company_id=b.id,
        stage=O,
        created_at=at("2026-02-01"),
        stage_changed_at=at("2026-06-20"),
        stages=steps((I, "2026-02-01"), (R, "2026-06-03"), (O, "2026-06-20")),
    )
    p3 = Prospect(
        company_id=c.id,
        stage=R,
        origin=Origin.REJECTED,
        created_at=at("2026-07-01"),
        stage_changed_at=at("2026-09-01"),
    )
    p4 = Prospect(
        company_id=d.id,
        stage=O,
        created_at=at("2026-01-01"),
        stage_changed_at=at("2026-10-10"),
        stages=steps((R, "2026-04-01"), (O, "2026-10-10")),
    )
    return [a, b, c, d, p1, p2, p3, p4]


def test_the_months_and_moves_follow_the_kept_steps(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "data") as repo:
        repo.save(*four_futures())
        found = insights(repo, today=TODAY)
    p = found.figures.pipeline
    months = {end: {s: n for s, n in counts.items() if n} for end, counts in p.months}
    assert months[date(2025, 12, 31)] == {}
    assert months[date(2026, 1, 31)] == {I: 2}  # P1, P4
    assert months[date(2026, 2, 28)] == {I: 3}  # and P2
    assert months[date(2026, 3, 31)] == {I: 2, W: 1}  # P1's no
    assert months[date(2026, 4, 30)] == {I: 1, W: 1, R: 1}  # P4 at referral from 1 Apr
    assert months[date(2026, 5, 31)] == {R: 2, I: 1}  # P1 at referral
    assert months[date(2026, 6, 30)] == {R: 2, O: 1}  # P2 counts at offer only
    assert months[date(2026, 7, 31)] == {R: 2, O: 1, W: 1}  # P3 began as a no
    assert months[date(2026, 8, 31)] == {R: 1, O: 2, W: 1}  # P1 at offer
    assert months[date(2026, 9, 30)] == {R: 2, O: 2}  # P3 at referral
    assert months[TODAY] == {R: 1, O: 3}  # P4 at offer
    assert [(m.from_stage, m.to_stage, m.count) for m in p.moves] == [
        (R, O, 3),  # P1, P2, P4
        (I, R, 2),  # P2, P4 (before its kept steps: from its origin)
        (W, R, 2),  # P1, P3
        (I, W, 1),  # P1
    ]
    # P1: from its no on 5 Mar to referral on 20 May; P3: from 1 Jul to 1 Sep.
    assert (p.warm, p.warm_reached, p.warm_median_days) == (2, 2, (76 + 62) / 2)

    # stats prints the same, and --json carries it.
    document = as_json(found)["pipeline"]
    assert document["moves"][0] == {"from": "referral", "to": "offer", "count": 3}
    assert document["warm_median_days"] == 69
    assert "    referral → offer: 3" in text_lines(found)


def test_without_kept_steps_the_figures_are_as_before(tmp_path: Path) -> None:
    """P3 alone, with no history: its first stage from its origin, its last move."""
    records = four_futures()
    p3 = records[6]
    assert isinstance(p3, Prospect) and p3.stages == ()
    with Repository.open(tmp_path / "data") as repo:
        repo.save(records[2], p3)
        p = insights(repo, today=TODAY).figures.pipeline
    assert [(m.from_stage, m.to_stage, m.count) for m in p.moves] == [(W, R, 1)]
    assert dict(p.months)[date(2026, 8, 31)][W] == 1
    assert dict(p.months)[date(2026, 9, 30)][R] == 1
    assert (p.warm, p.warm_reached, p.warm_median_days) == (1, 1, 62)


def test_a_no_that_was_hired_there_is_reached_when_archived(tmp_path: Path) -> None:
    acme = Company(name="Acme")
    future = Prospect(
        company_id=acme.id,
        stage=A,
        closed_reason=ClosedReason.HIRED_HERE,
        created_at=at("2026-05-01"),
        stage_changed_at=at("2026-06-11"),
        stages=steps((W, "2026-05-01"), (A, "2026-06-11")),
    )
    with Repository.open(tmp_path / "data") as repo:
        repo.save(acme, future)
        p = insights(repo, today=TODAY).figures.pipeline
    assert (p.warm, p.warm_reached, p.warm_median_days) == (1, 1, 41)


# ------------------------------------------------------------ every move keeps a step


def test_each_change_of_stage_adds_a_step_and_undo_takes_it_back(tmp_path: Path) -> None:
    acme = Company(name="Acme")
    added = Prospect(company_id=acme.id, created_at=at("2026-10-01"), stage_changed_at=None)
    with Repository.open(tmp_path / "data") as repo:
        repo.save(acme, added)
        history = UndoHistory(repo)

        def apply(change: changes.Change) -> Prospect:
            history.apply(change.label, save=change.save, delete=change.delete)
            found = repo.prospect(added.id)
            assert found is not None
            return found

        moved = apply(changes.move(repo, added, W))
        # The stage it was moved from, since it was added, then the move.
        assert moved.stages == (StageStep(stage=I, at=at("2026-10-01")), StageStep(stage=W, at=NOW))
        assert moved.stage_changed_at == NOW
        edited = apply(changes.snooze(repo, moved, pendulum.date(2026, 12, 1)))
        assert edited.stages == moved.stages, "a change that is not a move adds nothing"
        closed = apply(changes.close(repo, edited, ArchiveInput(reason="hired-elsewhere")))
        reopened = apply(changes.move(repo, closed, R))
        assert stages_of(reopened) == [I, W, A, R]
        assert changes.move(repo, reopened, R).empty  # already there: no move

        history.undo()
        assert stages_of(repo.prospect(added.id)) == [I, W, A]
        history.undo()
        history.undo()
        history.undo()
        assert repo.prospect(added.id) == added and added.stages == ()
        history.redo()
        assert repo.prospect(added.id) == moved


def test_the_story_and_the_log_move_it_too(tmp_path: Path) -> None:
    from jobfutures_tui.usecases.story import revise_story

    acme = Company(name="Acme")
    added = Prospect(company_id=acme.id, created_at=at("2026-10-01"))
    with Repository.open(tmp_path / "data") as repo:
        repo.save(acme, added)
        told = revise_story(repo, added, {"stage": "offer"})
    assert stages_of(told) == [I, O]
    # A move the caller dates is kept with its date.
    then = revise(told, stage=Stage.ARCHIVE, stage_changed_at=at("2026-11-20"))
    assert then.stages[-1] == StageStep(stage=A, at=at("2026-11-20"))
    # A change that writes the history itself (an import, a restore) is kept as written.
    written = revise(then, stage=R, stages=steps((R, "2026-11-21")))
    assert written.stages == steps((R, "2026-11-21"))


def test_an_older_future_moved_for_the_first_time_starts_at_its_stage_since_it_was_set() -> None:
    older = Prospect(
        company_id="c",
        stage=R,
        origin=Origin.REJECTED,
        created_at=at("2026-01-05"),
        stage_changed_at=at("2026-03-02"),
    )
    moved = revise(older, stage=O, stage_changed_at=NOW)
    assert moved.stages == (StageStep(stage=R, at=at("2026-03-02")), StageStep(stage=O, at=NOW))


# ------------------------------------------------------------ storage and exports


def test_the_history_is_stored_and_survives_a_json_round_trip(tmp_path: Path) -> None:
    records = four_futures()
    with Repository.open(tmp_path / "data") as repo:
        repo.save(*records)
        path = tmp_path / "export.json"
        path.write_bytes(export_json(repo))
    stored = orjson.loads((tmp_path / "data" / "prospects.json").read_bytes())["prospects"]
    p1 = records[4]
    assert isinstance(p1, Prospect)
    assert stored[p1.id]["stages"][1] == {
        "stage": "rejected-but-warm",
        "at": at("2026-03-05").isoformat(),
    }
    exported = json.loads(path.read_text())
    assert (
        next(p for p in exported["prospects"] if p["id"] == p1.id)["stages"][3]["stage"] == "offer"
    )
    _, data = plan_replace(path)
    assert install(tmp_path / "back", snapshot_of(data, str(path))) is None
    with Repository.open(tmp_path / "back", read_only=True) as repo:
        assert repo.prospect(p1.id) == p1
        assert repo.prospect(records[6].id).stages == ()  # type: ignore[union-attr]


def test_format_six_job_futures_read_with_no_history_after_the_upgrade(tmp_path: Path) -> None:
    """6 → 7 adds ``stages``; job futures written before keep none (their past is read
    from their stage and stage_changed_at), and the rows are not rewritten."""
    folder = tmp_path / "data"
    acme = Company(name="Acme")
    future = Prospect(company_id=acme.id, stage=R, stage_changed_at=at("2026-09-01"))
    with Repository.open(folder) as repo:
        repo.save(acme, future)
    prospects = orjson.loads((folder / "prospects.json").read_bytes())
    del prospects["prospects"][future.id]["stages"]
    (folder / "prospects.json").write_bytes(orjson.dumps(prospects))
    (folder / "meta.json").write_bytes(orjson.dumps({"app": "jobfutures", "schema_version": 6}))
    with Repository.open(folder) as repo:
        assert repo.prospect(future.id) == future
        found = insights(repo, today=TODAY)
    assert orjson.loads((folder / "meta.json").read_bytes())["schema_version"] == 7
    row = orjson.loads((folder / "prospects.json").read_bytes())["prospects"][future.id]
    assert "stages" not in row, "nothing stored was rewritten"
    assert found.figures.pipeline.now[R] == 1
