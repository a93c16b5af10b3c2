"""Kill -9 a process in the middle of changes that span files: each is whole or absent.

Each trial is a fresh process (forked from one that imported everything once,
as in test_store_kill.py) that opens the data folder and makes changes in a
loop through the same use cases as the app and the shell: add a job future
(company, person, job future), log a referral (a touch, a new company, person
and job future), log a touch sharing a new item (touch and library), move a
job future. Half the trials open the data as the app does, half as a shell
command (a record at a time, changed rows written into the files' bytes). Before
applying each it prints the records it saves; after, that
the change is done. The test kills it at a random moment, opens the folder
(rolling a cut-short commit forward), and checks that every file parses, that
`check` finds no problem, that every done change is on disk, and that the
change the kill interrupted is there whole or not at all.

``JOBFUTURES_KILL_TRIALS`` sets the number of trials (30 by default; the soak
in README's Developing section runs 500).
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path
from typing import Any

import orjson
from test_store_kill import Forker

from jobfutures_tui.exchange.check import check_folder
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files

TRIALS = int(os.environ.get("JOBFUTURES_KILL_TRIALS", "30"))

CHILD = r"""
import json
import os
import random
import sys
import traceback
import uuid
from pathlib import Path

import orjson

from jobfutures_tui.exchange import vcard
from jobfutures_tui.exchange.actions import repair_open, restore_open
from jobfutures_tui.exchange.plan import Existing
from jobfutures_tui.exchange.restore import read_backup
from jobfutures_tui.models import Company, Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.store.backups import make_backup
from jobfutures_tui.store.files import write_atomic
from jobfutures_tui.store.undo import UndoHistory
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.intake import ProspectInput

folder = Path(sys.argv[1])
warm_up = Path(sys.argv[2])
saved = folder.parent / "saved-backup.zip"
STAGES = list(Stage.board())
OPS = ["add"] * 3 + ["referral", "shared", "move", "import", "undo", "restore", "repair"]


def say(text):
    os.write(1, (text + "\n").encode())


def stamp(record):
    return f"{record.id}@{record.updated_at.isoformat()}"


real_apply = Repository.apply


def told_apply(self, *, save=(), delete=()):
    # Every change of every path (a use case, an import, undo, a repair's merge)
    # reaches the disk here: say what it will be, then that it is done.
    say("begin " + json.dumps({"save": [stamp(r) for r in save], "delete": [r.id for r in delete]}))
    real_apply(self, save=save, delete=delete)
    self.flush()
    say("done")


Repository.apply = told_apply


def state_of(files):
    found = []
    for name, data in files.items():
        if name.endswith(".json") and name not in ("meta.json", "manifest.json"):
            for rows in orjson.loads(data).values():
                found += [f"{rid}@{row['updated_at']}" for rid, row in rows.items()]
    return found


def vcf(tag):
    cards = [
        f"BEGIN:VCARD\nVERSION:3.0\nFN:Person {tag} {n}\nORG:Org {tag}\n"
        f"EMAIL:{tag}{n}@x.example\nEND:VCARD\n"
        for n in range(3)
    ]
    path = folder.parent / f"import-{tag}.vcf"
    path.write_text("".join(cards))
    return path


def one_change(repo, history, rng):
    futures = repo.prospects(include_archived=False)
    with_people = [p for p in futures if p.person_ids]
    op = rng.choice(OPS) if with_people else "add"
    if op == "restore" and not saved.exists():
        op = "add"
    say("op " + op)
    tag = uuid.uuid4().hex[:8]
    if op == "add":
        data = ProspectInput(company=f"Co {tag}", person=f"Pat {tag}", email=f"{tag}@x.example")
        change = changes.add_or_edit(repo, data)
        history.apply("add", save=change.save, delete=change.delete)
        if not saved.exists() or rng.random() < 0.2:
            backup = make_backup(folder, folder / "backups")
            write_atomic(saved, backup.read_bytes())  # a kill may come mid-copy
        return repo, history
    if op == "import":
        plan = vcard.plan_import(vcf(tag), Existing.of(repo))
        plan.apply(repo)
        return repo, history
    if op == "undo":
        history.undo()
        return repo, history
    if op == "restore":
        snapshot = read_backup(saved)
        say("state " + json.dumps(state_of(snapshot.files)))
        repo, _ = restore_open(repo, snapshot)
        say("done")
        return repo, UndoHistory(repo)
    if op == "repair":
        copy = folder / f"companies.sync-conflict-20261206-101502-{tag[:7].upper()}.json"
        extra = Company(name=f"Copied {tag}")
        copy.write_bytes(orjson.dumps({"companies": {extra.id: extra.model_dump(mode="json")}}))
        repo, _ = repair_open(repo)
        return repo, UndoHistory(repo)
    future = rng.choice(with_people)
    if op == "move":
        stage = rng.choice([s for s in STAGES if s is not future.stage])
        change = changes.move(repo, future, stage)
        history.apply("move", save=change.save, delete=change.delete)
        return repo, history
    values = {
        "prospect_id": future.id,
        "person_id": future.person_ids[0],
        "at": "now",
        "channel": "email",
        "outcome": "sent",
    }
    if op == "referral":
        values.update(
            direction="in",
            outcome="referral-given",
            referred_company=f"Referred {tag}",
            referred_person=f"Ref {tag}",
        )
    else:
        values["shared"] = (f"Article {tag}",)
    change = changes.log_touch(repo, values)
    history.apply("log", save=change.save, delete=change.delete)
    return repo, history


def change_forever():
    try:
        rng = random.Random(os.getpid())
        # Half the trials as a shell command opens the data: read a record at a time,
        # changed rows written into the files' bytes (store/splice.py).
        lazy = rng.random() < 0.5
        repo = Repository.open(folder, lazy=lazy, verify=not lazy)
        history = UndoHistory(repo)
        while True:
            repo, history = one_change(repo, history, rng)
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(1)


with Repository.open(warm_up) as repo:
    changes_made = changes.add_or_edit(repo, ProspectInput(company="Warm", person="Up"))
    real_apply(repo, save=changes_made.save)
say("ready")

for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        change_forever()
    say(f"pid {pid}")
    _, status = os.waitpid(pid, 0)
    # On a line of its own: the child may have been killed in the middle of a line
    # (a restore's state outgrows the pipe's 64 KB and is written in parts).
    say(f"\ndead {pid} {status}")
"""


def announced(text: str) -> Any:
    """What a change said it would write; None if the kill cut the saying short
    (it says all of it before it writes anything, so nothing was begun)."""
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return None


def stored_state(folder: Path) -> dict[str, str]:
    """Every record on disk, id → updated_at, reading each file as plain JSON."""
    found: dict[str, str] = {}
    for name in data_files(folder):
        if name == "meta.json":
            continue
        for rows in orjson.loads((folder / name).read_bytes()).values():
            for record_id, row in rows.items():
                found[record_id] = row["updated_at"]
    return found


class Expected:
    """What must be on disk: each change the child said it made, applied in order."""

    def __init__(self, state: dict[str, str]) -> None:
        self.state = state

    @staticmethod
    def after(state: dict[str, str], change: dict[str, list[str]]) -> dict[str, str]:
        if "state" in change:
            return dict(stamp.partition("@")[::2] for stamp in change["state"])
        new = {key: at for key, at in state.items() if key not in change["delete"]}
        new.update(stamp.partition("@")[::2] for stamp in change["save"])
        return new


def test_a_kill_leaves_every_change_whole_or_absent(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    Repository.open(folder).close()
    expected = stored_state(folder)
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    forker = Forker(folder, tmp_path / "warm-up", tmp_path / "stderr.txt", child=CHILD)
    done = Counter[str]()
    cut = Counter[tuple[str, str]]()
    op = "open"
    started = time.monotonic()
    try:
        for trial in range(TRIALS):
            where = f"trial {trial}, seed {seed}"
            pid = forker.start_child()
            time.sleep(rng.uniform(0.01, 0.15))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                raise AssertionError(f"{where}: it died itself: {forker.stderr()}") from None
            begun: dict[str, list[str]] | None = None
            while not (line := forker.next_line()).startswith("dead "):
                word, _, rest = line.partition(" ")
                if not line:
                    continue  # the line break before "dead"
                if word == "op":
                    op = rest
                elif word == "begin":
                    begun = announced(rest)
                elif word == "state":
                    state = announced(rest)
                    begun = None if state is None else {"state": state}
                elif word == "done":
                    assert begun is not None, where
                    expected = Expected.after(expected, begun)
                    done[op] += 1
                    begun = None
                else:
                    raise AssertionError(f"{where}: {line!r}; stderr: {forker.stderr()}")
            forker.child = None

            # Open it as the next session would: a commit cut short is finished here.
            Repository.open(folder).close()
            report = check_folder(folder)
            problems = [p for p in report.problems if "conflict copy" not in p.message]
            assert not problems, f"{where}: {report.lines()}"  # a repair's copy may wait
            on_disk = stored_state(folder)
            if on_disk == expected:
                if begun is not None:
                    cut[op, "absent"] += 1
                continue
            assert begun is not None, f"{where}: a done change is not on disk as it was made"
            whole = Expected.after(expected, begun)
            assert on_disk == whole, f"{where}: half a change: {begun}"
            expected = whole
            cut[op, "whole"] += 1
    finally:
        forker.close()
    elapsed = time.monotonic() - started
    print(f"\n{TRIALS} kills in {elapsed:.1f}s, 0 failures. By what was running:")
    print("| command | changes done | cut short, finished whole | cut short, absent |")
    print("|---|---|---|---|")
    for name in sorted({*done, *(name for name, _ in cut)}):
        print(f"| {name} | {done[name]} | {cut[name, 'whole']} | {cut[name, 'absent']} |")
