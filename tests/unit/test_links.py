"""Opening a touch: links escaped exactly (RFC 6068, 3966, 5724), and a clear
word when there is nothing to open."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.links import Message, mailto, opening, sms, split_message, tel
from jobfutures_tui.models import Channel, Company, Person, Profile, Prospect, Script
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.open_touch import ready_touch


def test_a_subject_line_becomes_the_subject() -> None:
    assert split_message("Subject: Thank you\n\nHi Priya,\n\nThanks.") == Message(
        "Thank you", "Hi Priya,\n\nThanks."
    )
    assert split_message("Hi Priya") == Message("", "Hi Priya")


@settings(max_examples=examples(300), deadline=None)
@given(st.text(max_size=60), st.text(max_size=200))
def test_any_words_arrive_intact_in_a_mail_draft(subject: str, body: str) -> None:
    subject = subject.replace("\r", "").replace("\n", " ")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    url = mailto("priya+jobs@example.com", Message(subject, body))
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and unquote(parts.path) == "priya+jobs@example.com"
    assert all(ch not in parts.query for ch in " \n#") and url.count("#") == 0
    fields = {
        key: unquote(value) for key, value in (p.split("=", 1) for p in parts.query.split("&") if p)
    }
    assert fields.get("subject", "") == subject
    assert fields.get("body", "").replace("\r\n", "\n") == body


def test_reserved_characters_and_other_scripts_are_escaped() -> None:
    url = mailto("a@b.example", Message("Q&A #1?", "100% sure\nÆble, 東京 & more"))
    assert url == (
        "mailto:a@b.example?subject=Q%26A%20%231%3F"
        "&body=100%25%20sure%0D%0A%C3%86ble%2C%20%E6%9D%B1%E4%BA%AC%20%26%20more"
    )
    assert parse_qs(urlsplit(url).query)["body"] == ["100% sure\r\nÆble, 東京 & more"]


def test_phone_links_keep_only_what_dials() -> None:
    assert tel("+1 (303) 555-0142") == "tel:+13035550142"
    assert sms("303.555.0142", "Hi Li, 2 min?") == "sms:3035550142?body=Hi%20Li%2C%202%20min%3F"


def test_nothing_to_open_says_why() -> None:
    assert opening(Channel.EMAIL, name="Ned").said == (
        "no email address for Ned: add one, then open it again"
    )
    assert opening(Channel.CALL, name="Ned").url is None
    letter = opening(Channel.LETTER, name="Mae", address="1 Main St\nSpringfield")
    assert letter.url is None and "1 Main St, Springfield" in letter.said
    nobody = opening(None, name="Ned")
    assert nobody.url is None and nobody.said.startswith("nothing reaches Ned yet")


def test_the_next_touch_opens_as_a_mail_draft_with_the_script(tmp_path: Path) -> None:
    firm = Company(name="Northwind")
    priya = Person(name="Priya Raman", email="priya@northwind.example", company_id=firm.id)
    future = Prospect(company_id=firm.id, person_ids=(priya.id,), role="Data Engineer")
    with Repository.open(tmp_path / "data") as repo:
        repo.save(firm, priya, future, Profile(name="Sam Ortiz"))
        ready = ready_touch(repo, future.id, today=pendulum.today().date())
    assert ready is not None and ready.channel is Channel.EMAIL
    assert ready.detail == "priya@northwind.example"
    assert ready.opening.url is not None and ready.opening.url.startswith(
        "mailto:priya@northwind.example?subject="
    )
    body = parse_qs(urlsplit(ready.opening.url).query)["body"][0]
    assert body.startswith("Hi Priya,") and body.rstrip().endswith("Sam Ortiz")
    assert ready.script_id is not None


def test_with_another_person_the_words_and_the_channel_are_theirs(tmp_path: Path) -> None:
    """The story's o with Dana selected: a link to Dana, in words written to Dana."""
    firm = Company(name="Northwind")
    priya = Person(name="Priya Raman", email="priya@northwind.example", company_id=firm.id)
    dana = Person(name="Dana Kim", phone="+1 303 555 0100", company_id=firm.id)
    future = Prospect(company_id=firm.id, person_ids=(priya.id, dana.id), role="Data Engineer")
    with Repository.open(tmp_path / "data") as repo:
        repo.save(firm, priya, dana, future, Profile(name="Sam Ortiz"))
        ready = ready_touch(repo, future.id, today=pendulum.today().date(), person_id=dana.id)
    assert ready is not None and ready.person == dana
    assert ready.channel is Channel.CALL and ready.opening.url == "tel:+13035550100"
    assert ready.detail == "+1 303 555 0100"
    assert "Dana" in ready.words and "Priya" not in ready.words


def test_the_script_and_channel_asked_for_are_the_ones_opened(tmp_path: Path) -> None:
    """The panel's script (after ]) and the log form's channel win over the best fit."""
    firm = Company(name="Northwind")
    priya = Person(
        name="Priya Raman",
        email="priya@northwind.example",
        phone="303 555 0142",
        company_id=firm.id,
    )
    future = Prospect(company_id=firm.id, person_ids=(priya.id,), role="Data Engineer")
    with Repository.open(tmp_path / "data") as repo:
        repo.save(firm, priya, future, Profile(name="Sam Ortiz"))
        today = pendulum.today().date()
        best = ready_touch(repo, future.id, today=today)
        assert best is not None and best.script_id is not None
        other = next(s for s in repo.records(Script) if s.id != best.script_id and s.kind)
        chosen = ready_touch(repo, future.id, today=today, script_id=other.id)
        texted = ready_touch(repo, future.id, today=today, channel=Channel.TEXT)
    assert chosen is not None and chosen.script_id == other.id and chosen.script_name == other.name
    assert texted is not None and texted.opening.url is not None
    assert texted.opening.url.startswith("sms:3035550142?body=Hi%20Priya")


def test_nobody_to_contact_gets_a_clear_word_not_a_broken_link(tmp_path: Path) -> None:
    firm = Company(name="Nowhere Inc")
    ned = Person(name="Ned Null", company_id=firm.id)
    future = Prospect(company_id=firm.id, person_ids=(ned.id,))
    alone = Prospect(company_id=firm.id)
    with Repository.open(tmp_path / "data") as repo:
        repo.save(firm, ned, future, alone)
        unreachable = ready_touch(repo, future.id, today=pendulum.today().date())
        nobody = ready_touch(repo, alone.id, today=pendulum.today().date())
        gone = ready_touch(repo, "no-such-id", today=pendulum.today().date())
    assert unreachable is not None and unreachable.opening.url is None
    assert unreachable.opening.said.startswith("nothing reaches Ned Null yet")
    assert unreachable.detail == ""
    assert nobody is not None and nobody.opening.said == "nobody to contact here yet: add a person"
    assert gone is None


def test_every_built_in_email_script_opens_with_a_subject(tmp_path: Path) -> None:
    from jobfutures_tui.engine.script_library import LIBRARY

    firm = Company(name="Northwind")
    priya = Person(name="Priya Raman", company_id=firm.id, email="priya@northwind.example")
    future = Prospect(company_id=firm.id, person_ids=(priya.id,), role="Data Engineer")
    subjects: dict[str, str] = {}
    with Repository.open(tmp_path / "data") as repo:
        repo.save(firm, priya, future, Profile(name="Sam Ortiz"))
        for item in LIBRARY:
            if Channel.EMAIL not in item.channels:
                continue
            ready = ready_touch(
                repo,
                future.id,
                today=pendulum.today().date(),
                channel=Channel.EMAIL,
                script_id=item.id,
            )
            assert ready is not None and ready.script_id == item.id and ready.opening.url
            query = parse_qs(urlsplit(ready.opening.url).query)
            subjects[item.key] = query.get("subject", [""])[0]
    assert len(subjects) >= 20
    assert all(subjects.values()), [key for key, subject in subjects.items() if not subject]
    assert subjects["thank-you-interview"] == "Thank you for your time", "its own subject first"
    assert subjects["follow-up-no-reply"] == "Following up on my last note"
    assert subjects["opening-reply"] == "About the opening you mentioned"


def test_a_mail_of_no_kind_without_a_subject_says_who_it_is_from() -> None:
    with_name = opening(Channel.EMAIL, name="Priya", email="p@x.example", words="Hi", me="Sam")
    assert with_name.url == "mailto:p@x.example?subject=Hello%20from%20Sam&body=Hi"
    bare = opening(Channel.EMAIL, name="Priya", email="p@x.example", words="Hi")
    assert bare.url == "mailto:p@x.example?subject=Hello&body=Hi"
