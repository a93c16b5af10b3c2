"""The insights' figures (usecases/insights.py) on hand-built histories with known
answers, in a real store, with time frozen (docs/insights.md defines each figure)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pendulum
from clock import frozen_at

from jobfutures_tui.engine.history import ORDER, TouchFacts, order
from jobfutures_tui.engine.insights import month_ends
from jobfutures_tui.models import (
    Channel,
    Company,
    Direction,
    Origin,
    Outcome,
    Person,
    Prospect,
    Record,
    Script,
    Stage,
    Touch,
    TouchKind,
)
from jobfutures_tui.models.entities import Skip
from jobfutures_tui.store import Repository
from jobfutures_tui.store.touch_index import INDEX_NAME
from jobfutures_tui.usecases.due import due_items
from jobfutures_tui.usecases.insights import insights
from jobfutures_tui.usecases.insights_words import as_json, text_lines
from jobfutures_tui.usecases.referrals import link_of, longest_chain

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
"""A Monday afternoon."""
TODAY = NOW.date()


frozen = frozen_at(NOW)


def at(day: str, hour: int = 9) -> pendulum.DateTime:
    return pendulum.parse(day).set(hour=hour)  # type: ignore[union-attr]


def touch(future: Prospect, who: Person, when: str, channel: Channel, **fields: Any) -> Touch:
    return Touch(
        prospect_id=future.id,
        person_id=who.id,
        at=at(when),
        created_at=at(when),
        channel=channel,
        **fields,
    )


def store(tmp_path: Path, records: list[Record]) -> Repository:
    repo = Repository.open(tmp_path / "data")
    repo.save(*records)
    return repo


def three_futures() -> tuple[list[Record], dict[str, Any]]:
    """A: interviewed, a thank-you answered in 3 days, a call and an email never answered,
    an email 3 days ago. B: a "no", moved to referral on 1 Aug; its LinkedIn note answered
    by a conversation 21 days on, then Bo referred you to C on 15 Jul. C: from Bo."""
    a, b, c = Company(name="A Co"), Company(name="B Co"), Company(name="C Co")
    ann = Person(name="Ann Lee", company_id=a.id, email="ann@a.example")
    bo = Person(name="Bo Chen", company_id=b.id, linkedin="https://linkedin.com/in/bo")
    cy = Person(name="Cy Ode", company_id=c.id, email="cy@c.example")
    thanks = Script(name="My thanks", kind=TouchKind.THANK_YOU, body="Thank you, {first_name}")
    pa = Prospect(
        company_id=a.id,
        person_ids=(ann.id,),
        began_on=date(2026, 9, 1),
        created_at=at("2026-09-01"),
        stage_changed_at=at("2026-09-01"),
    )
    pb = Prospect(
        company_id=b.id,
        person_ids=(bo.id,),
        origin=Origin.REJECTED,
        stage=Stage.REFERRAL,
        began_on=date(2026, 6, 1),
        created_at=at("2026-06-01"),
        stage_changed_at=at("2026-08-01"),
    )
    pc = Prospect(
        company_id=c.id,
        person_ids=(cy.id,),
        origin=Origin.REFERRED,
        stage=Stage.REFERRAL,
        referred_by_id=bo.id,
        began_on=date(2026, 7, 16),
        created_at=at("2026-07-16"),
        stage_changed_at=at("2026-07-16"),
    )
    email, call, linkedin = Channel.EMAIL, Channel.CALL, Channel.LINKEDIN
    touches = [
        touch(pa, ann, "2026-09-02", email, kind=TouchKind.THANK_YOU, script_id=thanks.id),
        touch(pa, ann, "2026-09-05", email, direction=Direction.IN, outcome=Outcome.REPLIED),
        touch(pa, ann, "2026-10-01", call, outcome=Outcome.NO_ANSWER, kind=TouchKind.CHECK_IN),
        touch(pa, ann, "2026-10-03", email, kind=TouchKind.FOLLOW_UP),
        touch(pa, ann, "2026-11-20", email, kind=TouchKind.CHECK_IN),
        touch(pb, bo, "2026-06-10", linkedin, kind=TouchKind.AFTER_HIRE),
        touch(pb, bo, "2026-07-01", linkedin, outcome=Outcome.CONVERSATION),
        touch(pb, bo, "2026-07-15", email, outcome=Outcome.REFERRAL_GIVEN),
    ]
    records: list[Record] = [a, b, c, ann, bo, cy, thanks, pa, pb, pc, *touches]
    return records, {"pa": pa, "pb": pb, "pc": pc, "bo": bo, "thanks": thanks}


def test_replies_by_channel_kind_and_script(tmp_path: Path) -> None:
    records, _ = three_futures()
    with store(tmp_path, records) as repo:
        r = insights(repo, today=TODAY).figures.replies
    # Counted: the thank-you (answered 3 days on), the call and the follow-up (never), the
    # LinkedIn note (21 days on), the conversation and the referral (answers in themselves:
    # replies, with no time to measure, so not in the median).
    overall = r.overall
    assert (overall.touches, overall.replies, overall.median_days) == (6, 4, 12)
    assert overall.on_the_touch == 2
    assert r.waiting == 1  # the email of 3 days ago still has time
    channels = {rate.label: (rate.touches, rate.replies) for rate in r.by_channel}
    assert channels == {"email": (3, 2), "call": (1, 0), "LinkedIn": (2, 2)}
    assert r.by_channel[0].label == "email", "most touches first"
    kinds = {rate.label: (rate.touches, rate.replies) for rate in r.by_kind}
    assert kinds["thank-you"] == (1, 1) and kinds["(kind not said)"] == (2, 2)
    assert kinds["note after their hire"] == (1, 1)
    scripts = {rate.label: (rate.touches, rate.replies, rate.median_days) for rate in r.by_script}
    assert scripts["My thanks"] == (1, 1, 3) and scripts["(no script)"] == (5, 3, 21)
    on_the_touch = {rate.label: rate.on_the_touch for rate in r.by_channel}
    assert on_the_touch == {"email": 1, "LinkedIn": 1, "call": 0}  # the referral, the talk


def test_the_median_wait_counts_later_replies_only_and_says_an_even_count_halfway(
    tmp_path: Path,
) -> None:
    firm = Company(name="Acme")
    jo = Person(name="Jo Lee", company_id=firm.id, email="jo@acme.example")
    future = Prospect(
        company_id=firm.id,
        person_ids=(jo.id,),
        began_on=date(2026, 6, 1),
        created_at=at("2026-06-01"),
        stage_changed_at=at("2026-06-01"),
    )
    email, call = Channel.EMAIL, Channel.CALL
    touches = [
        touch(future, jo, "2026-06-02", email),  # answered 5 days on (their mail)
        touch(future, jo, "2026-06-07", email, direction=Direction.IN),
        touch(future, jo, "2026-07-01", call, outcome=Outcome.CONVERSATION),  # on the touch
        touch(future, jo, "2026-07-02", call, outcome=Outcome.CONVERSATION),  # on the touch
        touch(future, jo, "2026-08-01", email),  # answered 10 days on, by a later outcome
        touch(future, jo, "2026-08-11", call, outcome=Outcome.REPLIED),  # on the touch
    ]
    with store(tmp_path, [firm, jo, future, *touches]) as repo:
        found = insights(repo, today=TODAY)
    overall = found.figures.replies.overall
    assert (overall.touches, overall.replies, overall.on_the_touch) == (5, 5, 3)
    assert overall.median_days == 7.5, "5 and 10 days: halfway between the middle two"
    lines = "\n".join(text_lines(found))
    assert "median 7.5 days to a later reply (and 3 answered on the touch)" in lines
    assert as_json(found)["replies"]["overall"]["answered_on_the_touch"] == 3


def test_since_limits_the_rates(tmp_path: Path) -> None:
    records, _ = three_futures()
    with store(tmp_path, records) as repo:
        found = insights(repo, today=TODAY, since=date(2026, 9, 1)).figures
    assert (found.replies.overall.touches, found.replies.overall.replies) == (3, 1)
    assert found.referrals.referred == 0 and found.referrals.given == 0


def test_touches_per_week_against_the_goal(tmp_path: Path) -> None:
    records, _ = three_futures()
    with store(tmp_path, records) as repo:
        f = insights(repo, today=TODAY, goal=1).figures
    assert len(f.weeks) == 26 and f.weeks[-1].start == date(2026, 11, 23)
    assert f.weeks[0].start == date(2026, 6, 1)
    weeks = {week.start: week.touches for week in f.weeks if week.touches}
    assert weeks == {  # outgoing touches only: the reply of 5 Sep is theirs
        date(2026, 6, 8): 1,
        date(2026, 6, 29): 1,
        date(2026, 7, 13): 1,
        date(2026, 8, 31): 1,
        date(2026, 9, 28): 2,
        date(2026, 11, 16): 1,
    }
    assert f.weekly_goal == 1


def test_the_pipeline_and_what_became_of_a_no(tmp_path: Path) -> None:
    records, _ = three_futures()
    with store(tmp_path, records) as repo:
        p = insights(repo, today=TODAY).figures.pipeline
    assert p.now[Stage.INTERVIEWED] == 1 and p.now[Stage.REFERRAL] == 2
    assert [(m.from_stage, m.to_stage, m.count) for m in p.moves] == [
        (Stage.REJECTED_WARM, Stage.REFERRAL, 1)
    ]
    # B was rejected-but-warm from 1 Jun; Bo referred you on 15 Jul (44 days), before
    # B itself reached referral on 1 Aug.
    assert (p.warm, p.warm_reached, p.warm_median_days) == (1, 1, 44)
    months = dict(p.months)
    assert months[date(2026, 6, 30)][Stage.REJECTED_WARM] == 1
    assert months[date(2026, 7, 31)][Stage.REFERRAL] == 1  # C
    assert months[date(2026, 8, 31)][Stage.REFERRAL] == 2  # and B, moved
    assert months[date(2026, 5, 31)] == dict.fromkeys(Stage, 0)
    assert months[TODAY][Stage.INTERVIEWED] == 1


def test_referrals_chain_and_who_referred_most(tmp_path: Path) -> None:
    records, known = three_futures()
    with store(tmp_path, records) as repo:
        found = insights(repo, today=TODAY)
    ref = found.figures.referrals
    assert (ref.referred, ref.given) == (1, 1)
    assert ref.chain == [known["pb"].id, known["pc"].id]
    assert [found.names[pid] for pid in ref.chain] == ["B Co", "C Co"]
    assert ref.top == [(known["bo"].id, 1)] and found.names[known["bo"].id] == "Bo Chen"


def follow_through_futures() -> list[Record]:
    """D thanked 5 days after the interview (due the next day); E thanked on time, then
    followed up within the week; E also skipped a touch and is snoozed."""
    d, e = Company(name="D Co"), Company(name="E Co")
    dee = Person(name="Dee Park", company_id=d.id, email="dee@d.example")
    eve = Person(name="Eve Lund", company_id=e.id, email="eve@e.example")
    pd = Prospect(
        company_id=d.id,
        person_ids=(dee.id,),
        began_on=date(2026, 10, 1),
        created_at=at("2026-10-01"),
        stage_changed_at=at("2026-10-01"),
    )
    pe = Prospect(
        company_id=e.id,
        person_ids=(eve.id,),
        began_on=date(2026, 10, 1),
        created_at=at("2026-10-01"),
        stage_changed_at=at("2026-10-01"),
        skips=(Skip(at=at("2026-11-01"), kind=TouchKind.CHECK_IN),),
        snoozed_until=date(2026, 12, 1),
    )
    return [
        d,
        e,
        dee,
        eve,
        pd,
        pe,
        touch(pd, dee, "2026-10-06", Channel.EMAIL, kind=TouchKind.THANK_YOU),
        touch(pe, eve, "2026-10-02", Channel.EMAIL, kind=TouchKind.THANK_YOU),
        touch(pe, eve, "2026-10-08", Channel.EMAIL, kind=TouchKind.FOLLOW_UP),
    ]


def test_follow_through(tmp_path: Path) -> None:
    with store(tmp_path, follow_through_futures()) as repo:
        ft = insights(repo, today=TODAY).figures.follow
    assert ft.since == date(2026, 6, 1)  # the chart's 26 weeks
    assert (ft.on_time, ft.late, ft.unplanned, ft.late_days_median) == (2, 1, 0, 4)
    assert (ft.skipped, ft.snoozed) == (1, 1)


def test_going_cold_is_the_due_lists_overdue(tmp_path: Path) -> None:
    records = follow_through_futures()
    with store(tmp_path, records) as repo:
        found = insights(repo, today=TODAY)
        overdue = [
            i for i in due_items(repo, today=TODAY, within_days=0) if i.suggestion.overdue_days
        ]
    d = records[4]
    assert found.cold_total == 1 and [c.prospect_id for c in found.cold] == [d.id]
    cold = found.cold[0]
    assert cold.company == "D Co" and cold.person == "Dee Park"
    assert cold.silent_days == 48  # since 6 Oct
    assert cold.late_days == overdue[0].suggestion.overdue_days == 41  # follow-up due 13 Oct


def test_kept_parts_follow_a_change(tmp_path: Path) -> None:
    """Pressing 5 again counts only what changed, and says the same as counting afresh."""
    records, known = three_futures()
    with store(tmp_path, records) as repo:
        insights(repo, today=TODAY)
        pa = known["pa"]
        ann = next(r for r in records if isinstance(r, Person) and r.name == "Ann Lee")
        answer = touch(pa, ann, "2026-11-21", Channel.EMAIL, direction=Direction.IN)
        repo.save(answer)
        repo.save(pa.model_copy(update={"stage": Stage.OFFER, "stage_changed_at": NOW}))
        insights(repo, today=TODAY)
        repo.save(ann.model_copy(update={"do_not_contact": True}))  # A suggests nothing now
        repo.save(repo.profile().model_copy(update={"city": "Boise"}))
        again = as_json(insights(repo, today=TODAY))
    with Repository.open(tmp_path / "data", read_only=True) as fresh:
        afresh = as_json(insights(fresh, today=TODAY))
    assert again == afresh
    assert again["replies"]["waiting"] == 0 and again["replies"]["overall"]["replies"] == 5
    assert again["pipeline"]["now"]["offer"] == 1


def test_a_touch_moved_to_another_job_future_or_deleted_is_recounted_for_both(
    tmp_path: Path,
) -> None:
    """The kept parts hold no touch's owner: the change names the job future a moved
    touch leaves as well as the one it joins (store/change_log.py)."""
    records, known = three_futures()
    pa, pc = known["pa"], known["pc"]
    moved = next(r for r in records if isinstance(r, Touch) and r.kind is TouchKind.FOLLOW_UP)
    gone = next(r for r in records if isinstance(r, Touch) and r.outcome is Outcome.NO_ANSWER)
    with store(tmp_path, records) as repo:
        first = as_json(insights(repo, today=TODAY))
        revision = repo.revision
        repo.save(moved.model_copy(update={"prospect_id": pc.id}))
        assert {pa.id, pc.id, moved.id} <= (repo.changed_since(revision) or set())
        after_move = as_json(insights(repo, today=TODAY))
        repo.delete(gone)
        again = as_json(insights(repo, today=TODAY))
    with Repository.open(tmp_path / "data", read_only=True) as fresh:
        afresh = as_json(insights(fresh, today=TODAY))
    assert again == afresh
    assert after_move != first  # the email now counts for C
    assert again["replies"]["overall"] != first["replies"]["overall"]


def test_histories_come_whole_in_order_oldest_month_first(tmp_path: Path) -> None:
    """Each job future's touches come together, in order, as soon as the month of its
    last touch is read: one whose touches ended years ago never waits for the rest."""
    records, known = three_futures()
    pa, pb = known["pa"], known["pb"]
    ann = next(r for r in records if isinstance(r, Person) and r.name == "Ann Lee")
    old = touch(pb, ann, "2019-03-04", Channel.CALL)  # B's touches: 2019, then mid-2026
    store(tmp_path, [*records, old]).close()
    with Repository.open(tmp_path / "data", verify=False) as repo:
        seen = list(repo.touch_histories())
        assert [pid for pid, _ in seen] == [pb.id, pa.id]  # B's last touch is July's
        for pid, history in seen:
            assert history == sorted(repo.touch_facts(pid), key=ORDER)
        assert sum(len(history) for _, history in seen) == repo.touch_count()


def test_a_summary_counting_too_few_touches_still_gives_the_whole_history(
    tmp_path: Path,
) -> None:
    """Before every month is known, a history is handed over once as many touches as
    its summary counts are read; one with more is handed over again, whole."""
    records, known = three_futures()
    pb = known["pb"]
    ann = next(r for r in records if isinstance(r, Person) and r.name == "Ann Lee")
    store(tmp_path, [*records, touch(pb, ann, "2019-03-04", Channel.CALL)]).close()
    index_file = tmp_path / "data" / INDEX_NAME
    index = orjson.loads(index_file.read_bytes())
    text = index["summaries"][pb.id]
    index["summaries"][pb.id] = "[1" + text[text.index(",") :]  # it has 4
    index_file.write_bytes(orjson.dumps(index))
    with Repository.open(tmp_path / "data", verify=False) as repo:
        assert not repo.history_loaded
        last_given = dict(repo.touch_histories())
        assert repo.history_loaded
        assert len(last_given[pb.id]) == 4
        for pid, history in last_given.items():
            assert history == sorted(repo.touch_facts(pid), key=ORDER)


def test_a_company_named_like_markup_is_text(tmp_path: Path) -> None:
    records = follow_through_futures()
    company = records[0]
    assert isinstance(company, Company)
    records[0] = company.model_copy(update={"name": "[bold]Acme[/"})
    with store(tmp_path, records) as repo:
        found = insights(repo, today=TODAY)
    assert found.cold[0].company == "[bold]Acme[/"
    assert any("[bold]Acme[/ · Dee Park" in line for line in text_lines(found))


def test_no_data_at_all(tmp_path: Path) -> None:
    with store(tmp_path, []) as repo:
        found = insights(repo, today=TODAY, goal=5)
    f = found.figures
    assert f.replies.overall.rate is None and found.cold == [] and f.referrals.chain == []
    assert sum(week.touches for week in f.weeks) == 0
    assert text_lines(found)[0].startswith("0 job futures, 0 touches")


def test_longest_chain_survives_a_loop() -> None:
    rows = {
        "p1": {"person_ids": ["a"], "referred_by_id": "c", "created_at": "1"},
        "p2": {"person_ids": ["b"], "referred_by_id": "a", "created_at": "2"},
        "p3": {"person_ids": ["c"], "referred_by_id": "b", "created_at": "3"},
        "p4": {"person_ids": ["d"], "referred_by_id": None, "created_at": "4"},
    }
    chain = longest_chain({pid: link_of(row) for pid, row in rows.items()})
    assert len(chain) == 3 and set(chain) == {"p1", "p2", "p3"}
    assert longest_chain({}) == []


def test_month_ends() -> None:
    ends = month_ends(date(2026, 3, 10))
    assert ends[0] == date(2025, 4, 30) and ends[-2] == date(2026, 2, 28)
    assert ends[-1] == date(2026, 3, 10) and len(ends) == 12


def test_sort_order_is_the_histories() -> None:
    a = TouchFacts("b", "p", NOW, NOW, None, Channel.EMAIL, Direction.OUT, Outcome.SENT, False)
    b = a._replace(id="a")
    c = a._replace(at=NOW.subtract(days=1), id="z")
    assert sorted([a, b, c], key=ORDER) == sorted([a, b, c], key=order) == [c, b, a]
