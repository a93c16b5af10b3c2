"""Spreadsheets of people or job futures: guessed mapping, overrides, bad and hostile rows."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.exchange.csv_import import (
    CsvImport,
    Kind,
    guess_kind,
    guess_mapping,
    parse_overrides,
)
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.plan import Existing
from jobfutures_tui.models import Company, Person, Prospect, Stage
from jobfutures_tui.store import Repository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
CONTACTS = FIXTURES / "contacts_windows.csv"
PROSPECTS = FIXTURES / "prospects_semicolon.csv"
HOSTILE = FIXTURES / "hostile.csv"
GOOGLE = FIXTURES / "google_contacts.csv"
OUTLOOK = FIXTURES / "outlook_contacts.csv"


def test_windows_sheet_with_bom_crlf_and_odd_quoting() -> None:
    sheet = CsvImport(CONTACTS)
    assert sheet.kind is Kind.PEOPLE
    assert sheet.mapping == {
        "Full Name": "name",
        "E-mail Address": "email",
        "Organisation": "company",
        "Job Title": "title",
        "Mobile": "phone",
        "Notes, free text": "notes",
        "Do not contact": "do_not_contact",
    }
    plan = sheet.plan(Existing())
    found = {r.name: r for r in plan.new if isinstance(r, Person)}
    assert found["Priya Raman"].notes == 'Met at the "Data Days" meetup'
    assert found["Jonas Berg"].notes == "Two lines:\nfirst, then second"
    assert found["Jonas Berg"].title == "Head of Data, EMEA"
    assert found['Mei "May" Chen'].do_not_contact is True
    assert found["Short Row"].email == "short@example.com"
    assert [str(e) for e in plan.errors] == ["line 9: 'maybe' is not yes or no"]
    assert [str(e) for e in plan.dropped] == [
        "line 7: Olu Adeyemi: email 'olu@' does not look like an email address, left out"
    ], "a bad address drops itself, not the row"
    lines = plan.summary()
    assert "  Notes, free text  → notes" in lines


def test_job_futures_sheet_with_semicolons(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    sheet = CsvImport(PROSPECTS)
    assert sheet.kind is Kind.PROSPECTS
    assert sheet.mapping["Hiring manager"] == "person"
    assert sheet.mapping["Status"] == "stage"
    plan = sheet.plan(Existing())
    assert [str(e) for e in plan.errors] == [
        "line 4: stage: unknown stage 'someday': choose one of interviewed, rejected-but-warm, "
        "referral, offer, archive",
        "line 5: 11 cells but the header has 10 columns (a separator inside a cell that is "
        "not quoted?)",
        "line 6: '2025-13-01' is not a date (use 2024-03-15 or 15 Mar 2024)",
    ]
    assert [str(s) for s in plan.skipped] == [
        "line 7: no company",
        "line 8: Northwind Logistics · Staff Data Engineer: same job future as line 2",
    ]
    names = {r.name for r in plan.new if isinstance(r, Company)}
    assert names == {"Northwind Logistics", "Contoso, Ltd."}, "bad rows leave no company"

    repo = open_repo(folder)
    plan.apply(repo)
    (northwind,) = [p for p in repo.prospects() if p.role == "Staff Data Engineer"]
    assert northwind.stage is Stage.REJECTED_WARM
    assert northwind.began_on is not None and northwind.began_on.isoformat() == "2025-09-14"
    assert northwind.tags == ("data", "platform")
    (priya,) = [repo.person(pid) for pid in northwind.person_ids]
    assert priya is not None and priya.email == "priya.raman@northwind.example"
    company = repo.company(northwind.company_id)
    assert company is not None and company.website == "https://northwind.example"
    again = CsvImport(PROSPECTS).plan(Existing.of(repo))
    assert again.new == [] and [n.line for n in again.matched] == [2, 3, 8]


def test_mapping_overrides(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("Who,Where,Remarks\nJo Doe,Acme,likes tea\n")
    with pytest.raises(ExchangeError, match="--map COLUMN=name"):
        CsvImport(path)
    sheet = CsvImport(path, overrides=parse_overrides(["Who=name", "where=company"]))
    assert sheet.mapping == {"Who": "name", "Where": "company", "Remarks": ""}
    (person,) = [r for r in sheet.plan(Existing()).new if isinstance(r, Person)]
    assert person.name == "Jo Doe"
    with pytest.raises(ExchangeError, match="no column 'Nope'"):
        CsvImport(path, overrides={"Nope": "name"})
    with pytest.raises(ExchangeError, match="'colour' is not a field of people"):
        CsvImport(path, overrides={"Who": "colour"})
    with pytest.raises(ExchangeError, match="COLUMN=FIELD"):
        parse_overrides(["Who"])
    prospects = CsvImport(path, kind=Kind.PROSPECTS, overrides={"Where": "company"})
    assert prospects.mapping["Who"] == "" and prospects.kind is Kind.PROSPECTS


def test_hostile_cells_are_stored_as_text_or_refused_per_row() -> None:
    plan = CsvImport(HOSTILE).plan(Existing())
    found = {r.name: r for r in plan.new if isinstance(r, Person)}
    formula = found['=HYPERLINK("http://evil.example","click")']
    assert formula.notes == "@SUM(A1:A9)" and formula.title == "-10+20"
    markup = found["[bold]Acme[/"]
    assert markup.title == "Red Title", "escape sequences never reach a field, whole"
    assert markup.notes == "tab\there and bell"
    assert found["Tabbed Start"].notes == "line1\nline2"
    companies = {r.name for r in plan.new if isinstance(r, Company)}
    assert {"+Formula Co", "[red]Markup Inc[/red]", "Carriage Co"} <= companies
    assert [str(e) for e in plan.errors] == [
        "line 4: notes: is too long (at most 20000 characters)",
        "line 5: name: is too long (at most 1000 characters)",
    ]


def test_kind_is_guessed_from_the_header() -> None:
    assert guess_kind(["Company", "Status", "Contact"]) is Kind.PROSPECTS
    assert guess_kind(["Name", "Company", "Email"]) is Kind.PEOPLE
    mapping = guess_mapping(["Name", "Full Name"], Kind.PEOPLE)
    assert mapping == {"Name": "name", "Full Name": ""}, "a field comes from one column"
    mapping = guess_mapping(["Email", "E-mail 2", "Phone", "Phone 2 - Value"], Kind.PEOPLE)
    assert set(mapping.values()) == {"email", "phone"}, "but for emails and phones: all kept"


def test_an_empty_or_unreadable_file_is_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n")
    with pytest.raises(ExchangeError, match="empty"):
        CsvImport(empty)
    with pytest.raises(ExchangeError, match="does not exist"):
        CsvImport(tmp_path / "missing.csv")


cell = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


@settings(max_examples=examples(60), deadline=None)
@given(st.lists(st.tuples(cell, cell), min_size=1, max_size=8))
def test_any_cells_are_read_back_as_written_or_reported(rows: list[tuple[str, str]]) -> None:
    """Whatever the cells hold, every row is imported, skipped or reported, never lost."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "any.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["name", "notes"])
            writer.writerows(rows)
        plan = CsvImport(path).plan(Existing())
    accounted = len(plan.new) + len(plan.matched) + len(plan.skipped) + len(plan.errors)
    assert accounted == plan.rows
    assert not any(isinstance(r, Prospect) for r in plan.new)


# ------------------------------------------------------------ postal addresses


def test_google_contacts_export_with_addresses(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    sheet = CsvImport(GOOGLE)
    mapped = {column: field for column, field in sheet.mapping.items() if field}
    assert mapped == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Organization Name": "company",
        "Middle Name": "middle_name",
        "Nickname": "nickname",
        "Organization Title": "title",
        "Organization Department": "department",
        "Notes": "notes",
        "E-mail 1 - Value": "email",
        "E-mail 2 - Value": "email",
        "Phone 1 - Value": "phone",
        "Website 1 - Value": "website",
        "Address 1 - Formatted": "address",
        "Address 1 - Street": "address_street",
        "Address 1 - City": "address_city",
        "Address 1 - PO Box": "address_po_box",
        "Address 1 - Region": "address_region",
        "Address 1 - Postal Code": "address_postal_code",
        "Address 1 - Country": "address_country",
        "Address 1 - Extended Address": "address_extended",
    }, "not 'Phonetic First Name' as the phone, 'Name Prefix' as the name, a label as the email"
    repo = open_repo(folder)
    contoso = Company(name="Contoso, Ltd.")
    tomas = Person(name="Tomás I.", email="tomas.ibanez@contoso.example", company_id=contoso.id)
    repo.save(contoso, tomas)
    plan = sheet.plan(Existing.of(repo))
    found = {r.name: r for r in plan.new if isinstance(r, Person)}
    priya = found["Priya Raman"]
    assert (priya.title, priya.email, priya.phone) == (
        "Director of Engineering",
        "priya.raman@northwind.example",
        "+1 303-555-0142",
    )
    assert (priya.address, priya.city) == ("1800 Larimer St\nDenver, CO 80202\nUS", "Denver")
    jonas = found["Jonas Berg"]
    assert jonas.address == "Kungsgatan 12\nVåning 3\nStockholm 111 43\nSweden", "from its parts"
    assert (found["Ana Silva"].address, found["Ana Silva"].city) == ("", "Lisbon")
    assert [str(note) for note in plan.matched] == [
        "line 7: Tomás I.: already here (same email); address and city filled in"
    ]
    plan.apply(repo)
    filled = repo.person(tomas.id)
    assert filled.address == "Paseo de la Castellana 81\nPlanta 12\n28046 Madrid\nSpain"
    assert (filled.name, filled.city) == ("Tomás I.", "Madrid")


def test_outlook_export_takes_the_business_address_else_the_home_one() -> None:
    sheet = CsvImport(OUTLOOK)
    assert sheet.mapping["Job Title"] == "title" and sheet.mapping["Title"] == "", "Ms. is no job"
    assert sheet.mapping["Business Street"] == "address_street"
    assert sheet.mapping["Home Street"] == "home_street"
    assert sheet.mapping["Other Street"] == sheet.mapping["Office Location"] == ""
    found = {r.name: r for r in sheet.plan(Existing()).new if isinstance(r, Person)}
    grace = found["Grace O'Neill"]
    assert grace.title == "VP Product"
    assert grace.address == "1 Main St\nFloor 5\nSeattle, WA 98101\nUnited States of America"
    assert grace.city == "Seattle"
    kwame = found["Kwame Mensah"]
    assert kwame.address == "5 Pine St\nKirkland, WA 98033\nUnited States of America"
    assert kwame.city == "Kirkland"
    lena = found["Lena Fischer"]
    assert (lena.address, lena.city) == ("", "Berlin"), "a city is no address"


def test_a_plain_address_and_city_or_street_city_state_zip(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email,Address,City\n"
        'Jo Doe,jo@example.com,"1 Main St\nSpringfield, IL 62701",Springfield\n'
        "Ann Lee,ann@example.com,,Boise\n",
        encoding="utf-8",
    )
    found = {r.name: r for r in CsvImport(path).plan(Existing()).new if isinstance(r, Person)}
    assert (found["Jo Doe"].address, found["Jo Doe"].city) == (
        "1 Main St\nSpringfield, IL 62701",
        "Springfield",
    )
    assert (found["Ann Lee"].address, found["Ann Lee"].city) == ("", "Boise")
    path.write_text("Name,Street,City,State,ZIP,Country\nJo Doe,1 Main St,Springfield,IL,62701,\n")
    sheet = CsvImport(path)
    assert list(sheet.mapping.values()) == [
        "name",
        "address_street",
        "city",
        "address_region",
        "address_postal_code",
        "address_country",
    ]
    (jo,) = [r for r in sheet.plan(Existing()).new if isinstance(r, Person)]
    assert (jo.address, jo.city) == ("1 Main St\nSpringfield, IL 62701", "Springfield")


def test_address_columns_match_whole_names_only_and_take_no_other_column() -> None:
    header = [
        "Name",
        "E-mail Address",
        "Address",
        "Address Book",
        "Streetwise Score",
        "Home Street Number",
        "Phone Type",
        "Phone",
        "Phonetic Name",
        "Name Suffix",
    ]
    mapping = guess_mapping(header, Kind.PEOPLE)
    assert {c: f for c, f in mapping.items() if f} == {
        "Name": "name",
        "E-mail Address": "email",
        "Address": "address",
        "Phone": "phone",
    }
    mapping = guess_mapping(["Contact", "Addresses", "Address 1 - City Code"], Kind.PEOPLE)
    assert mapping == {"Contact": "name", "Addresses": "", "Address 1 - City Code": ""}
    assert guess_mapping(["Name", "Notes, free text"], Kind.PEOPLE)["Notes, free text"] == "notes"
