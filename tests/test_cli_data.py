"""The data commands from the shell: import, export, backup, restore, backups, check.

Exit codes: 0 ok, 1 a refusal or a problem found (message on stderr), 2 usage.
"""

from __future__ import annotations

import io
import json
import os
import sys
import zipfile
from pathlib import Path

import icalendar
import pendulum
import pytest
from clock import frozen_at
from disk import synced
from shell import files_of, jf, without_textual

from jobfutures_tui import cli
from jobfutures_tui.commands import common
from jobfutures_tui.paths import data_folder
from jobfutures_tui.store import Repository

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
COMMANDS = [
    ["import"],
    ["import", "linkedin"],
    ["import", "vcard"],
    ["import", "csv"],
    ["import", "json"],
    ["export"],
    ["export", "json"],
    ["export", "csv"],
    ["export", "ics"],
    ["export", "markdown"],
    ["backup"],
    ["restore"],
    ["backups"],
    ["check"],
]


frozen = frozen_at(NOW)


# ------------------------------------------------------------ one command set


@pytest.mark.parametrize("words", COMMANDS, ids=" ".join)
def test_every_command_has_help(capsys: pytest.CaptureFixture[str], words: list[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main([*words, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: jobfutures {' '.join(words)}")


@pytest.mark.parametrize(
    "args",
    [
        ["import"],
        ["import", "csv"],
        ["import", "json", "x.json"],
        ["import", "json", "x.json", "--merge", "--replace"],
        ["import", "excel", "x.xlsx"],
        ["export", "ics", "--days", "-1"],
        ["export", "markdown"],
        ["restore"],
        ["import", "csv", "x.csv", "--kind", "cats"],
    ],
    ids=" ".join,
)
def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str]
) -> None:
    with pytest.raises(SystemExit) as usage:
        cli.main(["--data", str(tmp_path), *args])
    assert usage.value.code == 2
    assert "usage: jobfutures" in capsys.readouterr().err


def test_the_data_commands_never_import_textual(demo: Path, tmp_path: Path) -> None:
    runs = [
        ["check"],
        ["backups"],
        ["backup", str(tmp_path / "b.zip")],
        ["export", "json", "-o", str(tmp_path / "x.json")],
        ["export", "csv", str(tmp_path / "csv")],
        ["export", "ics", "-o", str(tmp_path / "x.ics")],
        ["export", "markdown", "northwind", "-o", str(tmp_path / "x.md")],
        ["import", "linkedin", str(FIXTURES / "linkedin_connections.csv")],
        ["import", "json", "--merge", str(tmp_path / "x.json")],
        ["restore", str(tmp_path / "b.zip")],
        ["check", "--repair"],
    ]
    result = without_textual(demo, runs)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------ import


def test_import_shows_a_dry_run_then_applies_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    connections = str(FIXTURES / "linkedin_connections.csv")
    code, out, err = jf(capsys, folder, "import", "linkedin", connections)
    assert code == 0 and err == ""
    assert "New: 4 companies, 5 people" in out
    assert "line 9: Connected On: '31 Feb 2024' is not a date like 15 Mar 2024" in out
    assert out.endswith("Dry run: nothing was changed. Run again with --apply to import.\n")
    assert not folder.exists(), "a dry run creates nothing"

    code, out, _ = jf(capsys, folder, "import", "linkedin", connections, "--apply")
    assert code == 0 and out.endswith("Imported: 4 companies, 5 people.\n")
    code, out, _ = jf(capsys, folder, "import", "linkedin", connections, "--apply", "--json")
    report = json.loads(out)
    assert code == 0 and report["new"] == {} and report["applied"] is False
    assert len(report["matched"]) == 6
    assert report["errors"] == [
        {"line": 9, "message": "Connected On: '31 Feb 2024' is not a date like 15 Mar 2024"}
    ]


def test_import_into_existing_data_takes_a_backup_first(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = jf(capsys, demo, "import", "vcard", str(FIXTURES / "google_contacts.vcf"))
    assert code == 0 and "Dry run" in out
    code, out, _ = jf(
        capsys, demo, "import", "vcard", str(FIXTURES / "google_contacts.vcf"), "--apply"
    )
    assert code == 0
    (backup_line,) = [line for line in out.splitlines() if "as it was before" in line]
    backup = Path(backup_line.rsplit(" ", 1)[1])
    with zipfile.ZipFile(backup) as archive:
        assert b"Grace O'Neill" not in archive.read("people.json")


def test_an_import_that_only_fills_in_an_address_is_applied(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    apple = str(FIXTURES / "apple_contacts.vcf")
    code, out, _ = jf(capsys, demo, "import", "vcard", apple)
    assert code == 0 and "New: 1 person" in out, "Wei Zhang, whose only email is not one"
    assert "  line 1: Priya Raman: address" in out.splitlines()
    assert "  line 18: Tomás Ibáñez: phone" in out.splitlines(), "a number he lacked"
    code, out, _ = jf(capsys, demo, "import", "vcard", apple, "--apply")
    assert code == 0 and "Imported: 1 person, 2 people filled in." in out
    code, out, _ = jf(capsys, demo, "import", "vcard", apple, "--apply", "--json")
    report = json.loads(out)
    assert report["filled_in"] == [] and report["applied"] is False
    with Repository.open(demo, read_only=True) as repo:
        (priya,) = [p for p in repo.people() if p.name == "Priya Raman"]
    assert priya.address == "1800 Larimer St\nDenver, CO 80202\nUnited States"
    with pytest.raises(SystemExit):
        cli.main(["import", "--help"])
    said = " ".join(capsys.readouterr().out.split())
    assert "never changed" not in said, "a person already here is filled in, as above"
    assert "a person already here only gains the emails and phones they do not have" in said


def test_csv_import_shows_and_takes_the_mapping(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text("Who,Mail,Remarks\r\nJo Doe,jo@example.com,=1+1\r\n", encoding="utf-8-sig")
    code, _, err = jf(capsys, tmp_path / "d", "import", "csv", str(sheet))
    assert code == 1 and "--map COLUMN=name" in err
    code, out, _ = jf(
        capsys, tmp_path / "d", "import", "csv", str(sheet), "--map", "Who=name",
        "--map", "Remarks=notes", "--apply",
    )  # fmt: skip
    assert code == 0
    assert "  Who      → name" in out and "  Mail     → email" in out
    with Repository.open(tmp_path / "d", read_only=True) as repo:
        (jo,) = repo.people()
    assert jo.email == "jo@example.com" and jo.notes == "=1+1"


def test_a_missing_or_wrong_file_is_a_user_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = jf(capsys, tmp_path, "import", "vcard", str(tmp_path / "none.vcf"))
    assert code == 1 and out == "" and err.startswith("jobfutures: ") and "does not exist" in err
    code, _, err = jf(capsys, tmp_path, "import", "linkedin", str(FIXTURES / "google_contacts.vcf"))
    assert code == 1 and "does not look like LinkedIn" in err


def test_read_only_refuses_to_import(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    before = files_of(demo)
    vcf = str(FIXTURES / "apple_contacts.vcf")
    code, out, err = jf(capsys, demo, "--read-only", "import", "vcard", vcf, "--apply")
    assert code == 1 and out == "" and "--read-only" in err
    assert files_of(demo) == before


def test_damaged_data_is_refused_and_left_as_it_was(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    damaged = demo / "people.json"
    damaged.write_bytes(b'{"people": {"x": ')
    before = files_of(demo)
    vcf = str(FIXTURES / "apple_contacts.vcf")
    for args in (["import", "vcard", vcf], ["import", "vcard", vcf, "--apply"], ["export", "csv"]):
        code, out, err = jf(capsys, demo, *args)
        assert code == 1 and out == ""
        assert err.startswith(f"jobfutures: Cannot open {damaged}: it is not valid JSON")
        assert "Nothing was changed" in err
    code, out, _ = jf(capsys, demo, "check")
    assert code == 1 and "people.json: the file is damaged: it is not valid JSON" in out
    code, _, err = jf(capsys, demo, "check", "--repair")
    assert code == 1 and "Nothing was repaired" in err
    assert files_of(demo) == before


def test_at_a_terminal_the_import_asks_first(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(common, "interactive", lambda: True)
    for answer, people in (("n\n", 0), ("y\n", 3)):
        monkeypatch.setattr(sys, "stdin", io.StringIO(answer))
        code, _, err = jf(
            capsys, tmp_path / "d", "import", "vcard", str(FIXTURES / "apple_contacts.vcf")
        )
        assert code == 0 and "Import 4 companies, 3 people? [y/N]" in err
        if people:
            with Repository.open(tmp_path / "d", read_only=True) as repo:
                assert len(repo.people()) == people


def test_json_export_then_replace(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    code, out, _ = jf(capsys, demo, "export", "json")
    assert code == 0 and json.loads(out)["format"] == "jobfutures-export"
    export = tmp_path / "all.json"
    code, out, err = jf(capsys, demo, "export", "json", "-o", str(export))
    assert code == 0 and out == "" and str(export) in err
    code, _, err = jf(capsys, demo, "export", "json", "-o", str(export))
    assert code == 1 and "--force" in err
    other = tmp_path / "other"
    with Repository.open(other) as repo:
        from jobfutures_tui.models import Company

        repo.save(Company(name="Only here"))
    code, out, _ = jf(capsys, other, "import", "json", str(export), "--replace")
    assert code == 0 and "Your data now: 1 company" in out and "Dry run" in out
    code, out, _ = jf(capsys, other, "import", "json", str(export), "--replace", "--apply")
    assert code == 0 and "Your data is now the export's." in out
    with Repository.open(other, read_only=True) as repo:
        assert repo.find_company("Only here") is None and len(repo.prospects()) == 23


# ------------------------------------------------------------ export


def test_csv_ics_and_markdown_exports(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    code, out, _ = jf(capsys, demo, "export", "csv", str(tmp_path / "sheets"))
    assert code == 0 and out.count("Wrote ") == 3
    code, out, _ = jf(capsys, demo, "export", "ics", "--days", "14")
    assert code == 0
    events = list(icalendar.Calendar.from_ical(out.encode()).walk("VEVENT"))
    assert events and all(str(e["UID"]).endswith("@jobfutures.invalid") for e in events)
    code, out, _ = jf(capsys, demo, "export", "markdown", "northwind")
    assert code == 0 and out.startswith("# Northwind Logistics")
    code, _, err = jf(capsys, demo, "export", "markdown", "zzz-nobody")
    assert code == 1 and "no job future matches" in err
    code, _, err = jf(capsys, tmp_path / "nothing", "export", "json")
    assert code == 1 and "no jobfutures data" in err


def test_a_missing_month_is_said_by_readers_and_stops_an_export(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    """A month of touches deleted by hand (or by a sync tool): every command that reads
    says so on stderr, and an export refuses unless --force (docs/storage.md)."""
    month = sorted((demo / "touches").glob("*.json"))[-1]
    month.unlink()
    name = f"touches/{month.name}"
    for words in (["due"], ["stats"]):
        code, out, err = jf(capsys, demo, *words)
        assert code == 0 and out, words
        assert f"warning: {demo / name}: it is missing" in err, words
        assert f"jobfutures backups lists those in {demo / 'backups'}" in err, words
    export = tmp_path / "all.json"
    code, out, err = jf(capsys, demo, "export", "json", "-o", str(export))
    assert code == 1 and out == "" and not export.exists()
    assert f"nothing was exported: {demo / name}: it is missing" in err and "--force" in err
    code, _, err = jf(capsys, demo, "export", "json", "-o", str(export), "--force")
    assert code == 0 and export.is_file() and f"{demo / name}: it is missing" in err
    assert not month.exists(), "a reader wrote nothing back"


def test_exports_work_while_the_app_holds_the_data(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    with Repository.open(demo, holder="the jobfutures app"):
        code, out, _ = jf(capsys, demo, "export", "json")
        assert code == 0 and len(json.loads(out)["touches"]) == 160
        vcf = str(FIXTURES / "apple_contacts.vcf")
        code, _, err = jf(capsys, demo, "import", "vcard", vcf, "--apply")
        assert code == 1 and err.startswith(
            f"jobfutures: the jobfutures app (pid {os.getpid()}) has the data in {demo} open, "
            "so nothing was saved.\nQuit it (q) and run this again."
        )


def test_demo_export_leaves_the_users_data_alone(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--demo", "export", "markdown", "northwind"]) == 0
    assert capsys.readouterr().out.startswith("# Northwind Logistics")
    assert not data_folder().exists()


# ------------------------------------------------------------ backup, restore, check


def test_backup_backups_and_restore(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    code, out, _ = jf(capsys, demo, "backup", str(tmp_path / "mine.zip"))
    assert code == 0 and out.startswith(f"Backed up to {tmp_path / 'mine.zip'} (")
    code, out, _ = jf(capsys, demo, "backups")
    assert code == 0 and out.startswith("No automatic backups")
    with Repository.open(demo) as repo:
        repo.delete(*repo.prospects())
    code, out, _ = jf(capsys, demo, "backups", "--json")
    (listed,) = json.loads(out)
    assert listed["size"] > 0 and listed["taken_at"].startswith("2026-11-23")
    code, out, _ = jf(capsys, demo, "backups")
    assert "Mon 23 Nov 2026 15:00:00" in out and "KB" in out

    code, out, _ = jf(capsys, demo, "restore", str(tmp_path / "mine.zip"))
    assert code == 0 and "23 job futures" in out and "Nothing was changed" in out
    code, out, _ = jf(capsys, demo, "restore", str(tmp_path / "mine.zip"), "--apply", "--json")
    result = json.loads(out)
    assert code == 0 and result["restored"] and Path(result["backup"]).exists()
    with Repository.open(demo, read_only=True) as repo:
        assert len(repo.prospects()) == 23


def test_a_damaged_backup_is_refused_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(damaged, "w") as archive:
        archive.writestr("meta.json", '{"app": "jobfutures", "schema_version": 2}')
        archive.writestr("prospects.json", '{"prospects": {"x": ')
    before = files_of(demo)
    code, out, err = jf(capsys, demo, "restore", str(damaged), "--apply")
    assert code == 1 and out == ""
    assert err == (
        f"jobfutures: Cannot restore {damaged}: prospects.json: it is not valid JSON "
        "(unexpected end of data: line 1 column 21 (char 20)).\nNothing was changed.\n"
    )
    assert files_of(demo) == before


def test_check_exit_codes_and_repair(capsys: pytest.CaptureFixture[str], demo: Path) -> None:
    code, out, _ = jf(capsys, demo, "check")
    assert code == 0 and out.endswith("No problems found.\n")
    people = demo / "people.json"
    data = json.loads(people.read_text())
    data["people"].popitem()
    people.write_text(json.dumps(data))
    synced(people)  # deleted on another device, its manifest along
    code, out, _ = jf(capsys, demo, "check")
    assert code == 1 and "do not exist" in out and "check --repair" in out
    code, out, _ = jf(capsys, demo, "check", "--json")
    assert code == 1 and json.loads(out)["ok"] is False
    code, out, _ = jf(capsys, demo, "check", "--repair")
    assert code == 0 and out.startswith("Repaired ") and "No problems found." in out


# ------------------------------------------------------------ progress


def test_a_progress_bar_only_for_long_imports() -> None:
    out = io.StringIO()
    bar = common.progress_bar("Reading", out, force=True)
    assert bar is not None
    bar(50, 100)
    assert out.getvalue() == "", "a short file needs no bar"
    bar(250, 1000)
    bar(1000, 1000)
    text = out.getvalue()
    assert "\rReading " in text and "250/1000" in text and text.endswith("1000/1000\n")
    assert common.progress_bar("Reading", io.StringIO()) is None, "not a terminal: no bar"


def test_a_backup_renamed_by_hand_is_listed_without_a_date(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    (demo / "backups").mkdir(exist_ok=True)
    (demo / "backups" / "jobfutures-before-my-move.zip").write_bytes(b"PK")
    code, out, _ = jf(capsys, demo, "backups")
    assert code == 0 and "(date unknown)" in out and "jobfutures-before-my-move.zip" in out
    code, out, _ = jf(capsys, demo, "backups", "--json")
    assert code == 0 and json.loads(out)[0]["taken_at"] is None
