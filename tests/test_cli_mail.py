"""``jobfutures import mail PATH`` from the shell: dry run, --apply, --json, --since, the
counter, and never Textual."""

from __future__ import annotations

import io
import json
from email.utils import format_datetime
from pathlib import Path

import pendulum
import pytest
from shell import files_of, jf, without_textual

from jobfutures_tui.commands.mail_import import mail_counter

ME = "sam@me.example"


def setup(capsys: pytest.CaptureFixture[str], folder: Path) -> None:
    code, _, err = jf(capsys, folder, "profile", "--email", ME, "--other-email", "sam@old.example")
    assert code == 0, err
    code, _, err = jf(
        capsys, folder, "add", "Northwind", "--person", "Priya Raman",
        "--email", "priya@north.example", "--role", "Data Lead",
    )  # fmt: skip
    assert code == 0, err


def eml(sender: str, to: str, subject: str, days_ago: int, ident: str) -> bytes:
    at = pendulum.now("UTC").subtract(days=days_ago)
    return (
        f"From: {sender}\nTo: {to}\nSubject: {subject}\nDate: {format_datetime(at)}\n"
        f"Message-ID: <{ident}@test>\n\nbody\n"
    ).encode()


def mailbox(tmp_path: Path) -> Path:
    box = tmp_path / "mail"
    box.mkdir()
    (box / "a.eml").write_bytes(eml(ME, "priya@north.example", "Hello", 3, "a"))
    (box / "b.eml").write_bytes(eml("priya@north.example", "sam@old.example", "Re: Hello", 2, "b"))
    (box / "c.eml").write_bytes(eml("stranger@else.example", ME, "Buy now", 1, "c"))
    (box / "d.eml").write_bytes(eml("priya@north.example", ME, "Long ago", 400, "d"))
    return box


def test_a_dry_run_then_apply_then_nothing_twice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    setup(capsys, folder)
    box = str(mailbox(tmp_path))
    before = files_of(folder)
    code, out, err = jf(capsys, folder, "import", "mail", box, "--since", "100 days ago")
    assert code == 0 and err == ""
    assert "New: 2 touches (1 sent, 1 reply) on 1 job future" in out
    assert "Northwind · Data Lead: 2 new, 0 already here" in out
    assert "not between you and someone you know: 1" in out
    assert "before --since: 1" in out
    assert "stranger@else.example" not in out
    assert out.endswith("Dry run: nothing was changed. Run again with --apply to import.\n")
    assert files_of(folder) == before, "a dry run changes nothing"

    code, out, _ = jf(capsys, folder, "import", "mail", box, "--apply")
    assert code == 0 and "Imported: 2 touches (1 sent, 1 reply) on 1 job future." in out
    # The mail of 400 days ago is not about a job future added today.
    assert "from more than 30 days before their job future began: 1" in out
    code, out, _ = jf(capsys, folder, "import", "mail", box, "--apply")
    assert code == 0 and out.endswith("Nothing new to import; nothing was changed.\n")

    code, out, _ = jf(capsys, folder, "import", "mail", box, "--json")
    document = json.loads(out)
    assert document["new"] == {} and document["applied"] is False
    assert len(document["job_futures"][0]["already"]) == 2
    assert document["skipped_counts"]["from more than 30 days before their job future began"] == 1


def test_refusals(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = tmp_path / "data"
    code, _, err = jf(capsys, folder, "import", "mail", str(tmp_path / "nowhere"))
    assert code == 1 and "does not exist" in err
    box = mailbox(tmp_path)
    code, _, err = jf(capsys, folder, "import", "mail", str(box))
    assert code == 1 and "there is no data" in err
    jf(capsys, folder, "add", "Acme", "--person", "Jo")
    code, _, err = jf(capsys, folder, "import", "mail", str(box))
    assert code == 1 and "profile has no email address" in err
    code, _, err = jf(capsys, folder, "import", "mail", str(box), "--since", "someday")
    assert code == 1 and "--since: 'someday' is not a date" in err


def test_the_counter_says_how_far_and_how_many() -> None:
    out = io.StringIO()
    update = mail_counter(out, force=True)
    assert update is not None
    update(50, 200, 1234)
    update(200, 200, 5000)
    update(200, 200, 5000)
    text = out.getvalue()
    assert "25% · 1,234 messages" in text and "100% · 5,000 messages\n" in text
    assert text.count("\n") == 1
    assert mail_counter(io.StringIO()) is None, "nobody watching: no counter"


def test_import_mail_never_loads_textual(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    setup(capsys, folder)
    box = str(mailbox(tmp_path))
    result = without_textual(folder, [["import", "mail", box, "--apply"]])
    assert result.returncode == 0, result.stderr
