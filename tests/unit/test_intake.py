"""The add form's rule: what the shell adds to it, and that the app's form keeps working."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest
from clock import frozen_at
from pydantic import ValidationError

from jobfutures_tui.modals.prospect_form import FIELDS
from jobfutures_tui.models import Channel, Origin, PersonRole, field_errors
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.intake import ProspectInput, apply_input

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
FORM = {f.name for f in FIELDS}
"""The app's add form shows these, and passes them all, blank or not."""
LINKEDIN = "https://www.linkedin.com/in/jo-lee"


frozen = frozen_at(NOW)


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    with Repository.open(tmp_path / "data") as repo:
        yield repo


def test_the_person_details_and_origin_reach_the_records(repo: Repository) -> None:
    data = ProspectInput(
        company="Acme",
        person="Jo Lee",
        person_role=PersonRole.RECRUITER,
        person_title="Talent Partner",
        preferred_channel="email",
        phone="555-0100",
        email="jo@acme.example",
        origin="no opening",
    )
    prospect, records = apply_input(repo, data)
    repo.apply(save=records)
    jo = repo.person(prospect.person_ids[0])
    assert jo is not None
    assert (jo.title, jo.preferred_channel, jo.phone, jo.email) == (
        "Talent Partner",
        Channel.EMAIL,
        "555-0100",
        "jo@acme.example",
    )
    assert prospect.origin is Origin.NO_OPENING


def test_the_apps_edit_form_keeps_what_it_does_not_show(repo: Repository) -> None:
    first = ProspectInput(company="Acme", person="Jo Lee", phone="555-0100", origin=Origin.REFERRED)
    prospect, records = apply_input(repo, first)
    repo.apply(save=records)
    # The form's values: only its own fields, as RecordForm passes them.
    shown = ProspectInput.from_prospect(repo, prospect).model_dump(include=FORM)
    edited, records = apply_input(
        repo, ProspectInput.model_validate({**shown, "role": "Lead"}), prospect
    )
    repo.apply(save=records)
    jo = repo.person(edited.person_ids[0])
    assert jo is not None and jo.phone == "555-0100"
    assert edited.origin is Origin.REFERRED and edited.role == "Lead"


def test_details_need_a_person_and_an_email_is_checked() -> None:
    with pytest.raises(ValidationError) as refused:
        ProspectInput(company="Acme", email="jo@acme.example")
    assert field_errors(refused.value) == {"person": "say whose email it is"}
    with pytest.raises(ValidationError) as refused:
        ProspectInput(company="Acme", person="Jo", email="jo")
    assert field_errors(refused.value) == {"email": "'jo' does not look like an email address"}


@pytest.mark.parametrize(
    ("said", "day"),
    [("2026-11-02", "2026-11-02"), ("yesterday", "2026-11-22"), ("3 days ago", "2026-11-20")],
)
def test_the_interview_date_as_people_say_it(said: str, day: str) -> None:
    assert ProspectInput(company="Acme", began_on=said).began_on == pendulum.Date.fromisoformat(day)
    assert ProspectInput(company="Acme", began_on=" ").began_on is None


def test_a_person_already_at_that_company_is_reused_not_duplicated(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "data") as repo:
        first, records = apply_input(repo, ProspectInput(company="Acme", person="Jo Lee"))
        repo.save(*records)
        second, records = apply_input(
            repo, ProspectInput(company="acme", person="jo lee", role="Another role")
        )
        repo.save(*records)
        assert second.person_ids == first.person_ids
        assert len(repo.people()) == 1


def test_a_linkedin_address_a_postal_address_and_a_city_reach_the_person(
    repo: Repository,
) -> None:
    data = ProspectInput(
        company="Acme",
        person="Jo Lee",
        linkedin=LINKEDIN,
        address="1 Main St\r\nDenver, CO 80202\n",
        city="Denver",
    )
    prospect, records = apply_input(repo, data)
    repo.apply(save=records)
    jo = repo.person(prospect.person_ids[0])
    assert jo is not None
    assert (jo.linkedin, jo.address, jo.city) == (LINKEDIN, "1 Main St\nDenver, CO 80202", "Denver")
    shown = ProspectInput.from_prospect(repo, prospect)
    assert (shown.linkedin, shown.email, shown.phone) == (LINKEDIN, "", "")


def test_only_a_linkedin_address_is_taken_as_one() -> None:
    for url in ("linkedin.com/in/jo", "http://uk.linkedin.com/pub/jo-lee/1/2/3", LINKEDIN + "/"):
        assert ProspectInput(company="Acme", person="Jo", linkedin=url).linkedin == url
    for wrong in ("jo@acme.example", "https://www.linkedin.com/in/", "https://evil.example/in/jo"):
        with pytest.raises(ValidationError) as refused:
            ProspectInput(company="Acme", person="Jo", linkedin=wrong)
        assert field_errors(refused.value) == {
            "linkedin": f"'{wrong}' is not a LinkedIn profile address "
            "(copy it from their profile: https://www.linkedin.com/in/…)"
        }
    with pytest.raises(ValidationError) as refused:
        ProspectInput(company="Acme", city="Denver")
    assert field_errors(refused.value) == {"person": "say whose city it is"}


def test_the_apps_blank_fields_say_nothing_and_need_no_person(repo: Repository) -> None:
    blank = {name: "" for name in FORM if name not in ("person_role", "stage")}
    data = ProspectInput.model_validate({**blank, "company": "Acme"})
    prospect, records = apply_input(repo, data)
    assert prospect.person_ids == () and len(records) == 2


def test_a_known_person_takes_what_was_said_about_them_and_keeps_the_rest(
    repo: Repository,
) -> None:
    first = ProspectInput(company="Acme", person="Jo Lee", email="jo@acme.example", phone="555")
    prospect, records = apply_input(repo, first)
    repo.apply(save=records)
    # The app's form: the same name at the same company, blanks and a LinkedIn address.
    typed = {name: "" for name in FORM if name not in ("person_role", "stage")}
    typed |= {"company": "ACME", "person": "jo lee", "linkedin": LINKEDIN, "role": "Lead"}
    second, records = apply_input(repo, ProspectInput.model_validate(typed))
    repo.apply(save=records)
    assert second.person_ids == prospect.person_ids
    (jo,) = repo.people()
    assert (jo.name, jo.email, jo.phone, jo.linkedin) == (
        "Jo Lee",
        "jo@acme.example",
        "555",
        LINKEDIN,
    )


def test_a_link_stored_from_an_import_does_not_stop_the_edit_form(repo: Repository) -> None:
    from jobfutures_tui.modals.prospect_form import prospect_form

    first = ProspectInput(company="Acme", person="Jo Lee")
    prospect, records = apply_input(repo, first)
    jo = next(r for r in records if r.id == prospect.person_ids[0])
    repo.apply(save=[*records, jo.model_copy(update={"linkedin": "https://jo.example/cv"})])
    shown = ProspectInput.from_prospect(repo, prospect)
    assert shown.linkedin == "https://jo.example/cv"
    form = prospect_form("Edit job future", shown)
    typed = shown.model_dump(include=FORM)
    assert form.build({**typed, "role": "Lead"}).linkedin == "https://jo.example/cv", "kept"
    with pytest.raises(ValidationError) as refused:
        form.build({**typed, "linkedin": "https://jo.example/other"})
    assert "is not a LinkedIn profile address" in field_errors(refused.value)["linkedin"]
