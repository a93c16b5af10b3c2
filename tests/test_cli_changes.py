"""``jobfutures add``, ``log`` and ``move``: the app's forms from the shell, on a
real store, with time frozen on a Monday afternoon in New York.

Exit codes: 0 saved (or nothing to change), 1 refused with the reason on
stderr and nothing written, 2 wrong arguments.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pendulum
import pytest
from clock import frozen_at
from shell import files_of, jf, without_textual

from jobfutures_tui import cli
from jobfutures_tui.commands.changes import refusal
from jobfutures_tui.models import (
    Channel,
    ClosedReason,
    Direction,
    Origin,
    Outcome,
    PersonRole,
    Prospect,
    Stage,
)
from jobfutures_tui.store import Repository

NEW_YORK = pendulum.timezone("America/New_York")
NOW = pendulum.datetime(2026, 11, 23, 15, 30, tz=NEW_YORK)


frozen = frozen_at(NOW, NEW_YORK)


def only(repo: Repository, company: str) -> Prospect:
    """The one job future at the company of that exact name."""
    (found,) = [p for p in repo.prospects() if repo.company(p.company_id).name == company]
    return found


# ------------------------------------------------------------ the command set


@pytest.mark.parametrize("command", ["add", "log", "move"])
def test_each_has_help(capsys: pytest.CaptureFixture[str], command: str) -> None:
    with pytest.raises(SystemExit) as done:
        cli.main([command, "--help"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"usage: jobfutures {command}")
    assert "--json" in out


def test_help_lists_the_values_each_option_takes(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["log", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    for kind in (Channel, Outcome):
        assert ", ".join(member.value for member in kind) in out


@pytest.mark.parametrize(
    "args",
    [
        ["add"],
        ["add", "Acme", "--stage", "archive"],
        ["add", "Acme", "--person-role", "boss"],
        ["log", "northwind", "--outcome", "sent"],
        ["log", "northwind", "--channel", "fax", "--outcome", "sent"],
        ["log", "northwind", "--channel", "call", "--outcome", "great"],
        ["log", "northwind", "--channel", "call", "--outcome", "sent", "--inbound",
         "--direction", "out"],
        ["move", "northwind"],
        ["move", "northwind", "heaven"],
        ["move", "northwind", "archive", "--reason", "bored"],
    ],
    ids=" ".join,
)  # fmt: skip
def test_usage_errors_exit_2_and_change_nothing(
    capsys: pytest.CaptureFixture[str], demo: Path, args: list[str]
) -> None:
    before = files_of(demo)
    with pytest.raises(SystemExit) as usage:
        cli.main(["--data", str(demo), *args])
    assert usage.value.code == 2
    assert f"usage: jobfutures {args[0]}" in capsys.readouterr().err
    assert files_of(demo) == before


def test_values_are_read_by_label_or_value_in_any_case(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, _, err = jf(
        capsys, demo, "log", "contoso", "--channel", "LINKEDIN", "--outcome", "Left Voicemail",
        "--kind", "something useful", "--direction", "IN",
    )  # fmt: skip
    assert code == 0, err
    with Repository.open(demo, read_only=True) as repo:
        (touch, *_) = repo.touches_for(only(repo, "Contoso, Ltd.").id)
    assert (touch.channel, touch.outcome, touch.direction) == (
        Channel.LINKEDIN,
        Outcome.LEFT_VOICEMAIL,
        Direction.IN,
    )


def test_the_commands_never_import_textual(demo: Path) -> None:
    runs = [
        ["add", "Acme Robotics", "--person", "Jo Lee", "--email", "jo@acme.example"],
        ["log", "acme", "--channel", "email", "--outcome", "sent", "--date", "yesterday"],
        ["move", "acme", "offer"],
        ["move", "acme", "archive", "--reason", "not-interested"],
    ]
    result = without_textual(demo, runs)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------ add


def test_add_with_every_option(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "data"
    code, out, err = jf(
        capsys, folder, "add", "Acme Robotics",
        "--person", "Jo Lee", "--person-role", "recruiter/HR", "--title", "Talent Partner",
        "--prefers", "LinkedIn", "--phone", "555-0199", "--email", "jo@acme.example",
        "--role", "Data Lead", "--stage", "rejected-but-warm", "--origin", "offer declined",
        "--interview-date", "3 days ago", "--notes", "Liked the pipeline demo",
    )  # fmt: skip
    assert code == 0 and err == ""
    assert out.splitlines()[0] == (
        "Added Acme Robotics · Data Lead (rejected-but-warm), with Jo Lee (Talent Partner)."
    )
    assert out.splitlines()[1].startswith("next: ")
    with Repository.open(folder, read_only=True) as repo:
        (prospect,) = repo.prospects()
        (person,) = repo.people()
        (company,) = repo.companies()
    assert company.name == "Acme Robotics" and prospect.company_id == company.id
    assert prospect.person_ids == (person.id,)
    assert (prospect.role, prospect.stage, prospect.origin) == (
        "Data Lead",
        Stage.REJECTED_WARM,
        Origin.OFFER_DECLINED,
    )
    assert prospect.began_on == pendulum.date(2026, 11, 20)
    assert prospect.notes == "Liked the pipeline demo"
    assert (person.name, person.role, person.title) == (
        "Jo Lee",
        PersonRole.RECRUITER,
        "Talent Partner",
    )
    assert (person.preferred_channel, person.phone, person.email) == (
        Channel.LINKEDIN,
        "555-0199",
        "jo@acme.example",
    )
    assert person.company_id == company.id


def test_add_someone_known_only_by_linkedin_with_an_address_and_a_city(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    url = "https://www.linkedin.com/in/jo-lee"
    code, _, err = jf(
        capsys, folder, "add", "Acme", "--person", "Jo Lee", "--linkedin", url,
        "--address", r"Acme Robotics\n1 Main St, Suite 4\nDenver, CO 80202", "--city", "Denver",
    )  # fmt: skip
    assert code == 0, err
    code, _, err = jf(
        capsys, folder, "add", "Globex", "--person", "Ana", "--address", "9 Elm St\nBoise, ID"
    )
    assert code == 0, err
    with Repository.open(folder, read_only=True) as repo:
        people = {p.name: p for p in repo.people()}
    jo = people["Jo Lee"]
    assert (jo.linkedin, jo.city) == (url, "Denver")
    assert jo.address == "Acme Robotics\n1 Main St, Suite 4\nDenver, CO 80202", "\\n as typed"
    assert people["Ana"].address == "9 Elm St\nBoise, ID", "or a real line break"
    with pytest.raises(SystemExit):
        cli.main(["add", "--help"])
    out = capsys.readouterr().out
    for option in ("--linkedin URL", "--address TEXT", "--city CITY", "real line breaks"):
        assert option in out


def test_add_json_prints_what_was_saved(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = jf(capsys, tmp_path / "d", "add", "Acme", "--person", "Jo Lee", "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) == {"saved", "prospect_id", "next", "notes"}
    assert sorted(report["saved"]) == ["companies", "people", "prospects"]
    (prospect,) = report["saved"]["prospects"]
    assert prospect["id"] == report["prospect_id"] and prospect["stage"] == "interviewed"
    assert set(report["next"]) == {"due", "channel", "kind", "person_id", "reason"}
    assert report["next"]["kind"] == "thank-you"


def test_a_role_named_like_a_part_in_the_hiring_is_saved_with_a_note(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--role is the job discussed; --person-role the person's part. Typing the one for
    the other is saved as typed, and the note names the option perhaps meant."""
    folder = tmp_path / "d"
    typed = ["--person", "Rita", "--role", "Recruiter"]
    code, out, err = jf(capsys, folder, "add", "Phone Co", *typed)
    assert code == 0 and "Phone Co · Recruiter" in out and "Rita (hiring manager)" in out
    assert "for Rita's part in the hiring the option is --person-role recruiter" in err
    for quiet in (
        ["--person", "Rita", "--role", "Recruiter", "--person-role", "recruiter"],
        ["--person", "Rita", "--role", "Recruiting Lead"],
        ["--role", "recruiter"],
    ):
        code, _, err = jf(capsys, folder, "add", "Other Co", *quiet)
        assert code == 0 and "--person-role" not in err, quiet


def test_add_reuses_a_company_and_says_what_else_is_there(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, _, err = jf(capsys, demo, "add", "NORTHWIND LOGISTICS", "--role", "Platform Lead")
    assert code == 0
    assert "note: Northwind Logistics already has a job future: Staff Data Engineer" in err
    code, _, err = jf(capsys, demo, "add", "Northwind")
    assert code == 0
    assert "'Northwind' is a new company; you also have Northwind Logistics" in err
    with Repository.open(demo, read_only=True) as repo:
        names = [c.name for c in repo.companies()]
    assert names.count("Northwind Logistics") == 1 and "Northwind" in names


def test_add_reads_whole_only_the_companies_it_names(
    capsys: pytest.CaptureFixture[str], demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The note on a name like another is matched on the stored rows: of the
    companies, only the one named is validated (issue 22: add at 5,000)."""
    from jobfutures_tui.store.datafiles import DataFiles

    assert jf(capsys, demo, "add", "Zed Widgets")[0] == 0  # the index now knows the files valid
    read: list[str] = []
    original = DataFiles.validate

    def spy(self, kind, name, doc_id, row):  # type: ignore[no-untyped-def]
        read.append(kind.__name__)
        return original(self, kind, name, doc_id, row)

    monkeypatch.setattr(DataFiles, "validate", spy)
    code, _, err = jf(capsys, demo, "add", "Northwind")
    assert code == 0
    assert "'Northwind' is a new company; you also have Northwind Logistics" in err
    assert read.count("Company") == 1, read


def test_add_refuses_wrong_values_by_their_option(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    code, out, err = jf(
        capsys, folder, "add", "Acme", "--person", "Jo", "--email", "jo-at-acme",
        "--interview-date", "2027-01-04",
    )  # fmt: skip
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "jobfutures: some options need fixing; nothing was saved.",
        "  --interview-date: the interview date cannot be in the future",
        "  --email: 'jo-at-acme' does not look like an email address",
    ]
    code, _, err = jf(capsys, folder, "add", "Acme", "--phone", "555")
    assert code == 1 and err == "jobfutures: --person: say whose phone it is (nothing was saved)\n"
    code, _, err = jf(capsys, folder, "add", "Acme", "--address", "1 Main St", "--city", "Oslo")
    assert code == 1 and err.startswith("jobfutures: --person: say whose address it is")
    code, _, err = jf(capsys, folder, "add", "Acme", "--person", "Jo", "--linkedin", "jo-lee")
    assert code == 1 and err == (
        "jobfutures: --linkedin: 'jo-lee' is not a LinkedIn profile address (copy it from "
        "their profile: https://www.linkedin.com/in/…) (nothing was saved)\n"
    )
    code, _, err = jf(capsys, folder, "add", " ")
    assert code == 1 and err.startswith("jobfutures: COMPANY: cannot be empty")
    assert not folder.exists(), "a refused add creates nothing"


# ------------------------------------------------------------ log


def test_log_a_call_backdated_to_yesterday_afternoon(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, err = jf(
        capsys, demo, "log", "northwind", "--person", "priya", "--channel", "call",
        "--outcome", "left-voicemail", "--date", "yesterday 4pm", "--note", "Back Thursday",
    )  # fmt: skip
    assert code == 0 and err == ""
    logged, upcoming = out.splitlines()
    assert logged == (
        "Logged call (left voicemail) — Northwind Logistics · Priya Raman · Sun 22 Nov 16:00"
    )
    assert upcoming.startswith("next: ") and " · " in upcoming and " — " in upcoming
    with Repository.open(demo, read_only=True) as repo:
        northwind = only(repo, "Northwind Logistics")
        (touch, *_) = repo.touches_for(northwind.id)
        priya = repo.person(touch.person_id)
    assert priya is not None and priya.name == "Priya Raman"
    assert touch.at == pendulum.datetime(2026, 11, 22, 21, tz="UTC")  # 4pm in New York
    assert (touch.channel, touch.outcome, touch.note) == (
        Channel.CALL,
        Outcome.LEFT_VOICEMAIL,
        "Back Thursday",
    )


def test_log_json_prints_what_was_saved_and_what_comes_next(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = jf(
        capsys, demo, "log", "fabrikam", "--person", "zoe", "--channel", "email",
        "--outcome", "sent", "--shared", "Lakehouse costs, measured", "--json",
    )  # fmt: skip
    assert code == 0
    report = json.loads(out)
    assert set(report) == {
        "saved", "prospect_id", "touch_id", "referral_id", "moved_to", "warnings", "next",
    }  # fmt: skip
    (touch,) = report["saved"]["touches"]
    assert touch["id"] == report["touch_id"] and touch["prospect_id"] == report["prospect_id"]
    assert touch["at"] == "2026-11-23T20:30:00+00:00" and touch["shared"] == [
        "Lakehouse costs, measured"
    ]
    assert [s["title"] for s in report["saved"].get("shareables", [])] in (
        [],
        ["Lakehouse costs, measured"],
    )
    assert report["referral_id"] is None and report["moved_to"] is None
    assert report["next"]["due"] > "2026-11-23" and report["next"]["reason"]


def test_sharing_the_same_item_twice_warns_on_stderr(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    args = ["log", "fabrikam", "--person", "zoe", "--channel", "email", "--outcome", "sent"]
    assert jf(capsys, demo, *args, "--shared", "My talk", "--date", "3 days ago")[0] == 0
    code, out, err = jf(capsys, demo, *args, "--shared", "my talk")
    assert code == 0 and out.startswith("Logged email (sent)")
    assert err == "warning: you already sent Zoë 'my talk' on 20 Nov 2026\n"
    code, out, _ = jf(capsys, demo, "check")
    assert code == 0 and "No problems found" in out, "a shareable is a record check knows"


def test_a_referral_creates_the_linked_job_future(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, err = jf(
        capsys, demo, "log", "northwind", "--person", "dana", "--channel", "call",
        "--outcome", "referral given", "--referred-company", "Acme Robotics",
        "--referred-person", "Jo Lee", "--referred-role", "Data Lead",
    )  # fmt: skip
    assert code == 0, err
    assert out.splitlines()[:2] == [
        "Logged call (referral given), added the referral — Northwind Logistics · "
        "Dana Whitfield · Mon 23 Nov 15:30",
        "referral: Acme Robotics · Data Lead · referral",
    ]
    with Repository.open(demo, read_only=True) as repo:
        acme = only(repo, "Acme Robotics")
        dana = next(p for p in repo.people() if p.name == "Dana Whitfield")
        (jo,) = [repo.person(pid) for pid in acme.person_ids]
    assert (acme.stage, acme.origin, acme.role) == (Stage.REFERRAL, Origin.REFERRED, "Data Lead")
    assert acme.referred_by_id == dana.id
    assert jo is not None and jo.name == "Jo Lee" and jo.company_id == acme.company_id


def test_a_referral_needs_the_company_and_saves_nothing_without(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    before = files_of(demo)
    code, out, err = jf(
        capsys, demo, "log", "northwind", "--channel", "call", "--outcome", "referral-given"
    )
    assert code == 1 and out == ""
    assert err == (
        "jobfutures: --referred-company: say which company they referred you to "
        "(nothing was saved)\n"
    )
    code, _, err = jf(capsys, demo, "log", "northwind", "--channel", "call", "--outcome", "sent",
                      "--date", "2026-11-24 09:00")  # fmt: skip
    assert code == 1 and err.startswith("jobfutures: --date: a touch cannot be dated in the future")
    code, _, err = jf(capsys, demo, "log", "northwind", "--channel", "call", "--outcome", "sent",
                      "--date", "the other day")  # fmt: skip
    assert code == 1 and err.startswith("jobfutures: --date: 'the other day' is not a date")
    assert files_of(demo) == before


def test_log_moves_it_in_the_same_change_and_takes_an_inbound_reply(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = jf(
        capsys, demo, "log", "contoso", "--channel", "email", "--outcome", "opening-mentioned",
        "--inbound", "--move-to", "offer",
    )  # fmt: skip
    assert code == 0 and out.startswith("Logged email (opening mentioned), moved to offer — ")
    with Repository.open(demo, read_only=True) as repo:
        contoso = only(repo, "Contoso, Ltd.")
        (touch, *_) = repo.touches_for(contoso.id)
    assert contoso.stage is Stage.OFFER
    assert touch.direction is Direction.IN and touch.replied


def test_an_outcome_that_calls_for_a_move_says_how(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, _, err = jf(
        capsys, demo, "log", "contoso", "--channel", "call", "--outcome", "opening-mentioned"
    )
    assert code == 0
    assert err == "hint: this usually moves it to offer: jobfutures move 'Contoso, Ltd.' offer\n"


def test_without_person_the_suggested_one_is_logged(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    with Repository.open(demo, read_only=True) as repo:
        from jobfutures_tui.usecases.decisions import next_suggestion

        northwind = only(repo, "Northwind Logistics")
        suggested = next_suggestion(repo, northwind.id, today=NOW.date())
        assert suggested is not None and suggested.person_id is not None
        name = repo.person(suggested.person_id).name
    code, out, _ = jf(capsys, demo, "log", "northwind", "--channel", "email", "--outcome", "sent")
    assert code == 0 and f" · {name} · " in out.splitlines()[0]


# ------------------------------------------------------------ move


def test_move_archive_with_a_reason_then_reopen(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = jf(capsys, demo, "move", "contoso", "offer")
    assert code == 0 and out.startswith("Moved Contoso, Ltd. from rejected-but-warm to offer.\n")
    code, out, _ = jf(
        capsys, demo, "move", "contoso", "archive", "--reason", "hired-elsewhere",
        "--note", "Took the Fabrikam offer",
    )  # fmt: skip
    assert (
        code == 0
        and out == "Archived Contoso, Ltd. (hired elsewhere).\nnext: nothing due after this one\n"
    )
    with Repository.open(demo, read_only=True) as repo:
        contoso = only(repo, "Contoso, Ltd.")
    assert contoso.stage is Stage.ARCHIVE
    assert (contoso.closed_reason, contoso.closed_note) == (
        ClosedReason.HIRED_ELSEWHERE,
        "Took the Fabrikam offer",
    )
    code, out, _ = jf(
        capsys, demo, "move", "contoso", "archive", "--reason", "other", "--note", "x"
    )
    assert code == 0 and out.startswith("Contoso, Ltd. is already in archive; nothing was changed.")

    code, out, _ = jf(capsys, demo, "move", "contoso", "rejected-but-warm", "--json")
    assert code == 0
    report = json.loads(out)
    assert (report["from"], report["to"]) == ("archive", "rejected-but-warm")
    (saved,) = report["saved"]["prospects"]
    assert saved["stage"] == "rejected-but-warm" and saved["closed_reason"] is None
    assert saved["closed_note"] == "" and report["next"] is not None


def test_move_and_log_keep_each_move_in_the_history(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    """Issue 20: the moves are kept (docs/insights.md, "The pipeline")."""
    with Repository.open(demo, read_only=True) as repo:
        before = only(repo, "Contoso, Ltd.")
    assert before.stages == () and before.stage is Stage.REJECTED_WARM
    assert jf(capsys, demo, "move", "contoso", "offer")[0] == 0
    assert jf(capsys, demo, "move", "contoso", "archive", "--reason", "hired-here")[0] == 0
    code, _, _ = jf(
        capsys, demo, "log", "contoso", "--channel", "call", "--outcome", "conversation",
        "--move-to", "referral",
    )  # fmt: skip
    assert code == 0
    with Repository.open(demo, read_only=True) as repo:
        after = only(repo, "Contoso, Ltd.")
    since = before.stage_changed_at or before.created_at
    assert [(s.stage, s.at) for s in after.stages] == [
        (Stage.REJECTED_WARM, since),
        (Stage.OFFER, NOW),
        (Stage.ARCHIVE, NOW),
        (Stage.REFERRAL, NOW),
    ]
    code, out, _ = jf(capsys, demo, "stats", "--json")
    moves = json.loads(out)["pipeline"]["moves"]
    assert {"from": "offer", "to": "archive", "count": 1} in moves
    assert {"from": "archive", "to": "referral", "count": 1} in moves


def test_archiving_needs_a_reason_and_other_needs_a_note(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    before = files_of(demo)
    code, out, err = jf(capsys, demo, "move", "contoso", "archive")
    assert code == 1 and out == ""
    assert err.startswith("jobfutures: --reason: say why it is archived (hired-here, ")
    code, _, err = jf(capsys, demo, "move", "contoso", "archive", "--reason", "other")
    assert code == 1
    assert err == (
        "jobfutures: --note: say in a few words why (the reason is 'other') (nothing was saved)\n"
    )
    code, _, err = jf(capsys, demo, "move", "contoso", "offer", "--reason", "other")
    assert code == 1 and "--reason and --note go with archive only" in err
    assert files_of(demo) == before


# ------------------------------------------------------------ which job future


@pytest.mark.parametrize(
    "command",
    [
        ["log", "--channel", "call", "--outcome", "sent"],
        ["move", "--json"],
    ],
    ids=lambda words: words[0],
)
def test_ambiguous_or_unknown_companies_are_refused_with_candidates(
    capsys: pytest.CaptureFixture[str], demo: Path, command: list[str]
) -> None:
    before = files_of(demo)

    def run(company: str) -> str:
        args = [command[0], company, *(["offer"] if command[0] == "move" else []), *command[1:]]
        code, out, err = jf(capsys, demo, *args)
        assert code == 1 and out == ""
        return err

    assert run("tail").splitlines() == [
        "jobfutures: 'tail' could be 2 job futures; nothing was saved. "
        "Give more of the company's name:",
        "  Tailspin Toys · Engineering Manager · offer",
        "  Tailwind Traders · Staff Data Engineer · offer",
    ]
    assert run("Northwood").splitlines() == [
        "jobfutures: no company called 'Northwood' has a job future; "
        "nothing was saved. Did you mean:",
        "  Northwind Logistics",
    ]
    assert run("Acme").splitlines() == [
        "jobfutures: no company called 'Acme' has a job future; nothing was saved. Add one with:",
        "  jobfutures add Acme",
    ]
    assert files_of(demo) == before, "a refusal writes nothing, not even the index"


def test_a_long_list_of_candidates_is_cut_and_counted() -> None:
    lines = str(
        refusal("'w' could be 20 job futures", "Give more", map(str, range(20)))
    ).splitlines()
    assert lines[0] == "'w' could be 20 job futures; nothing was saved. Give more:"
    assert lines[1:] == [f"  {n}" for n in range(12)] + ["  … and 8 more"]


@pytest.mark.parametrize(
    ("typed", "company"),
    [
        ("northwind logistics", "Northwind Logistics"),
        ("north", "Northwind Logistics"),
        ("nortwind", "Northwind Logistics"),
        ("cafe ole", "Café Olé Roasters"),
        ("world", "Wide World Importers"),
        ("initech labs", "Initech [Labs]"),
    ],
)
def test_a_company_is_found_by_the_start_a_word_or_a_near_spelling(
    capsys: pytest.CaptureFixture[str], demo: Path, typed: str, company: str
) -> None:
    code, out, err = jf(capsys, demo, "move", typed, "offer")
    assert code == 0, err
    assert out.startswith(f"Moved {company} from ")


def test_the_exact_name_wins_and_several_job_futures_need_a_role(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    assert jf(capsys, demo, "add", "Contoso", "--role", "Analyst")[0] == 0
    code, out, _ = jf(capsys, demo, "move", "contoso", "offer")
    assert code == 0 and out.startswith("Moved Contoso from interviewed to offer.")

    assert jf(capsys, demo, "add", "Northwind Logistics", "--role", "Platform Lead")[0] == 0
    code, _, err = jf(capsys, demo, "log", "northwind", "--channel", "call", "--outcome", "sent")
    assert code == 1
    assert err.splitlines() == [
        "jobfutures: Northwind Logistics has 2 open job futures; nothing was saved. "
        "Say which with --role:",
        "  Staff Data Engineer · interviewed",
        "  Platform Lead · interviewed",
    ]
    code, out, _ = jf(
        capsys, demo, "log", "northwind", "--role", "platform", "--channel", "call",
        "--outcome", "sent",
    )  # fmt: skip
    assert code == 0 and out.startswith("Logged call (sent) — Northwind Logistics · Mon 23 Nov")
    code, _, err = jf(capsys, demo, "move", "northwind", "offer", "--role", "designer")
    assert code == 1 and "no job future at Northwind Logistics has the role 'designer'" in err


def test_job_futures_not_all_with_a_role_are_told_apart_by_id(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    """One without a role cannot be named by --role: the refusal says why, and lists ids."""
    assert jf(capsys, demo, "add", "Acme [bold]Labs[/")[0] == 0
    assert jf(capsys, demo, "add", "acme [bold]labs[/", "--role", "Second role")[0] == 0
    code, _, err = jf(capsys, demo, "move", "acme", "offer")
    lines = err.splitlines()
    assert code == 1
    assert lines[0] == (
        "jobfutures: Acme [bold]Labs[/ has 2 open job futures not all with a role; nothing "
        "was saved. Give the id of one instead of the company's name:"
    )
    assert [line.split(" · ", 1)[1] for line in lines[1:]] == [
        "(no role) · interviewed",
        "Second role · interviewed",
    ]
    code, out, _ = jf(capsys, demo, "move", "acme", "offer", "--role", "second")
    assert code == 0 and out.startswith("Moved Acme [bold]Labs[/ from interviewed to offer.")


def test_an_archived_one_is_found_when_its_company_has_no_open_one(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    code, out, _ = jf(capsys, demo, "move", "coho", "interviewed")
    assert code == 0 and out.startswith("Reopened Coho Winery in interviewed.")


def test_an_unknown_person_is_refused_with_the_job_futures_people(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    before = files_of(demo)
    code, _, err = jf(
        capsys, demo, "log", "blue yonder", "--person", "zed", "--channel", "call",
        "--outcome", "sent",
    )  # fmt: skip
    assert code == 1
    assert err.splitlines()[0] == (
        "jobfutures: no one called 'zed' at Blue Yonder Airlines; nothing was saved. Its people:"
    )
    assert "  Daniel Reyes · hiring manager · VP Data" in err.splitlines()
    assert files_of(demo) == before


# ------------------------------------------------------------ refusals


def test_while_the_app_has_the_data_nothing_is_saved(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    with Repository.open(demo, holder="the jobfutures app"):
        before = files_of(demo)
        code, out, err = jf(capsys, demo, "log", "northwind", "--channel", "call",
                            "--outcome", "sent")  # fmt: skip
        assert code == 1 and out == ""
        assert err == (
            f"jobfutures: the jobfutures app (pid {os.getpid()}) has the data in {demo} open, "
            "so nothing was saved.\nLog it there with c, or quit it (q) and run this again.\n"
        )
        code, _, err = jf(capsys, demo, "add", "Acme")
        assert code == 1 and err.endswith(
            "Add it there with a, or quit it (q) and run this again.\n"
        )
        assert files_of(demo) == before


def test_an_invalid_record_is_refused_before_its_file_is_rewritten(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    """A command validates every file it rewrites (not the whole history: logging
    one touch at 5,000 job futures took seconds). A damaged month stays as it is."""
    month = sorted((demo / "touches").iterdir())[0]
    rows = json.loads(month.read_text(encoding="utf-8"))
    touch = next(iter(rows["touches"].values()))
    touch["channel"] = "carrier pigeon"
    month.write_text(json.dumps(rows), encoding="utf-8")
    damaged = month.read_bytes()
    before = files_of(demo)
    when = f"{month.stem}-15 10:00"  # a touch dated in the damaged month rewrites it
    code, out, err = jf(capsys, demo, "log", "contoso", "--channel", "call",
                        "--outcome", "sent", "--date", when)  # fmt: skip
    assert code == 1 and out == ""
    assert err.startswith(f"jobfutures: Cannot open {month}: ") and "Nothing was changed" in err
    assert files_of(demo) == before

    code, _, err = jf(capsys, demo, "move", "contoso", "offer")  # rewrites prospects only
    assert code == 0, err
    assert month.read_bytes() == damaged


def test_read_only_and_missing_data_are_refused(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    before = files_of(demo)
    code, _, err = jf(capsys, demo, "--read-only", "move", "contoso", "offer")
    assert code == 1 and "--read-only: moving a job future would change the data" in err
    assert files_of(demo) == before
    nothing = tmp_path / "nothing"
    code, _, err = jf(capsys, nothing, "log", "acme", "--channel", "call", "--outcome", "sent")
    assert code == 1 and f"there is no jobfutures data in {nothing} yet" in err
    assert not nothing.exists()


def test_log_into_a_month_emptied_behind_our_back_is_refused(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    """A month emptied to no touches (a sync tool's bad copy, a hand): logging into it
    would seal the loss, the manifest agreeing. Refused, the month left as it is."""
    month = demo / "touches" / "2026-11.json"
    assert json.loads(month.read_bytes())["touches"], "the demo has touches this month"
    month.write_bytes(b'{"touches":{}}')
    before = files_of(demo)
    code, _, err = jf(capsys, demo, "log", "contoso", "--channel", "call", "--outcome", "sent")
    assert code == 1
    assert f"{month}: it holds 0 records, where the folder's manifest lists" in err
    assert "restore a backup" in err and "Nothing was changed" in err
    assert {k: v for k, v in files_of(demo).items() if k != "touch-index.json"} == {
        k: v for k, v in before.items() if k != "touch-index.json"
    }
