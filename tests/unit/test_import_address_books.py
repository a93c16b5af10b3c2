"""Address books as each app exports them: Google Contacts and Outlook CSVs, Apple/iCloud,
Android and Google vCards, LinkedIn's variants; every email and phone kept; the dry run
says what is kept and what is left out; our own CSV export comes back as it went out."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from jobfutures_tui.exchange import linkedin, vcard
from jobfutures_tui.exchange.csv_export import tables
from jobfutures_tui.exchange.csv_import import CsvImport, Kind, guess_mapping
from jobfutures_tui.exchange.dataset import Dataset
from jobfutures_tui.exchange.plan import Existing, ImportPlan
from jobfutures_tui.models import Channel, Company, Person, PersonRole
from jobfutures_tui.store import Repository

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def people(plan: ImportPlan) -> dict[str, Person]:
    return {r.name: r for r in plan.new if isinstance(r, Person)}


# ------------------------------------------------------------ CSV exports


def test_google_contacts_csv_keeps_every_email_and_phone_the_starred_one_first() -> None:
    sheet = CsvImport(FIXTURES / "google_contacts_2024.csv")
    assert sheet.profile is not None and sheet.profile.name == "Google Contacts"
    for column in ("Phonetic First Name", "Name Prefix", "E-mail 1 - Label", "Phone 1 - Label"):
        assert sheet.mapping[column] == "", f"{column} is about a value, not the value"
    plan = sheet.plan(Existing())
    kenji = people(plan)["Kenji Sato"]
    assert kenji.email == "kenji.sato@tailspin.example", "the '* Work' one, though listed second"
    assert kenji.other_emails == ("ksato@tailspin.example", "kenji.home@example.org"), ":::"
    assert (kenji.phone, kenji.other_phones) == ("+81 3-5555-0101", ("+81 90-1234-5678",))
    assert kenji.linkedin == "https://www.linkedin.com/in/kenji-sato-77", "from a website"
    assert kenji.notes == "Department: Platform\nNickname: Ken"
    assert kenji.title == "Engineering Manager"
    amara = people(plan)["Amara N. Okafor"]
    assert (amara.phone, amara.other_phones) == ("+1 415 555 0100", ("+1 415 555 0101",))
    assert amara.address == "500 Market St\nSuite 200\nSan Francisco, CA 94105\nUS"
    assert [str(s) for s in plan.skipped] == ["line 4: no name"]
    assert plan.errors == []
    summary = plan.summary()
    assert any(line.startswith("  note: recognised: Google Contacts") for line in summary)
    (left,) = [line for line in summary if line.startswith("Left out")]
    assert "column 'Birthday' (1)" in left and "column 'Phonetic First Name' (1)" in left
    assert "web page (not LinkedIn) (1)" in left, "Kenji's blog"
    assert "E-mail 1 - Label" not in left, "a label that put a value first was used"
    (keeps,) = [line for line in summary if line.startswith("Keeps: ")]
    assert "a value labelled * first, values joined by ::: apart" in keeps


def test_outlook_desktop_csv_title_is_mr_and_phones_come_in_their_order() -> None:
    sheet = CsvImport(FIXTURES / "outlook_desktop.csv")  # Windows-1252, as Outlook writes
    assert sheet.profile is not None and sheet.profile.name == "Outlook"
    assert sheet.mapping["Title"] == "" and sheet.mapping["Job Title"] == "title"
    assert sheet.mapping["E-mail Display Name"] == sheet.mapping["E-mail Type"] == ""
    plan = sheet.plan(Existing())
    luis = people(plan)["Luis García"]
    assert luis.title == "Head of Analytics"
    assert luis.phone == "+1 425 555 0199", "the mobile, Primary Phone being empty"
    assert luis.other_phones == ("+1 425 555 0111",), "the fax is no phone"
    assert (luis.email, luis.other_emails) == (
        "luis.garcia@fabrikam.example",
        ("luis@personal.example",),
    )
    assert luis.linkedin == "https://www.linkedin.com/in/luis-garcia-data"
    assert luis.notes == "Prefers mornings.\nDepartment: Data"
    assert people(plan)["Hana Novak"].phone == "+420 555 123 456", "Primary Phone"
    assert "column 'Title' (2)" in plan.left_out_text()
    (keeps,) = [line for line in plan.summary() if line.startswith("Keeps: ")]
    assert ":::" not in keeps and "labelled *" not in keeps, "Google's ways, not Outlook's"
    assert "kept in Outlook's order: primary, mobile, business" in keeps


@pytest.mark.parametrize(
    "column",
    [
        "Name Prefix",
        "Name Suffix",
        "Phonetic First Name",
        "Phonetic Name",
        "E-mail 1 - Label",
        "Phone Label",
        "Given Yomi",
        "Company Yomi",
        "Organization 1 - Yomi Name",
        "E-mail Display Name",
    ],
)
def test_guessing_never_takes_a_column_about_a_value(column: str) -> None:
    mapping = guess_mapping(["Contact", column], Kind.PEOPLE)
    assert mapping[column] == ""


def test_a_sheet_without_a_profile_still_keeps_every_email_and_phone(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(
        "Name,Email,Email 2,Phone,Phone 2,Website\n"
        "Jo Lee,n/a,jo@example.com,+1 555 0100,+1 (555) 0100,https://linkedin.com/in/jo-lee\n"
    )
    plan = CsvImport(path).plan(Existing())
    jo = people(plan)["Jo Lee"]
    assert (jo.email, jo.other_emails) == ("jo@example.com", ())
    assert (jo.phone, jo.other_phones) == ("+1 555 0100", ()), "one number written twice"
    assert jo.linkedin == "https://linkedin.com/in/jo-lee"
    assert [str(n) for n in plan.dropped] == [
        "line 2: Jo Lee: email 'n/a' does not look like an email address, left out"
    ]


def test_our_csv_export_comes_back_as_it_went_out(
    folder: Path, open_repo: Callable[..., Repository], tmp_path: Path
) -> None:
    repo = open_repo(folder)
    acme = Company(name="Acme")
    jo = Person(
        name="Jo Lee",
        title="=Head of Data",
        company_id=acme.id,
        phone="+44 20 7946 0000",
        other_phones=("+44 7700 900123", "-1"),
        email="jo@acme.example",
        other_emails=("jo@home.example",),
        notes="- first point\n@mention",
        city="London",
        address="1 Poultry\nLondon EC2R 8EJ\nUnited Kingdom",
        linkedin="https://www.linkedin.com/in/jo-lee",
        role=PersonRole.RECRUITER,
        preferred_channel=Channel.LINKEDIN,
        do_not_contact=True,
    )
    repo.save(acme, jo)
    sheet = tables(Dataset.of(repo))["people.csv"].decode("utf-8-sig")
    assert "'+44 20 7946 0000" in sheet, "guarded in the file, for spreadsheets"
    path = tmp_path / "people.csv"
    path.write_text(sheet, encoding="utf-8")
    imported = CsvImport(path)
    assert imported.profile is not None and imported.profile.name == "jobfutures' own people.csv"
    (back,) = people(imported.plan(Existing())).values()
    fields = ("name", "title", "phone", "other_phones", "email", "other_emails", "notes")
    fields += ("address", "city", "linkedin", "role", "preferred_channel", "do_not_contact")
    for field in fields:
        assert getattr(back, field) == getattr(jo, field), field
    assert imported.plan(Existing()).left_out == {}, "ids and dates are not the contact's"


# ------------------------------------------------------------ vCards


def test_android_vcard_21_backslashes_soft_breaks_and_a_bad_email() -> None:
    plan = vcard.plan_import(FIXTURES / "android_contacts.vcf", Existing())
    found = people(plan)
    bjorn = found["Björn Schön"]
    assert bjorn.notes == (
        "Folder on the share: C:\\new\\temp\n"  # 2.1 has no \n escape
        "Their team grows in spring and is hiring data engineers.\n"  # = then a space
        "Department: Research\n"
        "Nickname: Bjössi"  # Android writes it as X-ANDROID-CUSTOM
    )
    assert bjorn.email == "bjoern.schoen@litware.example", "n/a before it drops only itself"
    assert (bjorn.title, bjorn.phone) == ("Staff Engineer", "+49 170 5550199"), "PREF"
    assert bjorn.other_phones == ("+49 30 5550100",), "the fax is left out"
    assert [str(n) for n in plan.dropped] == [
        "line 1: Björn Schön: email 'n/a' does not look like an email address, left out"
    ]
    assert "Dr. John Philip Paul Stevenson, Jr., M.D." in found, "N without FN"
    assert found["Chidi Okoro"].notes == "semicolon; kept"
    assert {r.name for r in plan.new if isinstance(r, Company)} == {"Litware", "Adatum;Partners"}
    assert plan.left_out == {
        "birthday": 1,
        "fax or pager number": 1,
        "Android custom field": 1,  # the relation
    }
    assert plan.errors == []


def test_icloud_vcard_every_email_and_phone_the_preferred_first() -> None:
    plan = vcard.plan_import(FIXTURES / "icloud_contacts.vcf", Existing())
    (john,) = people(plan).values()
    assert john.name == "Dr. John Philip Paul Stevenson, Jr., M.D."
    assert (john.email, john.other_emails) == (
        "john.stevenson@woodgrove.example",
        ("jack@home.example",),
    )
    assert john.phone == "+44 7700 900123"
    assert john.other_phones == ("+44 20 7946 0000",), "the same number written twice, once"
    assert john.address == "10 Canary Wharf\nLondon E14 5AB\nUnited Kingdom", "the pref one"
    assert john.notes == (
        "Path C:\\temp, on the share\nsecond line\nDepartment: Risk, Europe\nNickname: Jack"
    )
    (bank,) = [r for r in plan.new if isinstance(r, Company)]
    assert (bank.name, bank.website) == ("Woodgrove Bank", "https://woodgrove.example")
    assert plan.left_out == {
        "more postal addresses": 1,
        "related people": 1,
        "social profile": 1,
        "web page (URL)": 1,
    }
    summary = plan.summary()
    assert summary[1].startswith("Keeps: name (FN, else N)")
    assert summary[2] == (
        "Left out (not kept by jobfutures): more postal addresses (1), related people (1), "
        "social profile (1), web page (URL) (1)"
    )


def test_google_vcard_4_pref_numbers_rank_emails_and_phones() -> None:
    plan = vcard.plan_import(FIXTURES / "google_contacts_v4.vcf", Existing())
    mei = people(plan)["Mei Chen"]
    assert mei.email == "mei.chen@proseware.example", "PREF=1 though listed after PREF=2"
    assert mei.other_emails == ("mei@home.example", "mei.alt@example.org")
    assert mei.phone == "+1 206 555 0199"
    assert mei.other_phones == ("+1 206 555 0100", "+1-206-555-0142")
    assert [str(s) for s in plan.skipped] == [
        "line 13: a group of contacts (KIND:group), not a person"
    ]


def test_one_latin1_card_garbles_nothing_else_and_charset_is_honoured() -> None:
    plan = vcard.plan_import(FIXTURES / "mixed_charsets.vcf", Existing())
    found = people(plan)
    assert set(found) == {"Björn Ångström", "Jürgen Müller", "Renée Dupré", "Zoë Ørsted"}
    assert found["Renée Dupré"].title == "Directrice générale", "UTF-8 beside a CHARSET line"
    assert {r.name for r in plan.new if isinstance(r, Company)} == {"Fjällräven", "Bäckerei Groß"}


def test_outlook_vcard_21_with_charsets_quoted_printable_and_ms_fields() -> None:
    """Outlook's File › Save As vCard: version 2.1, CHARSET=Windows-1252 or utf-8 with
    QUOTED-PRINTABLE (soft breaks, CR LF in a note), a base64 photo, X-MS-* fields."""
    plan = vcard.plan_import(FIXTURES / "outlook_contacts.vcf", Existing())
    assert plan.errors == [] and plan.skipped == []
    found = people(plan)
    assert set(found) == {"Luis García", "Hana Nováková"}
    luis = found["Luis García"]
    assert luis.title == "Head of Analytics"
    assert {luis.phone, *luis.other_phones} == {"+1 425 555 0111", "+1 425 555 0199"}
    assert (luis.email, luis.other_emails) == (
        "luis.garcia@fabrikam.example",
        ("luis@personal.example",),
    ), "EMAIL;PREF first"
    assert luis.linkedin == "https://www.linkedin.com/in/luis-garcia-data"
    assert luis.notes == (
        "Met at the Seattle data summit.\nPrefers mornings; café near the office.\nDepartment: Data"
    ), "Windows-1252 quoted-printable, its soft break joined"
    assert (luis.address, luis.city) == (
        "1 Microsoft Way\nRedmond, WA 98052\nUnited States of America",
        "Redmond",
    )
    hana = found["Hana Nováková"]
    assert (hana.address, hana.city) == ("Na Příkopě 12\nPraha 110 00\nČeská republika", "Praha")
    companies = {r.name for r in plan.new if isinstance(r, Company)}
    assert companies == {"Fabrikam, Inc.", "Contoso Ltd."}
    left = plan.left_out_text()
    for field in ("X-MS-CARDPICTURE", "X-MS-OL-DESIGN", "X-MS-IMADDRESS"):
        assert field in left, field
    assert "fax or pager number (1)" in left


def test_a_quoted_printable_soft_break_as_pythons_quopri_writes_it(tmp_path: Path) -> None:
    import quopri

    text = (
        "We met at the Berlin data engineering meetup again and they are hiring data "
        "engineers in the spring of next year"
    )
    encoded = quopri.encodestring(text.encode()).decode().replace("\n", "\r\n")
    assert "=\r\n " in encoded, "quopri breaks the line before a space"
    path = tmp_path / "c.vcf"
    path.write_text(
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jo\r\nNOTE;ENCODING=QUOTED-PRINTABLE:"
        + encoded.rstrip("\r\n")
        + "\r\nEND:VCARD\r\n"
    )
    (jo,) = people(vcard.plan_import(path, Existing())).values()
    assert jo.notes == text.strip()


# ------------------------------------------------------------ LinkedIn variants


def test_linkedin_without_the_url_column_or_with_url_first() -> None:
    plan = linkedin.plan_import(FIXTURES / "linkedin_no_url.csv", Existing())
    ines = people(plan)["Ines Duarte"]
    assert (ines.title, ines.linkedin) == ("Product Lead", "")
    assert ines.notes == "Connected on LinkedIn on 3 Feb 2019."
    plan = linkedin.plan_import(FIXTURES / "linkedin_url_first.csv", Existing())
    ola = people(plan)["Ola Nordmann"]
    assert ola.linkedin == "https://www.linkedin.com/in/ola-nordmann"
    assert any(line.startswith("Keeps: name, LinkedIn profile") for line in plan.summary())


# ------------------------------------------------------------ matching and filling in


def test_any_address_of_theirs_matches_and_new_ones_join_theirs(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    repo = open_repo(folder)
    kenji = Person(name="K. Sato", email="kenji.home@example.org", phone="+81 90 1234 5678")
    repo.save(kenji)
    plan = CsvImport(FIXTURES / "google_contacts_2024.csv").plan(Existing.of(repo))
    assert [str(n) for n in plan.matched] == [
        "line 2: K. Sato: already here (same email); email and phone filled in"
    ]
    plan.apply(repo)
    stored = repo.person(kenji.id)
    assert stored.email == "kenji.home@example.org", "their main address stays the main one"
    assert stored.other_emails == ("kenji.sato@tailspin.example", "ksato@tailspin.example")
    assert stored.other_phones == ("+81 3-5555-0101",), "+81 90-1234-5678 is theirs already"
    again = CsvImport(FIXTURES / "google_contacts_2024.csv").plan(Existing.of(repo))
    assert again.to_save() == [], "the same file twice adds nothing"
    other = Person(name="Someone", other_emails=("ksato@tailspin.example",))
    assert Existing is not None and other.emails == ("ksato@tailspin.example",)


def test_a_person_stored_before_other_emails_and_phones_existed_loads() -> None:
    old = {
        "id": "p1",
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": "2025-01-01T00:00:00Z",
        "name": "Jo",
        "email": "jo@example.com",
        "phone": "+1 555 0100",
    }
    jo = Person.model_validate(old)
    assert (jo.other_emails, jo.other_phones) == ((), ())
    assert (jo.emails, jo.phones) == (("jo@example.com",), ("+1 555 0100",))


def test_the_json_report_lists_what_is_kept_and_left_out() -> None:
    report = vcard.plan_import(FIXTURES / "android_contacts.vcf", Existing()).to_json()
    assert report["keeps"].startswith("name (FN, else N)")
    assert report["left_out"]["birthday"] == 1
    assert report["values_left_out"][0]["line"] == 1


def test_csv_export_lists_other_emails_and_phones(
    folder: Path, open_repo: Callable[..., Repository]
) -> None:
    repo = open_repo(folder)
    repo.save(Person(name="Jo", email="a@x.example", other_emails=("b@x.example", "c@x.example")))
    rows = list(
        csv.DictReader(io.StringIO(tables(Dataset.of(repo))["people.csv"].decode("utf-8-sig")))
    )
    assert rows[0]["other_emails"] == "b@x.example; c@x.example"


def test_googles_older_csv_export_with_type_columns(tmp_path: Path) -> None:
    path = tmp_path / "google.csv"
    header = (
        "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Name Prefix,"
        "Nickname,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,"
        "E-mail 2 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,"
        "Organization 1 - Name,Organization 1 - Yomi Name,Organization 1 - Title,"
        "Organization 1 - Department,Website 1 - Type,Website 1 - Value"
    )
    row = (
        "Sam Park,Sam,,Park,サム,サム,Mr.,,* My Contacts,Home,sam@home.example,* Work,"
        "sam.park@litware.example,Mobile,+1 555 0100 ::: +1 555 0101,Work,Litware,リトウェア,"
        "CTO,Office of the CTO,Profile,linkedin.com/in/sam-park"
    )
    path.write_text(header + "\n" + row + "\n", encoding="utf-8")
    sheet = CsvImport(path)
    assert sheet.profile is not None and sheet.profile.name.startswith("Google Contacts (")
    (sam,) = people(sheet.plan(Existing())).values()
    assert (sam.email, sam.other_emails) == ("sam.park@litware.example", ("sam@home.example",))
    assert (sam.phone, sam.other_phones) == ("+1 555 0100", ("+1 555 0101",))
    assert (sam.title, sam.linkedin) == ("CTO", "linkedin.com/in/sam-park")
    assert sam.notes == "Department: Office of the CTO"
