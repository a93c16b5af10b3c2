"""When the disk says no: each command says what happened to its change, in words, and
the data is exactly as it was (or, once part of a commit is on disk, finished whole at
the next open). The disk fails at the ``os`` level (tests/faults.py); never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import orjson
import pendulum
import pytest
from clock import frozen_at
from faults import failing_disk
from shell import files_of, jf

from jobfutures_tui.commands import common
from jobfutures_tui.exchange.backup import backup_to
from jobfutures_tui.store import Repository

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")
READ_ONLY_HINT = (
    "Commands that only read (due, export, check) still work, and jobfutures --read-only "
    "opens it to look."
)


frozen = frozen_at(NOW)


def changes(tmp_path: Path, demo: Path) -> dict[str, list[str]]:
    """One change of each kind a command makes."""
    saved = backup_to(demo, tmp_path / "saved.zip")
    return {
        "add": ["add", "Acme", "--person", "Dana Reyes"],
        "log": ["log", "northwind", "--channel", "call", "--outcome", "sent"],
        "move": ["move", "contoso", "offer"],
        "profile": ["profile", "--name", "Sam Ortega"],
        "import": ["import", "vcard", str(FIXTURES / "apple_contacts.vcf"), "--apply"],
        "restore": ["restore", str(saved), "--apply"],
    }


KINDS = ["add", "log", "move", "profile", "import", "restore"]


def no_traceback(err: str) -> None:
    assert "Traceback" not in err and "Errno" not in err, err


# ------------------------------------------------------------ a full disk


@pytest.mark.parametrize("kind", KINDS)
def test_on_a_full_disk_nothing_is_saved_and_the_data_is_as_it_was(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    demo: Path,
    tmp_path: Path,
    kind: str,
) -> None:
    command = changes(tmp_path, demo)[kind]
    before = files_of(demo)
    disk = failing_disk(monkeypatch, demo, "full")
    code, out, err = jf(capsys, demo, *command)
    assert code == 1 and disk.refused, out
    no_traceback(err)
    assert err == (
        f"jobfutures: Nothing was saved: the disk is full ({demo}). Your data is as it was. "
        "Free some space, then try again.\n"
    )
    assert "Kept in memory" not in err and "will retry" not in err
    assert files_of(demo) == before, "byte for byte, not even a backup"
    disk.failing = False
    code, out, _ = jf(capsys, demo, "check")
    assert code == 0 and out.endswith("No problems found.\n")


def test_a_full_disk_after_the_backup_drops_the_commit_it_began(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo: Path
) -> None:
    """The backup fits, the journal fits, the first file does not: no file changed, so
    the journal goes and the data is as it was."""
    before = {k: v for k, v in files_of(demo).items() if not k.startswith("backups/")}
    disk = failing_disk(monkeypatch, demo, "full")
    disk.only = lambda path: os.path.basename(path).startswith(".companies.json.")
    code, _, err = jf(capsys, demo, "add", "Acme", "--person", "Dana Reyes")
    assert code == 1 and err.startswith(f"jobfutures: Nothing was saved: the disk is full ({demo})")
    after = files_of(demo)
    assert {k: v for k, v in after.items() if not k.startswith("backups/")} == before
    assert not (demo / "commit.journal").exists()
    disk.failing = False
    assert jf(capsys, demo, "check")[0] == 0


def test_a_commit_cut_short_by_a_full_disk_waits_whole_for_the_next_open(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo: Path
) -> None:
    """Companies renamed into place, people not: the journal stays, says the command,
    and the next open finishes it; a reader sees the change meanwhile. (Every file of
    a commit is written before the first rename, so a disk that fills up stops a
    commit before any file changed; a rename that fails stops it part-way.)"""
    disk = failing_disk(monkeypatch, demo, "full")
    made: list[str] = []

    def people_renamed(path: str) -> bool:
        if not os.path.basename(path).startswith(".people.json."):
            return False
        made.append(path)
        return len(made) > 1  # its temporary file is made; renaming it fails

    disk.only = people_renamed
    disk.kind = "read_only"  # the rename fails as the disk is full: with ENOSPC
    code, _, err = jf(capsys, demo, "add", "Acme", "--person", "Dana Reyes")
    assert code == 1
    no_traceback(err)
    assert err == (
        f"jobfutures: The change was not finished: the disk is full ({demo}). It is kept "
        f"whole in {demo / 'commit.journal'}, and jobfutures finishes it the next time it "
        "opens the data to change it. Free some space, then try again.\n"
    )
    assert (demo / "commit.journal").is_file()
    code, out, _ = jf(capsys, demo, "--read-only", "export", "json")
    assert code == 0 and "Dana Reyes" in out, "a reader sees the commit in progress"

    code, _, err = jf(capsys, demo, "move", "contoso", "offer")  # the disk is still full
    assert code == 1 and "A save cut short waits whole in" in err
    no_traceback(err)

    disk.failing = False
    code, _, err = jf(capsys, demo, "move", "contoso", "offer")
    assert code == 0, err
    assert not (demo / "commit.journal").exists()
    code, out, _ = jf(capsys, demo, "check")
    assert code == 0 and out.endswith("No problems found.\n")
    with Repository.open(demo, read_only=True) as repo:
        acme = repo.find_company("Acme")
        assert acme is not None
        (future,) = [p for p in repo.prospects() if p.company_id == acme.id]
        assert [repo.person(pid).name for pid in future.person_ids] == ["Dana Reyes"]


# ------------------------------------------------------------ read-only, no permission


@pytest.mark.parametrize("kind", KINDS)
def test_a_read_only_file_system_is_said_and_read_only_commands_still_work(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    demo: Path,
    tmp_path: Path,
    kind: str,
) -> None:
    command = changes(tmp_path, demo)[kind]
    before = files_of(demo)
    failing_disk(monkeypatch, demo, "read_only")
    code, out, err = jf(capsys, demo, *command)
    assert code == 1
    no_traceback(err)
    assert err.endswith(
        f"Cannot open the data in {demo} to change it: {demo} is on a read-only file "
        f"system.\nNothing was changed.\n{READ_ONLY_HINT}\n"
    )
    assert files_of(demo) == before
    # What only reads still works, and writes elsewhere.
    code, out, _ = jf(capsys, demo, "due", "--days", "30")
    assert code == 0 and "Northwind" in out
    code, _, _ = jf(capsys, demo, "export", "json", "--output", str(tmp_path / "out.json"))
    assert code == 0 and len(json.loads((tmp_path / "out.json").read_text())["touches"]) == 160
    assert jf(capsys, demo, "check")[0] == 0
    assert jf(capsys, demo, "backup", str(tmp_path / "copy.zip"))[0] == 0
    assert files_of(demo) == before


def test_a_folder_without_write_permission_is_said_with_what_to_do(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo: Path
) -> None:
    """A 0500 folder: the lock file (0600) still opens, no file can be made in it."""
    before = files_of(demo)
    failing_disk(monkeypatch, demo, "denied")
    code, _, err = jf(capsys, demo, "log", "northwind", "--channel", "call", "--outcome", "sent")
    assert code == 1
    no_traceback(err)
    assert err == (
        f"jobfutures: Nothing was saved: jobfutures may not write in {demo} (permission "
        f"denied). Your data is as it was. Give yourself write permission there (chmod u+w "
        f"{demo}). {READ_ONLY_HINT}\n"
    )
    assert files_of(demo) == before
    assert jf(capsys, demo, "due")[0] == 0


def test_a_new_data_folder_that_cannot_be_made_is_said(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    parent = tmp_path / "locked"
    parent.mkdir()
    failing_disk(monkeypatch, parent, "denied")
    code, _, err = jf(capsys, parent / "data", "add", "Acme")
    assert code == 1
    no_traceback(err)
    assert err.startswith(
        f"jobfutures: Cannot open the data in {parent / 'data'} to change it: jobfutures may "
        f"not write in {parent} (permission denied).\nNothing was changed."
    )
    assert not (parent / "data").exists()


# ------------------------------------------------------------ repair


def test_repair_names_the_backup_taken_before_it_changed_anything(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    """A touch stored twice is healed as the folder opens: the backup named is the one
    taken before that, holding both copies."""
    month = sorted((demo / "touches").glob("*.json"))[-1]
    touch_id, row = next(iter(orjson.loads(month.read_bytes())["touches"].items()))
    stale = dict(row, updated_at="2000-01-01T00:00:00+00:00", note="old copy")
    (demo / "touches" / "2001-01.json").write_bytes(orjson.dumps({"touches": {touch_id: stale}}))
    before = {k: v for k, v in files_of(demo).items() if not k.startswith("backups/")}
    code, out, err = jf(capsys, demo, "check", "--repair")
    assert code == 0, err
    (named,) = [line for line in out.splitlines() if line.startswith("Your data as it was")]
    backup = Path(named.removeprefix("Your data as it was before is in "))
    with zipfile.ZipFile(backup) as archive:
        inside = {name: archive.read(name) for name in archive.namelist()}
    derived = ("touch-index.json", "manifest.json", ".stignore")  # .stignore: written at open
    assert {k: v for k, v in inside.items() if k not in derived} == {
        k: v for k, v in before.items() if k not in derived
    }
    assert len(list((demo / "backups").iterdir())) == 1, "one backup, the one named"


# ------------------------------------------------------------ the lock


@pytest.mark.parametrize("kind", ["log", "add"])
def test_a_folder_where_the_lock_file_should_be_is_a_message(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path, kind: str
) -> None:
    """A directory named jobfutures.lock (a sync tool's mishap, a hand): a message naming
    it, and nothing changed, never a traceback (docs/storage.md, the table of faults)."""
    (demo / "jobfutures.lock").unlink()
    (demo / "jobfutures.lock").mkdir()
    command = changes(tmp_path, demo)[kind]
    before = files_of(demo)
    code, out, err = jf(capsys, demo, *command)
    assert code == 1 and out == ""
    no_traceback(err)
    assert f"Cannot use the lock file {demo / 'jobfutures.lock'} (Is a directory)" in err
    assert "Nothing was changed." in err
    assert files_of(demo) == before
    code, out, _ = jf(capsys, demo, "due")
    assert code == 0 and out, "a reader needs no lock"


HOLDER = r"""
import sys, time
from pathlib import Path
from jobfutures_tui.store import Repository

repo = Repository.open(Path(sys.argv[1]), holder="the command jobfutures log")
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
repo.close()
"""


def hold(folder: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder), str(seconds)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    return holder


def test_a_command_still_writing_is_named_and_nothing_is_saved(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, demo: Path, tmp_path: Path
) -> None:
    monkeypatch.setattr(common, "LOCK_WAIT", 0.3)
    saved = backup_to(demo, tmp_path / "saved.zip")
    holder = hold(demo, 30)
    try:
        before = files_of(demo)
        for command in (
            ["log", "northwind", "--channel", "call", "--outcome", "sent"],
            ["import", "vcard", str(FIXTURES / "apple_contacts.vcf"), "--apply"],
            ["restore", str(saved), "--apply"],
            ["check", "--repair"],
        ):
            code, _, err = jf(capsys, demo, *command)
            if command[0] == "check":
                assert code == 0, "nothing to repair: the lock is not needed"
                continue
            assert code == 1 and err.endswith(
                f"jobfutures: the command jobfutures log (pid {holder.pid}) was still writing "
                f"the data in {demo} after 0 seconds, so nothing was saved. Run this again "
                "once it is done.\n"
            )
            assert "window" not in err and "quit it" not in err
        assert files_of(demo) == before
    finally:
        holder.kill()
        holder.wait(timeout=10)


def test_two_log_commands_at_once_both_save(demo: Path) -> None:
    """The second waits for the first instead of being refused in the app's words."""
    run = (
        "import sys\nfrom jobfutures_tui import cli\n"
        "sys.exit(cli.main(['--data', sys.argv[1], 'log', sys.argv[2], '--channel', 'call',"
        " '--outcome', 'sent']))\n"
    )
    started = time.monotonic()
    both = [
        subprocess.Popen(
            [sys.executable, "-c", run, str(demo), company],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for company in ("northwind", "contoso")
    ]
    results = [process.communicate(timeout=60) for process in both]
    for process, (_, err) in zip(both, results, strict=True):
        assert process.returncode == 0, err
    assert time.monotonic() - started < 30
    with Repository.open(demo, read_only=True) as repo:
        assert len([t for p in repo.prospects() for t in repo.touches_for(p.id)]) == 162


def test_a_command_waits_for_another_that_finishes(
    capsys: pytest.CaptureFixture[str], demo: Path
) -> None:
    holder = hold(demo, 0.5)
    try:
        code, out, err = jf(capsys, demo, "move", "contoso", "offer")
        assert code == 0 and "offer" in out, err
    finally:
        holder.wait(timeout=10)


def test_a_data_file_linked_to_nothing_is_a_message(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    link = demo / "companies.json"
    link.unlink()
    link.symlink_to(tmp_path / "Dropbox" / "companies.json")
    for command in (["due"], ["move", "contoso", "offer"]):
        code, _, err = jf(capsys, demo, *command)
        assert code == 1 and err.startswith(
            f"jobfutures: Cannot open {link}: it is a link to {tmp_path}/Dropbox/companies.json, "
            "which is not there"
        ), err
    assert link.is_symlink()


def test_the_first_touch_in_a_folder_without_permission_is_a_message(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """No touches/ yet: the month's folder cannot be made either (found running as a
    user other than root, with chmod 500 on the folder)."""
    folder = tmp_path / "data"
    assert jf(capsys, folder, "add", "Acme", "--person", "Dana Reyes")[0] == 0
    before = files_of(folder)
    failing_disk(monkeypatch, folder, "denied")
    code, _, err = jf(capsys, folder, "log", "acme", "--channel", "call", "--outcome", "sent")
    assert code == 1 and err.startswith(
        f"jobfutures: Nothing was saved: jobfutures may not write in {folder} (permission "
        "denied). Your data is as it was."
    ), err
    assert files_of(folder) == before and not (folder / "touches").exists()


def test_a_data_file_made_read_only_is_refused_by_name(
    capsys: pytest.CaptureFixture[str], demo: Path, tmp_path: Path
) -> None:
    """Its permissions are asked (a rename would replace it regardless of them); the
    mode bits are read, so this holds as root too."""
    prospects = demo / "prospects.json"
    prospects.chmod(0o400)
    before = files_of(demo)
    code, _, err = jf(capsys, demo, "move", "contoso", "offer")
    assert code == 1 and err == (
        f"jobfutures: Cannot open the data in {demo} to change it: {prospects} is read-only "
        f"(its permissions say so).\nNothing was changed.\nGive yourself write permission "
        f"(chmod u+w {prospects}) to change the data. {READ_ONLY_HINT}\n"
    )
    assert files_of(demo) == before and prospects.stat().st_mode & 0o777 == 0o400
    assert jf(capsys, demo, "due")[0] == 0
    prospects.chmod(0o600)
    assert jf(capsys, demo, "move", "contoso", "offer")[0] == 0


def test_a_path_with_brackets_and_control_characters_is_printed_safely(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "my [bold]data\x1b[31m"
    assert jf(capsys, folder, "add", "Acme")[0] == 0
    failing_disk(monkeypatch, folder, "full")
    code, _, err = jf(capsys, folder, "move", "acme", "offer")
    assert code == 1 and "\x1b" not in err
    assert f"the disk is full ({tmp_path}/my [bold]data\\x1b[31m)" in err
