"""Opening reads the derived index of newest touches, never a stale one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pendulum
import pytest

from jobfutures_tui.models import Channel
from jobfutures_tui.store import Repository
from jobfutures_tui.store.datafiles import DataFiles
from jobfutures_tui.store.errors import DataRefused
from jobfutures_tui.store.touch_index import INDEX_NAME

JAN = pendulum.datetime(2026, 1, 5, 9, tz="UTC")
FEB = pendulum.datetime(2026, 2, 5, 9, tz="UTC")


@pytest.fixture
def history(folder: Path, make) -> dict:
    acme = make.company("Acme")
    future = make.prospect(acme)
    old = make.touch(future, JAN, channel="call")
    new = make.touch(future, FEB, channel="email")
    with Repository.open(folder) as repo:
        repo.save(acme, future, old, new)
    return {"prospect": future, "old": old, "new": new}


def touch_files(names: list[str]) -> list[str]:
    return [name for name in names if name.startswith("touches/")]


def test_a_fresh_index_spares_opening_the_months(folder: Path, history: dict, parsed) -> None:
    assert (folder / INDEX_NAME).is_file()
    assert oct(os.stat(folder / INDEX_NAME).st_mode & 0o777) == "0o600"
    with Repository.open(folder, verify=False) as repo:
        last = repo.last_touch(history["prospect"].id)
        assert (last.touch_id, last.at, last.channel) == (history["new"].id, FEB, Channel.EMAIL)
        assert touch_files(parsed) == [], "the board's summary came from the index"
        assert repo.touches_for(history["prospect"].id) == [history["new"], history["old"]]
        assert touch_files(parsed) == ["touches/2026-01.json", "touches/2026-02.json"]


def test_changes_made_this_session_update_the_index(folder: Path, history: dict, make) -> None:
    later = make.touch(history["prospect"], FEB.add(days=3), channel="letter")
    with Repository.open(folder, verify=False) as repo:
        repo.save(later)
        assert repo.last_touch(history["prospect"].id).channel is Channel.LETTER
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == later.id
        repo.delete(later)
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id


def test_a_month_changed_behind_the_index_is_read_again(
    folder: Path, history: dict, parsed
) -> None:
    month = folder / "touches/2026-02.json"
    month.write_bytes(month.read_bytes().replace(b'"email"', b'"text"'))
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).channel is Channel.TEXT
    assert "touches/2026-02.json" in parsed


def test_a_missing_or_garbled_index_is_rebuilt(folder: Path, history: dict) -> None:
    (folder / INDEX_NAME).unlink()
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id
    assert (folder / INDEX_NAME).is_file(), "rebuilt at close"
    (folder / INDEX_NAME).write_bytes(b"{not json")
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id


def test_a_crash_after_logging_a_touch_never_shows_a_stale_summary(
    folder: Path, history: dict
) -> None:
    """Killed before close: the index is old, the month file is new; the file wins."""
    prospect_id = history["prospect"].id
    script = textwrap.dedent(
        f"""
        import os, signal, sys, pendulum
        from jobfutures_tui.models import Touch
        from jobfutures_tui.store import Repository
        repo = Repository.open(sys.argv[1])
        repo.save(Touch.new(prospect_id={prospect_id!r}, channel="in-person",
                            at=pendulum.datetime(2026, 2, 20, 9, tz="UTC")))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script, str(folder)], check=False)
    assert result.returncode == -signal.SIGKILL
    with Repository.open(folder, verify=False) as repo:
        assert repo.last_touch(prospect_id).channel is Channel.IN_PERSON


# ------------------------------------------------------------ a change parses its month only


def test_logging_a_touch_parses_its_month_only(folder: Path, history: dict, make, parsed) -> None:
    """A change reads what it touches: the month it writes, not the history
    (issue 22); the job future's summary is folded on, not replayed."""
    future = history["prospect"]
    later = make.touch(future, FEB.add(days=3), channel="letter")
    with Repository.open(folder, verify=False) as repo:
        repo.save(later)
        assert repo.last_touch(future.id).touch_id == later.id
        summary = repo.cadence_summary(future.id)
    assert touch_files(parsed) == ["touches/2026-02.json"], "closing parsed no month either"
    assert summary is not None and summary.touches == 3
    with Repository.open(folder, verify=False) as repo:
        assert repo.cadence_summary(future.id) == summary, "the index keeps the folded summary"
        assert repo.touches_for(future.id) == [later, history["new"], history["old"]]
        assert repo.cadence_summary(future.id) == summary, "as a replay of every touch says"


def test_a_new_touch_after_an_odd_row_in_the_index_is_counted_once(
    folder: Path, history: dict, make
) -> None:
    """An index row that does not decode is replayed from the touches, the new one
    among them, never folded on top of that."""
    future = history["prospect"]
    index = orjson.loads((folder / INDEX_NAME).read_bytes())
    index["summaries"][future.id] = "not a summary"
    (folder / INDEX_NAME).write_bytes(orjson.dumps(index))
    later = make.touch(future, FEB.add(days=3), channel="letter")
    with Repository.open(folder, verify=False) as repo:
        repo.save(later)
        summary = repo.cadence_summary(future.id)
        assert summary is not None and summary.touches == 3
        assert summary.last is not None and summary.last.id == later.id


def test_a_touch_older_than_the_newest_is_replayed_in_order(
    folder: Path, history: dict, make, parsed
) -> None:
    """Backdated before the newest touch: folding on would be out of order, so
    the history is read and replayed."""
    future = history["prospect"]
    backdated = make.touch(future, JAN.add(days=3), channel="letter")
    with Repository.open(folder, verify=False) as repo:
        repo.save(backdated)
        summary = repo.cadence_summary(future.id)
        assert summary is not None and summary.touches == 3
        assert summary.last is not None and summary.last.id == history["new"].id
    assert set(touch_files(parsed)) == {"touches/2026-01.json", "touches/2026-02.json"}


def test_a_copy_left_in_a_month_not_parsed_is_healed_when_it_is(
    folder: Path, history: dict
) -> None:
    """A version of a touch saved into another month by a process that never read
    it leaves two copies, as a crash does: the newer edit is kept once both months
    are parsed, and the stale copy leaves the disk."""
    old = history["old"]
    moved = old.model_copy(
        update={"at": FEB.add(days=1), "updated_at": old.updated_at.add(minutes=5)}
    )
    with Repository.open(folder, verify=False) as repo:
        repo.save(moved)  # January is not parsed: its copy stays there
    assert old.id in (folder / "touches/2026-01.json").read_text()
    with Repository.open(folder, verify=False) as repo:
        assert repo.touches_for(old.prospect_id) == [moved, history["new"]]
        assert repo.cadence_summary(old.prospect_id).touches == 2
    assert old.id not in (folder / "touches/2026-01.json").read_text()
    with Repository.open(folder, read_only=True) as again:
        assert again.touch_count() == 2


def test_a_decision_made_from_a_history_healed_as_it_was_read_is_made_again(
    folder: Path, history: dict, make
) -> None:
    """A stale copy healed while a command reads the history changes that job
    future's touches though the change log never named it: the decisions the index
    keeps at close are still those made afresh."""
    from jobfutures_tui.usecases.decisions import decisions_to_keep

    old = history["old"]
    moved = old.model_copy(
        update={"at": FEB.add(days=1), "updated_at": old.updated_at.add(minutes=5)}
    )
    with Repository.open(folder, verify=False, lazy=True) as repo:
        repo.save(moved)  # January is not parsed: its copy stays there
    other = make.company("Globex")
    with Repository.open(folder, verify=False, lazy=True) as repo:  # as a command
        assert repo.stored_decisions() is not None
        repo.save(other, make.prospect(other))  # not the healed job future
        assert len(repo.touches_for(old.prospect_id)) == 2  # both months read: healed
    index = orjson.loads((folder / INDEX_NAME).read_bytes())
    (folder / INDEX_NAME).unlink()
    with Repository.open(folder, read_only=True, verify=False) as repo:
        afresh = decisions_to_keep(repo)
    for section in ("decisions", "decision_keys"):
        assert index[section] == orjson.loads(b"".join(afresh[section].serialised))


def test_a_copy_that_cannot_be_told_apart_is_refused_when_its_month_is_parsed(
    folder: Path, history: dict, make
) -> None:
    """Two copies, each dated in the other's month, behind a trusted index: a change
    to another month is written, and reading the history refuses the data, writing
    nothing more."""
    from jobfutures_tui.store.touch_index import fingerprints

    touch = history["new"]
    (folder / "touches/2026-03.json").write_bytes((folder / "touches/2026-02.json").read_bytes())
    march = folder / "touches/2026-03.json"
    february = folder / "touches/2026-02.json"
    data = orjson.loads(february.read_bytes())
    data["touches"][touch.id]["at"] = "2026-03-03T09:00:00+00:00"
    february.write_bytes(orjson.dumps(data))
    index = orjson.loads((folder / INDEX_NAME).read_bytes())
    months = ["touches/2026-01.json", "touches/2026-02.json", "touches/2026-03.json"]
    index["files"] = fingerprints(folder, months)  # the index trusts what is there now
    (folder / INDEX_NAME).write_bytes(orjson.dumps(index))
    january = make.touch(history["prospect"], JAN.add(days=1), channel="letter")
    with Repository.open(folder, verify=False) as repo:
        repo.save(january)  # Jan's month alone: written
        before = make.snapshot(folder)
        with pytest.raises(DataRefused) as caught:
            repo.verify()
        assert f"touch {touch.id} is stored twice" in str(caught.value)
    assert make.snapshot(folder) == before, "refused: nothing more written, not the index"
    assert january.id in (folder / "touches/2026-01.json").read_text()
    assert march.is_file()


# ------------------------------------------------------------ a reader keeps the index


def test_a_reader_asked_to_keeps_the_index_it_worked_out(
    folder: Path, history: dict, make, parsed
) -> None:
    """`jobfutures due` on a folder no writer opened since it changed: the first
    works the index out and keeps it, the next reads no month."""
    import jobfutures_tui.usecases.decisions  # noqa: F401  (keeps its decisions in the index)

    (folder / INDEX_NAME).unlink()
    before = make.snapshot(folder)
    with Repository.open(folder, read_only=True, verify=False) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id
    assert not (folder / INDEX_NAME).exists(), "only when asked to"
    with Repository.open(folder, read_only=True, verify=False, keep_index=True) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id
    assert (folder / INDEX_NAME).is_file()
    after = make.snapshot(folder)
    assert {k: v for k, v in after.items() if k != INDEX_NAME} == before, "no data file written"
    parsed.clear()
    with Repository.open(folder, read_only=True, verify=False, keep_index=True) as repo:
        assert repo.last_touch(history["prospect"].id).touch_id == history["new"].id
    assert touch_files(parsed) == []
    assert make.snapshot(folder) == after, "a fresh index is not written again"


def test_a_reader_keeps_no_index_while_a_writer_is_at_work(folder: Path, history: dict) -> None:
    (folder / INDEX_NAME).unlink()
    with Repository.open(folder, verify=False) as writer:
        with Repository.open(folder, read_only=True, verify=False, keep_index=True) as repo:
            assert repo.last_touch(history["prospect"].id) is not None
        assert not (folder / INDEX_NAME).exists(), "the writer keeps it, at its close"
        assert writer.holder == "jobfutures"


def test_a_reader_keeps_no_index_when_a_file_changed_after_it_was_read(
    folder: Path, history: dict
) -> None:
    """A sync tool brought another version of a month meanwhile: what was worked
    out describes the old one, so it is not kept."""
    (folder / INDEX_NAME).unlink()
    month = folder / "touches/2026-02.json"
    with Repository.open(folder, read_only=True, verify=False, keep_index=True) as repo:
        assert repo.last_touch(history["prospect"].id).channel is Channel.EMAIL
        month.write_bytes(month.read_bytes().replace(b'"email"', b'"text"'))
    assert not (folder / INDEX_NAME).exists()
    with Repository.open(folder, read_only=True, verify=False, keep_index=True) as repo:
        assert repo.last_touch(history["prospect"].id).channel is Channel.TEXT
    assert (folder / INDEX_NAME).is_file()


# ------------------------------------------------------------ files known valid


@pytest.fixture
def validated(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The kinds of record validated from now on (by name)."""
    names: list[str] = []
    original = DataFiles.validate

    def spy(self: DataFiles, kind, name, doc_id, row):  # type: ignore[no-untyped-def]
        names.append(kind.__name__)
        return original(self, kind, name, doc_id, row)

    monkeypatch.setattr(DataFiles, "validate", spy)
    return names


def test_a_file_validated_whole_is_not_validated_again_until_replaced(
    folder: Path, history: dict, make, validated
) -> None:
    """A move rewrites prospects.json: the session that validated every job future
    says so in the index, and the next change trusts that while the file is the
    same one (issue 22). Another version of the file is validated again."""
    future = history["prospect"]
    contoso = make.company("Contoso")
    other = make.prospect(contoso)
    with Repository.open(folder, verify=False) as repo:
        repo.save(contoso, other)
    validated.clear()
    with Repository.open(folder, verify=False) as repo:
        repo.save(future.model_copy(update={"role": "Engineer"}))
    assert validated == [], "the file is the one validated: nothing read whole"
    (folder / INDEX_NAME).unlink()  # deleting the index is always safe: all checked again
    with Repository.open(folder, verify=False) as repo:
        repo.save(future.model_copy(update={"role": "Analyst"}))
    assert validated.count("Prospect") == 2, "every job future, before the file is rewritten"
    prospects = folder / "prospects.json"
    data = orjson.loads(prospects.read_bytes())
    data["prospects"][other.id]["stage"] = "limbo"
    prospects.write_bytes(orjson.dumps(data))  # by hand: a new version of the file
    with Repository.open(folder, verify=False) as repo, pytest.raises(DataRefused) as caught:
        repo.save(future.model_copy(update={"role": "Lead"}))
    assert f"record {other.id} is not valid" in str(caught.value)


def test_files_validated_by_another_version_are_validated_again(
    folder: Path, history: dict, validated, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobfutures_tui.store import touch_index

    future = history["prospect"]
    with Repository.open(folder, verify=False) as repo:
        repo.save(future.model_copy(update={"role": "Engineer"}))
    validated.clear()
    monkeypatch.setattr(touch_index, "VALIDATED_BY", "9.9.9/99")
    with Repository.open(folder, verify=False) as repo:
        repo.save(future.model_copy(update={"role": "Lead"}))
    assert "Prospect" in validated


def test_decisions_kept_after_logging_a_touch_are_those_made_afresh(
    folder: Path, history: dict, make
) -> None:
    """Closing after a log redoes only the decisions of the job futures whose
    touches changed: the index then holds what deciding everything afresh gives."""
    from jobfutures_tui.usecases.decisions import decisions_to_keep

    contoso = make.company("Contoso")
    other = make.prospect(contoso)
    with Repository.open(folder, verify=False) as repo:
        repo.save(contoso, other, make.touch(other, JAN.add(days=9), channel="call"))
    later = make.touch(history["prospect"], FEB.add(days=3), channel="letter")
    with Repository.open(folder, verify=False) as repo:
        assert repo.stored_decisions() is not None
        repo.save(later)
        assert repo.kinds_changed == {type(later)}
    index = orjson.loads((folder / INDEX_NAME).read_bytes())
    (folder / INDEX_NAME).unlink()
    with Repository.open(folder, read_only=True, verify=False) as repo:
        afresh = decisions_to_keep(repo)
    assert set(index["decisions"]) == {history["prospect"].id, other.id}
    for section in ("decisions", "decision_keys"):
        assert index[section] == orjson.loads(b"".join(afresh[section].serialised))


def test_decisions_kept_after_changing_records_are_those_made_afresh(
    folder: Path, history: dict, make
) -> None:
    """Closing after an add, a person's new channel, a referral reaching the offer
    stage or leaving it, or an archiving keeps unread only the decisions none of whose
    records changed: each time the index holds what deciding everything afresh
    gives (and the fields and names kept beside them, after a rename or a snooze
    too), and the referral offers a fresh reading finds."""
    from jobfutures_tui.models import Person, Stage
    from jobfutures_tui.models.entities import revise
    from jobfutures_tui.usecases.decisions import decisions_to_keep

    contoso, fabrikam = make.company("Contoso"), make.company("Fabrikam")
    dana = Person(name="Dana", company_id=contoso.id, preferred_channel="email")
    lee = Person(name="Lee", company_id=fabrikam.id)
    with_dana = make.prospect(contoso, person_ids=[dana.id], stage="rejected-but-warm")
    referred = make.prospect(fabrikam, person_ids=[lee.id], referred_by_id=dana.id)
    with Repository.open(folder, verify=False) as repo:
        repo.save(contoso, fabrikam, dana, lee, with_dana, referred)
        repo.save(make.touch(with_dana, JAN.add(days=9), channel="call"))
    newcomer = make.company("Globex")
    offer = revise(referred, stage=Stage.OFFER)
    changes = [
        [newcomer, make.prospect(newcomer)],  # `jobfutures add`
        [revise(dana, do_not_contact=True)],  # not her job future, which was not saved
        [offer],  # Dana is owed a thank-you
        [revise(with_dana, stage=Stage.ARCHIVE)],  # no decision kept for it any more
        [revise(offer, stage=Stage.REFERRAL)],  # the offer gone: no thanks owed
        [revise(fabrikam, name="Fabrikam [bold]Labs[/")],  # a name kept beside them
        [revise(lee, name="Lee Park")],
        [revise(offer, snoozed_until=pendulum.date(2026, 9, 1), stage=Stage.REFERRAL)],
    ]
    for change in changes:
        with Repository.open(folder, verify=False, lazy=True) as repo:  # as a command
            assert repo.stored_decisions() is not None
            repo.save(*change)
        index = orjson.loads((folder / INDEX_NAME).read_bytes())
        derived = index["derived"]
        (folder / INDEX_NAME).unlink()
        with Repository.open(folder, read_only=True, verify=False) as repo:
            afresh = decisions_to_keep(repo)
        for section in ("decisions", "decision_keys", "futures", "names"):
            assert index[section] == orjson.loads(b"".join(afresh[section].serialised))
        assert sorted(derived["open"]) == sorted(afresh["open"])
        assert derived["offers"] == afresh["offers"]  # kept from the last, brought up to date
        with Repository.open(folder, verify=False):
            pass  # the index written again, as a session leaves it


def test_the_background_check_lets_each_month_go_and_a_read_parses_it_again(
    folder: Path, history: dict, parsed
) -> None:
    """A lifetime of touches is not held in memory once checked: its facts are, and a
    touch read later comes from its month parsed again."""
    with Repository.open(folder, verify=False) as repo:
        repo.verify()
        assert touch_files(parsed) == ["touches/2026-01.json", "touches/2026-02.json"]
        assert repo.history_loaded
        assert repo.touches_for(history["prospect"].id) == [history["new"], history["old"]]
        assert sorted(touch_files(parsed)[2:]) == ["touches/2026-01.json", "touches/2026-02.json"]


def test_a_month_changed_here_is_never_let_go_before_it_is_written(
    folder: Path, history: dict, make
) -> None:
    """The background writer may still hold the change: parsing the month again from
    the disk would lose it."""
    from jobfutures_tui.store import BackgroundWriter

    later = make.touch(history["prospect"], FEB.add(days=3), channel="letter")
    latest = make.touch(history["prospect"], FEB.add(days=4), channel="call")
    with Repository.open(folder, verify=False, writer=BackgroundWriter()) as repo:
        repo.save(later)  # written a moment later, on the writer's thread
        repo.verify()
        repo.save(latest)  # the same month again
    with Repository.open(folder) as repo:
        assert repo.touches_for(history["prospect"].id)[:2] == [latest, later]
