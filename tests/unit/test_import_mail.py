"""Importing mail as touches: mbox, Maildir and .eml files built here, with the mess real
mail has (encoded headers, bytes that are not UTF-8, no Date or Message-ID, lists, out of
office, a second address of yours), on a real store."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from email.utils import format_datetime
from pathlib import Path

import pendulum
import pytest
from clock import frozen_at

from jobfutures_tui.exchange import mail
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.limits import MAIL_HEADER_LIMIT
from jobfutures_tui.exchange.mail_read import messages
from jobfutures_tui.models import (
    Channel,
    Company,
    Direction,
    Outcome,
    Person,
    Profile,
    Prospect,
    Stage,
    Touch,
)
from jobfutures_tui.models.entities import revise
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.changes import log_touch
from jobfutures_tui.usecases.decisions import next_suggestion

ZONE = pendulum.timezone("Europe/Paris")
NOW = pendulum.datetime(2026, 11, 23, 15, 30, tz=ZONE)
ME = "sam@me.example"
OLD_ME = "Sam.Old@Mail.example"


frozen = frozen_at(NOW, ZONE)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        yield repo


@dataclasses.dataclass
class World:
    priya: Person
    ana: Person
    jo: Person
    northwind: Prospect
    contoso: Prospect


def world(repo: Repository) -> World:
    """Priya (Northwind, open), Ana (Contoso, open), Jo (only an archived job future)."""
    north = Company(name="Northwind")
    contoso = Company(name="Contoso")
    globex = Company(name="Globex")
    priya = Person(name="Priya Raman", company_id=north.id, email="Priya@North.example")
    ana = Person(name="Ana Silva", company_id=contoso.id, email="ana@contoso.example")
    jo = Person(name="Jo Lee", company_id=globex.id, email="jo@globex.example")
    began = NOW.subtract(months=2).date()
    northwind = Prospect(
        company_id=north.id, person_ids=(priya.id,), role="Data Lead", began_on=began
    )
    contoso_f = Prospect(company_id=contoso.id, person_ids=(ana.id,), began_on=began)
    archived = Prospect(
        company_id=globex.id, person_ids=(jo.id,), stage=Stage.ARCHIVE, began_on=began
    )
    profile = Profile(name="Sam", email=ME, other_emails=(OLD_ME,))
    repo.save(north, contoso, globex, priya, ana, jo, northwind, contoso_f, archived, profile)
    return World(priya, ana, jo, northwind, contoso_f)


def message(
    *,
    sender: str,
    to: str,
    subject: str = "Hello",
    days_ago: float = 3,
    message_id: str | None = "auto",
    date: str | None = "auto",
    extra: str = "",
    body: str = "Hi,\n\nsome words\n",
) -> bytes:
    """One message as bytes (headers, a blank line, a body)."""
    lines = [f"From: {sender}", f"To: {to}", f"Subject: {subject}"]
    if date == "auto":
        at = NOW.subtract(seconds=int(days_ago * 86400))
        lines.append(f"Date: {format_datetime(at)}")
    elif date is not None:
        lines.append(f"Date: {date}")
    if message_id == "auto":
        message_id = f"<{abs(hash((sender, to, subject, days_ago)))}@test>"
    if message_id is not None:
        lines.append(f"Message-ID: {message_id}")
    if extra:
        lines.extend(extra.strip("\n").split("\n"))
    return ("\n".join(lines) + "\n\n" + body).encode("utf-8")


def mbox(*messages_: bytes) -> bytes:
    return b"".join(
        b"From MAILER-DAEMON Mon Nov 16 10:00:00 2026\n" + m.rstrip(b"\n") + b"\n\n"
        for m in messages_
    )


def touches(repo: Repository, prospect: Prospect) -> list[Touch]:
    return repo.touches_for(prospect.id)


# ------------------------------------------------------------ the formats


def test_an_mbox_with_sent_mail_and_a_reply_logs_both(repo: Repository, tmp_path: Path) -> None:
    w = world(repo)
    box = tmp_path / "Sent.mbox"
    box.write_bytes(
        mbox(
            message(
                sender=f"Sam <{ME}>",
                to="Priya <priya@north.example>",
                days_ago=5,
                subject="Following up",
                body="From the top\n>From here\n",
            ),
            message(sender="priya@north.example", to=ME, days_ago=4, subject="Re: Following up"),
        )
    )
    plan = mail.plan_import(box, repo)
    assert plan.rows == 2
    new = plan.touches()
    assert [(t.direction, t.outcome, t.note) for t in sorted(new, key=lambda t: t.at)] == [
        (Direction.OUT, Outcome.SENT, "Following up"),
        (Direction.IN, Outcome.REPLIED, "Re: Following up"),
    ]
    assert all(t.channel is Channel.EMAIL and t.person_id == w.priya.id for t in new)
    assert all(t.prospect_id == w.northwind.id and t.source_id for t in new)
    assert new[1].replied and not new[0].replied
    assert plan.what() == "2 touches (1 sent, 1 reply) on 1 job future"
    text = "\n".join(plan.summary())
    assert "Northwind · Data Lead: 2 new, 0 already here" in text
    assert "reply from Priya Raman · “Re: Following up”" in text

    plan.apply(repo)
    assert len(touches(repo, w.northwind)) == 2
    again = mail.plan_import(box, repo)
    assert again.to_save() == [] and again.already_count() == 2
    assert "(imported before)" in "\n".join(again.summary())


def test_a_maildir_and_its_subfolders_are_read_and_tmp_is_not(
    repo: Repository, tmp_path: Path
) -> None:
    w = world(repo)
    root = tmp_path / "Maildir"
    for sub in ("", ".Sent"):
        for part in ("cur", "new", "tmp"):
            (root / sub / part).mkdir(parents=True, exist_ok=True)
    (root / "new" / "1.host").write_bytes(message(sender="ana@contoso.example", to=ME, days_ago=2))
    (root / "cur" / "2.host:2,S").write_bytes(
        message(sender="priya@north.example", to=OLD_ME.lower(), days_ago=6)
    )
    (root / ".Sent" / "cur" / "3.host:2,S").write_bytes(
        message(sender=ME, to="ana@contoso.example", days_ago=7)
    )
    (root / "tmp" / "4.host").write_bytes(message(sender="ana@contoso.example", to=ME, days_ago=1))
    (root / "dovecot.index").write_bytes(b"\x00\x01 not mail")
    plan = mail.plan_import(root, repo)
    assert plan.rows == 3
    found = {(t.person_id, t.direction) for t in plan.touches()}
    assert found == {
        (w.ana.id, Direction.IN),
        (w.priya.id, Direction.IN),
        (w.ana.id, Direction.OUT),
    }


def test_a_folder_of_eml_files_is_read_recursively(repo: Repository, tmp_path: Path) -> None:
    world(repo)
    deep = tmp_path / "exports" / "2026" / "november"
    deep.mkdir(parents=True)
    (deep / "one.eml").write_bytes(message(sender="ana@contoso.example", to=ME))
    (tmp_path / "exports" / "TWO.EML").write_bytes(
        b"From ana@contoso.example Mon Nov 16 10:00:00 2026\n"  # saved with an mbox line
        + message(sender=ME, to="ana@contoso.example", days_ago=9)
    )
    (tmp_path / "exports" / "notes.txt").write_text("From: nobody\n")
    (tmp_path / "exports" / "Inbox.msf").write_bytes(b"From // index")
    plan = mail.plan_import(tmp_path / "exports", repo)
    assert plan.rows == 2
    assert len(plan.touches()) == 2


def test_a_thunderbird_profile_with_extensionless_mbox_files(
    repo: Repository, tmp_path: Path
) -> None:
    world(repo)
    local = tmp_path / "profile" / "Mail" / "Local Folders"
    local.mkdir(parents=True)
    (local / "Inbox").write_bytes(mbox(message(sender="ana@contoso.example", to=ME)))
    (local / "Inbox.msf").write_bytes(b'// <!-- <mdb:mork:z v="1.4"/> -->')
    (local / "Sent").write_bytes(mbox(message(sender=ME, to="ana@contoso.example", days_ago=8)))
    (tmp_path / "profile" / "prefs.js").write_text("user_pref('x', 1);")
    plan = mail.plan_import(tmp_path / "profile", repo)
    assert plan.rows == 2 and len(plan.touches()) == 2


# ------------------------------------------------------------ the mess


def test_encoded_headers_and_bytes_that_are_not_utf8(repo: Repository, tmp_path: Path) -> None:
    w = world(repo)
    box = tmp_path / "box"
    latin = message(sender="priya@north.example", to=ME, subject="PLACEHOLDER", days_ago=2)
    latin = latin.replace(b"PLACEHOLDER", "Réunion à Zürich".encode("latin-1"))
    box.write_bytes(
        mbox(
            message(
                sender="=?utf-8?q?Priya_Rama=C3=B1?= <priya@north.example>",
                to=f"=?iso-8859-1?q?S=E4m?= <{ME}>",
                subject="=?utf-8?b?Q2Fmw6kgbmV4dCB3ZWVr?= =?utf-8?q?_=E2=98=95?=",
                days_ago=3,
            ),
            latin,
            message(sender="priya@north.example", to=ME, subject="=?x-unknown?q?Odd?=", days_ago=4),
            message(sender="priya@north.example", to=ME, subject="=?utf-8?q?broken", days_ago=5),
        )
    )
    plan = mail.plan_import(box, repo)
    notes = sorted(t.note for t in plan.touches())
    assert notes == sorted(["Café next week ☕", "Réunion à Zürich", "Odd", "=?utf-8?q?broken"])
    assert all(t.person_id == w.priya.id for t in plan.touches())


def test_no_date_is_skipped_with_a_reason_and_received_stands_in(
    repo: Repository, tmp_path: Path
) -> None:
    world(repo)
    arrived = format_datetime(NOW.subtract(days=2))
    box = tmp_path / "box"
    box.write_bytes(
        mbox(
            message(sender="ana@contoso.example", to=ME, date=None, subject="No date at all"),
            message(
                sender="ana@contoso.example",
                to=ME,
                date="the day after tomorrow",
                subject="Bad date",
            ),
            message(
                sender="ana@contoso.example",
                to=ME,
                date="Tue, 31 Feb 2026 99:00:00",
                subject="Worse date",
                extra=f"Received: from mx by me; {arrived}",
            ),
            message(sender="ana@contoso.example", to=ME, days_ago=-30, subject="From the future"),
        )
    )
    plan = mail.plan_import(box, repo)
    assert [t.note for t in plan.touches()] == ["Worse date"]
    assert plan.touches()[0].at == NOW.subtract(days=2).in_timezone("UTC")
    skipped = [str(note) for note in plan.skipped]
    assert skipped[0] == "box, line 1: no usable date (“No date at all”)"
    assert skipped[1].startswith("box, line ") and "no usable date (“Bad date”)" in skipped[1]
    assert "dated in the future" in skipped[2] and "From the future" in skipped[2]


def test_no_message_id_is_keyed_by_sender_date_and_subject(
    repo: Repository, tmp_path: Path
) -> None:
    w = world(repo)
    first = tmp_path / "a.eml"
    first.write_bytes(message(sender="ana@contoso.example", to=ME, message_id=None, days_ago=3))
    mail.plan_import(first, repo).apply(repo)
    # The same message in another folder (a copy), and a different one that day.
    other = tmp_path / "copies"
    other.mkdir()
    (other / "copy.eml").write_bytes(first.read_bytes())
    (other / "later.eml").write_bytes(
        message(
            sender="ana@contoso.example", to=ME, message_id=None, days_ago=3.01, subject="Another"
        )
    )
    plan = mail.plan_import(other, repo)
    assert plan.to_save() == []
    assert plan.already_count() == 2
    assert len(touches(repo, w.contoso)) == 1


def test_mailing_lists_bulk_and_out_of_office_are_skipped(repo: Repository, tmp_path: Path) -> None:
    world(repo)
    box = tmp_path / "box"
    box.write_bytes(
        mbox(
            message(
                sender="ana@contoso.example",
                to="team@lists.example",
                extra="List-Id: <team.lists.example>",
            ),
            message(sender="ana@contoso.example", to=ME, extra="Precedence: bulk", days_ago=4),
            message(
                sender="ana@contoso.example",
                to=ME,
                extra="Auto-Submitted: auto-replied",
                subject="Out of office",
                days_ago=5,
            ),
            message(sender="ana@contoso.example", to=ME, extra="Auto-Submitted: no", days_ago=6),
            message(sender="someone@else.example", to=ME, days_ago=7),
            message(sender="ana@contoso.example", to="boss@contoso.example", days_ago=8),
        )
    )
    plan = mail.plan_import(box, repo)
    assert len(plan.touches()) == 1
    assert plan.passed[mail.MAILING_LIST] == 2
    assert plan.passed[mail.AUTOMATIC] == 1
    assert plan.passed[mail.NOT_WITH_ANYONE] == 1
    assert plan.passed[mail.NOT_TO_YOU] == 1
    text = "\n".join(plan.summary())
    assert "someone@else.example" not in text, "other people's mail is counted, never listed"


def test_mail_from_your_second_address_and_to_several_people(
    repo: Repository, tmp_path: Path
) -> None:
    w = world(repo)
    box = tmp_path / "box"
    box.write_bytes(
        mbox(
            message(
                sender=f"Sam <{OLD_ME.upper()}>",
                to="priya@north.example, Ana <ANA@contoso.example>",
                extra=f"Cc: {ME}, Priya Again <priya@NORTH.example>\nBcc: jo@globex.example",
            )
        )
    )
    plan = mail.plan_import(box, repo)
    found = sorted((t.prospect_id, t.person_id) for t in plan.touches())
    assert found == sorted([(w.northwind.id, w.priya.id), (w.contoso.id, w.ana.id)])
    assert all(t.direction is Direction.OUT for t in plan.touches())
    assert plan.by_person == {"Jo Lee: in no open job future (theirs are archived)": 1}


def test_a_person_in_several_job_futures_gets_the_newest_open_one(
    repo: Repository, tmp_path: Path
) -> None:
    w = world(repo)
    newer = Prospect(
        company_id=w.northwind.company_id,
        person_ids=(w.priya.id,),
        role="Staff Engineer",
        began_on=NOW.subtract(days=10).date(),
    )
    loner = Person(name="Lone Contact", email="lone@nowhere.example")
    repo.save(newer, loner)
    box = tmp_path / "m.eml"
    box.write_bytes(message(sender="priya@north.example", to=ME))
    plan = mail.plan_import(box, repo)
    assert [t.prospect_id for t in plan.touches()] == [newer.id]
    (tmp_path / "lone.eml").write_bytes(message(sender="lone@nowhere.example", to=ME))
    plan = mail.plan_import(tmp_path / "lone.eml", repo)
    assert plan.to_save() == []
    assert list(plan.by_person) == [
        "Lone Contact: in no job future yet (f on the app's People adds them to one)"
    ]


def logged_by_hand(repo: Repository, w: World) -> None:
    """An email sent to Priya three days ago at 9, logged in the app."""
    change = log_touch(
        repo,
        {
            "prospect_id": w.northwind.id,
            "person_id": w.priya.id,
            "at": NOW.subtract(days=3).set(hour=9),
            "channel": "email",
            "outcome": "sent",
        },
    )
    repo.save(*change.save)


def test_a_touch_logged_by_hand_that_day_is_already_there(repo: Repository, tmp_path: Path) -> None:
    w = world(repo)
    logged_by_hand(repo, w)
    box = tmp_path / "box"
    box.write_bytes(
        mbox(
            message(sender=ME, to="priya@north.example", days_ago=3, subject="Same day"),
            message(sender="priya@north.example", to=ME, days_ago=3, subject="Their answer"),
        )
    )
    plan = mail.plan_import(box, repo)
    assert [t.note for t in plan.touches()] == ["Their answer"], "a reply is another direction"
    assert "“Same day” (logged by hand)" in "\n".join(plan.summary())


def test_since_limits_the_range(repo: Repository, tmp_path: Path) -> None:
    world(repo)
    box = tmp_path / "box"
    box.write_bytes(
        mbox(
            message(sender="ana@contoso.example", to=ME, days_ago=40, subject="Old"),
            message(sender="ana@contoso.example", to=ME, days_ago=2, subject="New"),
        )
    )
    plan = mail.plan_import(box, repo, since=NOW.subtract(days=30).date())
    assert [t.note for t in plan.touches()] == ["New"]
    assert plan.passed[mail.BEFORE_SINCE] == 1


def test_no_address_in_the_profile_is_refused(repo: Repository, tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_bytes(message(sender="a@b.example", to="c@d.example"))
    with pytest.raises(ExchangeError, match="profile has no email address"):
        mail.plan_import(tmp_path / "a.eml", repo)


def test_huge_headers_are_capped_and_the_next_message_still_read(tmp_path: Path) -> None:
    box = tmp_path / "box"
    giant = message(
        sender="ana@contoso.example",
        to=ME,
        extra="X-Junk: "
        + "x" * 100
        + "\n"
        + "\n".join(f"X-Junk{i}: {'y' * 200}" for i in range(5000)),
    )
    box.write_bytes(mbox(giant, message(sender="ana@contoso.example", to=ME, days_ago=2)))
    problems: list[str] = []
    read = list(messages(box, problems))
    assert len(read) == 2 and problems == []
    assert len(read[0].headers) <= MAIL_HEADER_LIMIT + 300
    assert b"Date:" in read[1].headers


# ------------------------------------------------------------ the cadence


def _follow_up_outstanding(repo: Repository) -> World:
    w = world(repo)
    sent = log_touch(
        repo,
        {
            "prospect_id": w.northwind.id,
            "person_id": w.priya.id,
            "at": NOW.subtract(days=12),
            "channel": "email",
            "outcome": "sent",
        },
    )
    repo.save(*sent.save)
    return w


def test_a_reply_found_in_mail_answers_the_follow_up_as_a_logged_reply(tmp_path: Path) -> None:
    today = NOW.date()
    with Repository.open(tmp_path / "by-hand") as by_hand:
        w = _follow_up_outstanding(by_hand)
        before = next_suggestion(by_hand, w.northwind.id, today=today)
        reply = log_touch(
            by_hand,
            {
                "prospect_id": w.northwind.id,
                "person_id": w.priya.id,
                "at": NOW.subtract(days=2),
                "channel": "email",
                "direction": "in",
                "outcome": "replied",
                "note": "Re: hello",
            },
        )
        by_hand.save(*reply.save)
        logged = next_suggestion(by_hand, w.northwind.id, today=today)
    with Repository.open(tmp_path / "by-mail") as by_mail:
        w = _follow_up_outstanding(by_mail)
        box = tmp_path / "reply.eml"
        box.write_bytes(
            message(sender="priya@north.example", to=ME, days_ago=2, subject="Re: hello")
        )
        mail.plan_import(box, by_mail).apply(by_mail)
        imported = next_suggestion(by_mail, w.northwind.id, today=today)
    assert before is not None and logged is not None and imported is not None
    assert (before.kind, before.due) != (logged.kind, logged.due), "the reply changes the plan"
    assert (imported.kind, imported.due, imported.reason, imported.channel) == (
        logged.kind,
        logged.due,
        logged.reason,
        logged.channel,
    )


def test_a_snoozed_job_future_wakes_as_when_logged(repo: Repository, tmp_path: Path) -> None:
    w = world(repo)
    from jobfutures_tui.models import revise

    repo.save(revise(w.contoso, snoozed_until=NOW.add(days=20).date()))
    (tmp_path / "a.eml").write_bytes(message(sender="ana@contoso.example", to=ME))
    plan = mail.plan_import(tmp_path / "a.eml", repo)
    assert [p.snoozed_until for p in plan.moved.values()] == [None]
    plan.apply(repo)
    stored = repo.prospect(w.contoso.id)
    assert stored is not None and stored.snoozed_until is None


def test_old_touches_without_a_source_load(repo: Repository) -> None:
    w = world(repo)
    row = Touch(prospect_id=w.northwind.id, at=NOW, channel=Channel.CALL).model_dump(mode="json")
    del row["source_id"]
    assert Touch.model_validate(row).source_id is None


def test_the_same_message_in_two_folders_is_one_touch_and_an_overlap_adds_nothing(
    repo: Repository, tmp_path: Path
) -> None:
    w = world(repo)
    sent = message(sender=ME, to="ana@contoso.example", days_ago=6, message_id="<s1@me>")
    reply = message(sender="ana@contoso.example", to=ME, days_ago=5, message_id="<r1@co>")
    (tmp_path / "Sent").write_bytes(mbox(sent))
    (tmp_path / "All mail").write_bytes(mbox(sent, reply))
    plan = mail.plan_import(tmp_path, repo)
    assert plan.rows == 3 and len(plan.touches()) == 2
    plan.apply(repo)
    later = tmp_path / "later"
    later.mkdir()
    (later / "Inbox").write_bytes(
        mbox(reply, message(sender="ana@contoso.example", to=ME, days_ago=1, subject="News"))
    )
    plan = mail.plan_import(tmp_path, repo)
    assert [t.note for t in plan.touches()] == ["News"]
    plan.apply(repo)
    assert len(touches(repo, w.contoso)) == 3
    assert mail.plan_import(tmp_path, repo).to_save() == []


def test_a_reply_from_someone_s_other_address_is_theirs(repo: Repository, tmp_path: Path) -> None:
    """An address book brings every address a person has (Person.other_emails): mail
    from any of them is from that person."""
    w = world(repo)
    repo.save(revise(w.priya, other_emails=("priya.raman@gmail.example",)))
    box = tmp_path / "Inbox.mbox"
    box.write_bytes(mbox(message(sender="PRIYA.RAMAN@gmail.example", to=ME, subject="Re: hi")))
    new = mail.plan_import(box, repo).touches()
    assert [(t.person_id, t.prospect_id, t.outcome) for t in new] == [
        (w.priya.id, w.northwind.id, Outcome.REPLIED)
    ]


def test_mail_from_long_before_the_job_future_began_is_skipped_and_counted(
    repo: Repository, tmp_path: Path
) -> None:
    w = world(repo)  # Northwind began two months ago
    box = tmp_path / "box"
    box.write_bytes(
        mbox(
            message(sender="priya@north.example", to=ME, days_ago=700, subject="Old news"),
            message(sender="priya@north.example", to=ME, days_ago=85, subject="Just before"),
            message(sender="priya@north.example", to=ME, days_ago=2, subject="Now"),
        )
    )
    plan = mail.plan_import(box, repo)
    assert [t.note for t in plan.touches()] == ["Just before", "Now"], "30 days' grace"
    assert plan.passed[mail.BEFORE_START] == 1
    assert "  from more than 30 days before their job future began: 1" in plan.summary()
    assert all(t.prospect_id == w.northwind.id for t in plan.touches())


def test_one_message_in_a_maildir_and_an_mbox_is_listed_once(
    repo: Repository, tmp_path: Path
) -> None:
    w = world(repo)
    logged_by_hand(repo, w)
    sent = message(sender=ME, to="priya@north.example", days_ago=3, subject="Same day")
    (tmp_path / "Sent.mbox").write_bytes(mbox(sent))
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1.host:2,S").write_bytes(sent)
    plan = mail.plan_import(tmp_path, repo)
    assert plan.rows == 2 and plan.touches() == []
    summary = "\n".join(plan.summary())
    assert summary.count("“Same day” (logged by hand)") == 1
    assert "Already here (left as they are): 1" in summary
    assert plan.passed[mail.COPIES] == 1
