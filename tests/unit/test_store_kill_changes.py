"""Kill -9 a process in the middle of changes that span files: each is whole or absent.

Each trial is a fresh process (forked from one that imported everything once,
as in test_store_kill.py) that opens the data folder and makes changes in a
loop through the same use cases as the app and the shell: add a job future
(company, person, job future), log a referral (a touch, a new company, person
and job future), log a touch sharing a new item (touch and library), move a
job future. Before applying each it prints the records it saves; after, that
the change is done. The test kills it at a random moment, opens the folder
(rolling a cut-short commit forward), and checks that every file parses, that
`check` finds no problem, that every done change is on disk, and that the
change the kill interrupted is there whole or not at all.

``JOBFUTURES_KILL_TRIALS`` sets the number of trials (30 by default; the soak
in README's Developing section runs 500).
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

import orjson
from test_store_kill import Forker

from jobfutures_tui.exchange.check import check_folder
from jobfutures_tui.store import Repository
from jobfutures_tui.store.layout import data_files

TRIALS = int(os.environ.get("JOBFUTURES_KILL_TRIALS", "30"))

CHILD = r"""
import os
import random
import sys
import traceback
import uuid
from pathlib import Path

from jobfutures_tui.models import Prospect, Stage
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases import changes
from jobfutures_tui.usecases.intake import ProspectInput

folder = Path(sys.argv[1])
warm_up = Path(sys.argv[2])
STAGES = list(Stage.board())


def say(text):
    os.write(1, (text + "\n").encode())


def one_change(repo, rng):
    futures = repo.prospects(include_archived=False)
    with_people = [p for p in futures if p.person_ids]
    op = rng.choice(["add", "add", "referral", "shared", "move"]) if with_people else "add"
    tag = uuid.uuid4().hex[:8]
    if op == "add":
        data = ProspectInput(company=f"Co {tag}", person=f"Pat {tag}", email=f"{tag}@x.example")
        return changes.add_or_edit(repo, data)
    future = rng.choice(with_people)
    if op == "move":
        stage = rng.choice([s for s in STAGES if s is not future.stage])
        return changes.move(repo, future, stage)
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
    return changes.log_touch(repo, values)


def change_forever():
    try:
        repo = Repository.open(folder)
        rng = random.Random(os.getpid())
        while True:
            change = one_change(repo, rng)
            stamps = [f"{r.id}@{r.updated_at.isoformat()}" for r in change.save]
            say("begin " + " ".join(stamps))
            repo.apply(save=change.save)
            say("done")
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(1)


with Repository.open(warm_up) as repo:
    repo.apply(save=changes.add_or_edit(repo, ProspectInput(company="Warm", person="Up")).save)
say("ready")

for _ in sys.stdin:
    pid = os.fork()
    if pid == 0:
        change_forever()
    say(f"pid {pid}")
    _, status = os.waitpid(pid, 0)
    say(f"dead {pid} {status}")
"""


def stored_stamps(folder: Path) -> set[str]:
    """Every record on disk as 'id@updated_at', reading each file as plain JSON."""
    found: set[str] = set()
    for name in data_files(folder):
        document = orjson.loads((folder / name).read_bytes())
        if name == "meta.json":
            continue
        for rows in document.values():
            for record_id, row in rows.items():
                found.add(f"{record_id}@{row['updated_at']}")
    return found


def ids_of(stamps: list[str]) -> set[str]:
    return {stamp.partition("@")[0] for stamp in stamps}


def test_a_kill_leaves_every_change_whole_or_absent(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    forker = Forker(folder, tmp_path / "warm-up", tmp_path / "stderr.txt", child=CHILD)
    done: list[list[str]] = []
    cut = {"whole": 0, "absent": 0}
    started = time.monotonic()
    try:
        for trial in range(TRIALS):
            where = f"trial {trial}, seed {seed}"
            pid = forker.start_child()
            time.sleep(rng.uniform(0.01, 0.12))
            os.kill(pid, signal.SIGKILL)
            begun: list[str] | None = None
            while not (line := forker.next_line()).startswith("dead "):
                if line.startswith("begin"):
                    begun = line.split()[1:]
                elif line == "done":
                    assert begun is not None
                    done.append(begun)
                    begun = None
                else:
                    raise AssertionError(f"{where}: {line!r}; stderr: {forker.stderr()}")
            forker.child = None

            # Open it as the next session would: a commit cut short is finished here.
            Repository.open(folder).close()
            report = check_folder(folder)
            assert report.ok, f"{where}: {report.lines()}"
            on_disk = stored_stamps(folder)
            ids = {stamp.partition("@")[0] for stamp in on_disk}
            lost = [change for change in done if not ids_of(change) <= ids]
            assert not lost, f"{where}: {len(lost)} done changes lost"
            if begun is not None:
                present = [stamp in on_disk for stamp in begun]
                assert all(present) or not any(present), f"{where}: half a change: {begun}"
                cut["whole" if all(present) else "absent"] += 1
    finally:
        forker.close()
    elapsed = time.monotonic() - started
    print(
        f"{TRIALS} kills, {len(done)} changes done, cut short: {cut['whole']} finished "
        f"whole, {cut['absent']} absent; {elapsed:.1f}s"
    )
