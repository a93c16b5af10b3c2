"""``jobfutures profile``: shown, set field by field, refused by the option to fix.

Exit codes: 0 shown or saved (or nothing to change), 1 refused with the reason
on stderr and nothing written, 2 wrong arguments.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from shell import files_of, jf, without_textual

from jobfutures_tui import cli
from jobfutures_tui.models import Company, Profile
from jobfutures_tui.store import Repository

EVERYTHING = [
    "--name", "Sam Ortiz",
    "--email", "sam@ortiz.example",
    "--phone", "+1 303 555 0100",
    "--city", "Denver",
    "--linkedin", "https://linkedin.example/in/sam-ortiz",
    "--signature", "Sam Ortiz\nData engineer · Denver",
    "--pitch", "Data engineer who makes pipelines boring",
    "--other-email", "sam@old.example",
    "--other-email", "ortiz@work.example",
]  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A folder with some data in it, and no profile yet."""
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        repo.save(Company(name="Acme"))
    return folder


def stored(folder: Path) -> Profile:
    with Repository.open(folder, read_only=True) as repo:
        return repo.profile()


def test_help_lists_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main(["profile", "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: jobfutures profile")
    for option in ("--name", "--signature", "--other-email", "--no-other-email", "--json"):
        assert option in out
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    assert "profile" in capsys.readouterr().out


def test_without_data_it_shows_an_empty_profile_and_how_to_fill_it(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    nothing = tmp_path / "nothing"
    code, out, err = jf(capsys, nothing, "profile")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[:8] == [
        "Name:         (not set)",
        "Email:        (not set)",
        "Other emails: (not set)",
        "Phone:        (not set)",
        "LinkedIn:     (not set)",
        "City:         (not set)",
        "Pitch:        (not set)",
        "Signature:    (not set)",
    ]
    assert "Scripts are signed with your name" in out
    assert 'Set it with: jobfutures profile --name "Your Name"' in out
    assert all(len(line) <= 80 for line in lines)
    code, out, _ = jf(capsys, nothing, "profile", "--json")
    assert code == 0
    shown = json.loads(out)
    assert (shown["id"], shown["name"], shown["asked"]) == ("me", "", False)
    assert not nothing.exists(), "showing creates nothing"


def test_setting_every_field_then_one_leaves_the_others(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    code, out, err = jf(capsys, data, "profile", *EVERYTHING)
    assert code == 0, err
    assert out.splitlines() == [
        "Saved your profile.",
        "Name:         Sam Ortiz",
        "Email:        sam@ortiz.example",
        "Other emails: sam@old.example, ortiz@work.example",
        "Phone:        +1 303 555 0100",
        "LinkedIn:     https://linkedin.example/in/sam-ortiz",
        "City:         Denver",
        "Pitch:        Data engineer who makes pipelines boring",
        "Signature:    Sam Ortiz",
        "              Data engineer · Denver",
    ]
    first = stored(data)
    assert first.asked, "filled in from the shell: the app need not ask"
    assert first.signature == "Sam Ortiz\nData engineer · Denver"

    code, out, _ = jf(capsys, data, "profile", "--city", "Boulder", "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["city"] == "Boulder" and shown["name"] == "Sam Ortiz"
    assert shown["other_emails"] == ["sam@old.example", "ortiz@work.example"]
    assert stored(data) == Profile.model_validate(shown)
    assert stored(data).created_at == first.created_at

    code, out, _ = jf(capsys, data, "profile")
    assert code == 0 and "City:         Boulder" in out and "Scripts are signed" not in out
    code, out, _ = jf(capsys, data, "profile", "--city", "")
    assert code == 0 and "City:         (not set)" in out


def test_other_addresses_are_added_once_and_removed_in_any_case(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    jf(capsys, data, "profile", "--email", "sam@ortiz.example", "--other-email", "a@x.example")
    code, _, _ = jf(
        capsys, data, "profile", "--other-email", "A@X.example", "--other-email", "b@x.example",
        "--other-email", "SAM@ortiz.example",
    )  # fmt: skip
    assert code == 0
    assert stored(data).other_emails == ("a@x.example", "b@x.example")
    code, _, _ = jf(capsys, data, "profile", "--no-other-email", "A@x.Example")
    assert code == 0 and stored(data).other_emails == ("b@x.example",)

    before = files_of(data)
    code, out, err = jf(capsys, data, "profile", "--no-other-email", "zed@x.example")
    assert code == 1 and out == ""
    assert err == (
        "jobfutures: --no-other-email: zed@x.example is not one of your other addresses "
        "(b@x.example); nothing was saved.\n"
    )
    code, _, err = jf(
        capsys, data, "profile", "--other-email", "c@x.example", "--no-other-email", "C@x.example"
    )
    assert code == 1
    assert err == (
        "jobfutures: --other-email and --no-other-email both name c@x.example; nothing was saved.\n"
    )
    assert files_of(data) == before


def test_saying_the_same_again_changes_nothing(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    jf(capsys, data, "profile", "--name", "Sam Ortiz")
    before = files_of(data)
    code, out, _ = jf(capsys, data, "profile", "--name", "Sam Ortiz")
    assert code == 0
    assert out.startswith("Your profile says so already; nothing was changed.\n")
    assert files_of(data) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--email", "sam"], "--email: 'sam' does not look like an email address"),
        (["--other-email", "@x"], "--other-email: '@x' does not look like an email address"),
        (["--name", "x" * 1001], "--name: is too long (at most 1000 characters)"),
    ],
    ids=["email", "other email", "name"],
)
def test_invalid_input_is_refused_by_its_option_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str], data: Path, args: list[str], message: str
) -> None:
    before = files_of(data)
    code, out, err = jf(capsys, data, "profile", "--city", "Denver", *args)
    assert code == 1 and out == ""
    assert err == f"jobfutures: {message} (nothing was saved)\n"
    assert files_of(data) == before


def test_several_wrong_options_are_listed(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code, _, err = jf(capsys, data, "profile", "--email", "no", "--other-email", "neither")
    assert code == 1
    assert err.splitlines() == [
        "jobfutures: some options need fixing; nothing was saved.",
        "  --email: 'no' does not look like an email address",
        "  --other-email: 'neither' does not look like an email address",
    ]


def test_a_new_folder_is_started_and_existing_data_backed_up_first(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    fresh = tmp_path / "fresh"
    code, _, _ = jf(capsys, fresh, "profile", "--name", "Sam Ortiz")
    assert code == 0 and stored(fresh).name == "Sam Ortiz"
    assert not list((data / "backups").glob("*.zip"))
    assert jf(capsys, data, "profile", "--name", "Sam Ortiz")[0] == 0
    assert len(list((data / "backups").glob("*.zip"))) == 1


def test_while_the_app_has_the_data_it_shows_but_saves_nothing(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    jf(capsys, data, "profile", "--name", "Sam Ortiz")
    with Repository.open(data, holder="the jobfutures app"):
        before = files_of(data)
        code, out, _ = jf(capsys, data, "profile")
        assert code == 0 and "Name:         Sam Ortiz" in out
        code, out, err = jf(capsys, data, "profile", "--city", "Denver")
        assert code == 1 and out == ""
        assert err == (
            f"jobfutures: the jobfutures app (pid {os.getpid()}) has the data in {data} open, "
            "so nothing was saved.\n"
            "Edit it there (ctrl+p, Your profile), or quit it (q) and run this again.\n"
        )
        assert files_of(data) == before


def test_read_only_and_usage_errors(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    before = files_of(data)
    code, _, err = jf(capsys, data, "--read-only", "profile", "--city", "Denver")
    assert code == 1 and "--read-only: setting your profile would change the data" in err
    assert jf(capsys, data, "--read-only", "profile")[0] == 0
    with pytest.raises(SystemExit) as usage:
        cli.main(["--data", str(data), "profile", "--town", "Denver"])
    assert usage.value.code == 2
    assert files_of(data) == before


def test_a_damaged_profile_is_refused_and_left_as_it_was(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    jf(capsys, data, "profile", "--name", "Sam Ortiz")
    damaged = b'{"profile": {"me": {"id": "me", "email": "sam"}}}'
    (data / "profile.json").write_bytes(damaged)
    for args in ([], ["--city", "Denver"]):
        code, out, err = jf(capsys, data, "profile", *args)
        assert code == 1 and out == ""
        assert err.startswith(f"jobfutures: Cannot open {data / 'profile.json'}: ")
    assert (data / "profile.json").read_bytes() == damaged


def test_text_is_printed_as_typed(capsys: pytest.CaptureFixture[str], data: Path) -> None:
    code, out, _ = jf(capsys, data, "profile", "--name", "[bold]Acme[/", "--pitch", "a\tb")
    assert code == 0
    assert "Name:         [bold]Acme[/\n" in out and "Pitch:        a b\n" in out


def test_profile_never_imports_textual(data: Path) -> None:
    runs = [["profile", "--name", "Sam Ortiz", "--city", "Denver"], ["profile", "--json"]]
    result = without_textual(data, runs)
    assert result.returncode == 0, result.stderr


def test_the_demo_has_a_seeker(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--demo", "profile"]) == 0
    out = capsys.readouterr().out
    assert "Name:         Sam Ortiz\n" in out and "City:         Denver\n" in out
    assert "Scripts are signed" not in out


def test_import_json_says_which_profile_it_keeps(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    export = tmp_path / "demo.json"
    assert cli.main(["--demo", "export", "json", "-o", str(export)]) == 0
    jf(capsys, data, "profile", "--name", "Sam O.")
    code, out, _ = jf(capsys, data, "import", "json", "--merge", str(export))
    assert code == 0
    assert "  profile Sam Ortiz: yours (Sam O.) is kept as it is; the export's is left out" in (
        out.splitlines()
    )
    empty = tmp_path / "empty"
    code, out, _ = jf(capsys, empty, "import", "json", "--merge", str(export), "--apply")
    assert code == 0
    assert "  note: your profile is empty, so the export's (Sam Ortiz) is imported" in out
    assert stored(empty).name == "Sam Ortiz"
