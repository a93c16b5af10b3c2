"""Importing people: LinkedIn's Connections.csv and vCards from two address books."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jobfutures_tui.exchange import linkedin, vcard
from jobfutures_tui.exchange.errors import ExchangeError
from jobfutures_tui.exchange.matching import profile_key
from jobfutures_tui.exchange.plan import Existing
from jobfutures_tui.models import Company, Person, PersonRole
from jobfutures_tui.store import Repository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
LINKEDIN = FIXTURES / "linkedin_connections.csv"
APPLE = FIXTURES / "apple_contacts.vcf"
GOOGLE = FIXTURES / "google_contacts.vcf"
ADDRESSES = FIXTURES / "addresses.vcf"


def people(plan_records: list[object]) -> dict[str, Person]:
    return {r.name: r for r in plan_records if isinstance(r, Person)}


# ------------------------------------------------------------ LinkedIn


def test_linkedin_export_with_preamble_and_bom() -> None:
    plan = linkedin.plan_import(LINKEDIN, Existing())
    found = people(plan.new)
    assert set(found) == {"Priya Raman", "Tomás Ibáñez", "Grace O'Neill", "Ana Silva", "東京 太郎"}
    priya = found["Priya Raman"]
    assert priya.title == "Director of Engineering" and priya.email == ""
    assert priya.linkedin == "https://www.linkedin.com/in/priya-raman-4a1b2c"
    assert priya.role is PersonRole.OTHER
    assert priya.notes == "Connected on LinkedIn on 15 Mar 2024."
    assert found["Grace O'Neill"].title == "VP Product, Growth"
    assert found["Ana Silva"].company_id is None
    companies = {r.name for r in plan.new if isinstance(r, Company)}
    assert companies == {"Northwind Logistics", "Contoso, Ltd.", "Fabrikam", "Wingtip Aviation"}
    assert [str(e) for e in plan.errors] == [
        "line 9: Connected On: '31 Feb 2024' is not a date like 15 Mar 2024"
    ]
    assert [str(s) for s in plan.skipped] == [
        "line 12: Priya Raman: same person as line 5 (by profile URL)"
    ]
    assert plan.rows == 7  # the empty row is not a row


def test_importing_the_same_file_twice_adds_nothing(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    repo = open_repo(folder)
    first = linkedin.plan_import(LINKEDIN, Existing.of(repo))
    backup = first.apply(repo)
    assert backup is None, "a brand-new folder has nothing to back up"
    assert len(repo.people()) == 5 and len(repo.companies()) == 4
    again = linkedin.plan_import(LINKEDIN, Existing.of(repo))
    assert again.new == []
    assert len(again.matched) == 6 and len(again.errors) == 1
    assert again.apply(repo) is None
    assert len(repo.people()) == 5


def test_matching_by_url_then_email_then_name_and_company(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    repo = open_repo(folder)
    contoso = Company(name="contoso, ltd.")
    northwind = Company(name="Northwind Logistics")
    repo.save(
        contoso,
        northwind,
        # same profile, written differently, another name: still the same person
        Person(name="P. Raman", linkedin="linkedin.com/in/Priya-Raman-4a1b2c/?trk=x"),
        Person(name="Tomas I.", email="TOMAS.IBANEZ@contoso.example"),
        Person(name="grace  o'neill", company_id=None),
        Person(name="Grace O'Neill", company_id=northwind.id),  # other company: no match
    )
    repo.save(Person(name="Li Wei", company_id=contoso.id))
    plan = linkedin.plan_import(LINKEDIN, Existing.of(repo))
    how = {note.message for note in plan.matched}
    assert "P. Raman: already here (same profile URL)" in how
    assert "Tomas I.: already here (same email)" in how
    assert "Grace O'Neill" in people(plan.new), "name matches but the company does not"
    assert not [r for r in plan.new if isinstance(r, Company) and r.name.startswith("Contoso")]


@given(st.sampled_from(["http://", "https://", ""]), st.sampled_from(["www.", "", "m."]))
def test_profile_urls_match_however_written(scheme: str, host: str) -> None:
    url = f"{scheme}{host}LinkedIn.com/in/jane-doe/?originalSubdomain=uk"
    assert profile_key(url) == "linkedin.com/in/jane-doe"


def test_a_file_that_is_not_linkedins_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Name,Email\nJo,jo@example.com\n")
    with pytest.raises(ExchangeError, match="does not look like LinkedIn"):
        linkedin.plan_import(path, Existing())


def test_dates_in_linkedins_english_whatever_the_locale() -> None:
    assert linkedin.parse_connected_on("01 Dec 2025").isoformat() == "2025-12-01"
    assert linkedin.parse_connected_on("2025-12-01").month == 12
    with pytest.raises(ValueError, match="not a date"):
        linkedin.parse_connected_on("1 Dez 2025")


# ------------------------------------------------------------ vCard


def test_apple_vcards_with_groups_folded_lines_and_a_photo() -> None:
    plan = vcard.plan_import(APPLE, Existing())
    found = people(plan.new)
    priya = found["Priya Raman"]
    assert priya.email == "priya.raman@northwind.example"
    assert priya.phone == "+1 (303) 555-0142"
    assert priya.city == "Denver"
    assert priya.address == "1800 Larimer St\nDenver, CO 80202\nUnited States"
    assert priya.linkedin == "https://www.linkedin.com/in/priya-raman-4a1b2c"
    assert priya.notes == (
        "Met at the Denver data meetup, spring 2024.\n"
        "Likes long-form articles on streaming systems.\n"
        "Department: Engineering"
    ), "ORG's second part, the department, is kept in the notes"
    assert found["Tomás Ibáñez"].phone == "+34 91 555 0199"
    companies = {r.name for r in plan.new if isinstance(r, Company)}
    assert companies == {
        "Northwind Logistics",
        "Contoso, Ltd.",
        "Fabrikam",  # a company card
        "Wingtip Aviation",
    }
    assert plan.errors == [], "an address that is not one drops only itself"
    assert [str(e) for e in plan.dropped] == [
        "line 37: Wei Zhang: email 'not-an-email' does not look like an email address, left out"
    ]


def test_google_vcards_version_4_and_an_old_phones_quoted_printable() -> None:
    plan = vcard.plan_import(GOOGLE, Existing())
    found = people(plan.new)
    grace = found["Grace O'Neill"]
    assert grace.email == "grace.oneill@fabrikam.example", "PREF=1 wins over the first"
    assert grace.phone == "+1-206-555-0117" and grace.city == "Seattle"
    assert grace.linkedin == "https://www.linkedin.com/in/grace-oneill-99"
    assert "Søren Kierkegård-Østergaard" in found
    jurgen = found["Jürgen Müller"]
    assert jurgen.notes == "First line\nSecond line that is long enough to be wrapped softly"
    assert "Broken Card" not in found, "a card with an unreadable line is not half-imported"
    assert [e.line for e in plan.errors] == [38]
    assert [str(s) for s in plan.skipped] == ["line 31: a card without a name"]


def test_vcard_escapes_and_structure() -> None:
    prop = vcard.parse_line(r'item2.ADR;TYPE="work,pref";LABEL="a:b":;;1\; Main\, St;Oslo;;;NO')
    assert prop.group == "item2" and prop.name == "ADR"
    assert prop.types() == {"work", "pref"}
    assert prop.parts()[2:4] == ["1; Main, St", "Oslo"]
    assert vcard.unescape(r"a\nb\\c\,d") == "a\nb\\c,d"


def test_a_file_without_vcards_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "contacts.vcf"
    path.write_text("hello\n")
    with pytest.raises(ExchangeError, match="holds no vCard"):
        vcard.plan_import(path, Existing())


def test_vcards_then_linkedin_do_not_duplicate(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    repo = open_repo(folder)
    vcard.plan_import(APPLE, Existing.of(repo)).apply(repo)
    vcard.plan_import(GOOGLE, Existing.of(repo)).apply(repo)
    before = len(repo.people())
    plan = linkedin.plan_import(LINKEDIN, Existing.of(repo))
    new_names = set(people(plan.new))
    assert new_names == {"Ana Silva", "東京 太郎"}
    plan.apply(repo)
    assert len(repo.people()) == before + 2


# ------------------------------------------------------------ postal addresses


def test_vcard_addresses_in_every_version_the_preferred_then_the_work_one() -> None:
    plan = vcard.plan_import(ADDRESSES, Existing())
    found = {name: (p.address, p.city) for name, p in people(plan.new).items()}
    assert found == {
        # 2.1: bare WORK;PREF, quoted-printable, a line break in the street
        "Erik Lindqvist": (
            "Kungsgatan 12\nEntré B\nVåning 3\nStockholm 111 43\nSverige",
            "Stockholm",
        ),
        # Apple 3.0: no preference, so the work address, not the first (home) one
        "Dana Washington": (
            "1600 Pennsylvania Ave NW\nSuite 200\nWashington, DC 20500\nUnited States",
            "Washington",
        ),
        # 4.0: PREF=1 wins over work
        "Kwame Mensah": ("5 Pine St\nKirkland, WA 98033\nUSA", "Kirkland"),
        "Ada Okafor": ("PO Box 4021\nAnchorage, AK 99501", "Anchorage"),
        # a locality is not where to write a letter: the city only
        "Lena Fischer": ("", "Berlin"),
        # an empty address is passed over, escaped commas are kept
        "Camille Martin": ("3 Rue Cler, bâtiment A\nParis 75007\nFrance", "Paris"),
        # several values of one component
        "Hiroshi Tanaka": ("Building 4, 1 Infinite Loop\nCupertino, CA 95014\nUSA", "Cupertino"),
    }
    assert plan.errors == [] and plan.skipped == []


def test_an_imported_address_fills_only_what_a_person_here_lacks(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    repo = open_repo(folder)
    woodgrove = Company(name="Woodgrove Bank")
    erik = Person(name="Erik L.", email="ERIK.LINDQVIST@alpineskihouse.example")
    dana = Person(name="Dana Washington", company_id=woodgrove.id, address="PO Box 1\nDenver")
    kwame = Person(name="Kwame", email="kwame@tailwind.example", address="x", city="Accra")
    repo.save(woodgrove, erik, dana, kwame)
    plan = vcard.plan_import(ADDRESSES, Existing.of(repo))
    assert [str(note) for note in plan.matched] == [
        "line 1: Erik L.: already here (same email); address and city filled in",
        "line 10: Dana Washington: already here (same name and company); city and email filled in",
        "line 23: Kwame: already here (same email)",
    ]
    summary = plan.summary()
    start = summary.index("Already here: 3 (left as they are, but for:)")
    assert summary[start + 1 : start + 4] == [
        "Filled in (an address, city, email or phone they had none of): 2",
        "  line 1: Erik L.: address and city",
        "  line 10: Dana Washington: city and email",
    ]
    assert plan.what() == "4 companies, 4 people, 2 people filled in"
    assert {p.id for p in plan.updated} == {erik.id, dana.id}
    assert plan.apply(repo) is not None, "a backup first"
    assert repo.person(erik.id).address.startswith("Kungsgatan 12\n")
    assert (repo.person(erik.id).city, repo.person(erik.id).email) == ("Stockholm", erik.email)
    assert (repo.person(dana.id).address, repo.person(dana.id).city) == (dana.address, "Washington")
    assert repo.person(kwame.id) == kwame, "nothing lacking, nothing changed"
    again = vcard.plan_import(ADDRESSES, Existing.of(repo))
    assert again.to_save() == [] and again.what() == "nothing"


def test_the_dry_run_says_who_joins_no_job_future_of_yours(tmp_path: Path) -> None:
    from jobfutures_tui.exchange.actions import plan_import
    from jobfutures_tui.models import Prospect

    with Repository.open(tmp_path / "data") as repo:
        northwind = Company(name="Northwind Logistics")
        repo.save(northwind, Prospect(company_id=northwind.id))
        plan = plan_import(repo, "linkedin", LINKEDIN)
    (note,) = [note for note in plan.notes if "job future of yours" in note]
    assert note.startswith("1 person new at a company with a job future of yours (Northwind")
    assert "f on the app's People" in note
