"""Two real Syncthing instances, "desk" and "laptop", sharing one jobfutures data folder.

Run it through ``scripts/two_syncthings.sh``, which installs syncthing when it is
missing. It is not part of the test suite (it takes a few minutes and needs
syncthing); the suite fakes the sync tool instead (tests/unit/test_store_devices.py).

Each instance has its own home, GUI/REST API and sync port, all on 127.0.0.1;
global discovery, local announcements, relays, NAT traversal, STUN, usage and
crash reports are off before it first starts, and each knows the other's device
ID and address. They share one folder: desk's data folder and laptop's. Then:

1. **seed**: desk adds job futures with the jobfutures CLI; laptop receives them;
2. **sequential**: one side changes, the change syncs, the other side changes;
3. **simultaneous**: both sides change within the same second (two job futures
   added, touches logged, a month file created on one side): Syncthing's
   conflicts, and conflict copies;
4. **long-lived**: desk keeps the data open in one process that saves through the
   Python API every fraction of a second, as the app does (background writer,
   a look for other devices' changes every 3 s), while laptop's commands sync in:
   the store's merge before each commit;
5. **check**: ``jobfutures check`` on both; ``check --repair`` on desk if conflict
   copies are there; synced; checked again on both.

It passes when every job future and touch made on either side is on both sides,
both hold the same data, check finds no problem on either, and no file that
must stay on one computer (lock, journal, derived index) crossed over.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import traceback
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

FOLDER_ID = "jobfutures"
LOCAL_ONLY = ("jobfutures.lock", "commit.journal", "touch-index.json")
"""What the data folder's .stignore keeps on one computer (store/opening.py)."""
MERGED = "had changed on another device"
CONFLICT = ".sync-conflict-"
BACKUPS = "backups"
SHARED_COMPANY = "Seed Company 1"
"""The job future both sides change in the long-lived phase (a record changed on both)."""


def say(line: str = "") -> None:
    print(line, flush=True)


def step(title: str) -> None:
    say(f"\n== {title}")


# ----------------------------------------------------------------- Syncthing


def free_ports(count: int) -> list[int]:
    sockets = []
    try:
        for _ in range(count):
            sock = socket.socket()
            sock.bind(("127.0.0.1", 0))
            sockets.append(sock)
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


class SyncthingError(RuntimeError):
    pass


@dataclass
class Instance:
    """One Syncthing: its home (config, keys, database), its API and its sync port."""

    name: str
    binary: str
    home: Path
    data: Path
    gui_port: int
    listen_port: int
    new_cli: bool
    api_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    device_id: str = ""
    process: subprocess.Popen[bytes] | None = None

    @property
    def log(self) -> Path:
        return self.home / "syncthing.log"

    @property
    def address(self) -> str:
        return f"tcp://127.0.0.1:{self.listen_port}"

    def generate(self) -> None:
        """Keys and a default config; nothing runs and nothing is sent."""
        if self.new_cli:
            command = [self.binary, "generate", f"--home={self.home}", "--no-default-folder"]
        else:  # Syncthing before 1.18
            command = [self.binary, f"-generate={self.home}"]
        done = subprocess.run(command, capture_output=True, text=True, env=self._env())
        found = re.search(r"Device ID:\s*([A-Z0-9-]{50,})", done.stdout + done.stderr)
        if done.returncode != 0 or found is None:
            raise SyncthingError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
        self.device_id = found.group(1)
        self._configure()

    def _configure(self) -> None:
        """Only 127.0.0.1, before the first start: no discovery, relay, NAT, STUN,
        usage or crash report, upgrade check or browser."""
        path = self.home / "config.xml"
        tree = ET.parse(path)
        root = tree.getroot()
        for device in root.findall("device"):
            if device.get("id") == self.device_id:
                device.set("name", self.name)
        gui = root.find("gui")
        if gui is None:
            raise SyncthingError(f"{path} has no <gui> element")
        _set(gui, "address", f"127.0.0.1:{self.gui_port}")
        _set(gui, "apikey", self.api_key)
        gui.set("tls", "false")
        options = root.find("options")
        if options is None:
            raise SyncthingError(f"{path} has no <options> element")
        for repeated in ("listenAddress", "globalAnnounceServer", "stunServer"):
            for element in options.findall(repeated):
                options.remove(element)
        ET.SubElement(options, "listenAddress").text = self.address
        for name, value in {
            "globalAnnounceEnabled": "false",
            "localAnnounceEnabled": "false",
            "relaysEnabled": "false",
            "natEnabled": "false",
            "announceLANAddresses": "false",
            "stunKeepaliveStartS": "0",
            "stunKeepaliveMinS": "0",
            "urAccepted": "-1",
            "crashReportingEnabled": "false",
            "autoUpgradeIntervalH": "0",
            "startBrowser": "false",
            "reconnectionIntervalS": "1",
            "setLowPriority": "false",
        }.items():
            _set(options, name, value)
        tree.write(path)

    def _env(self) -> dict[str, str]:
        return {
            **os.environ,
            "STNODEFAULTFOLDER": "1",
            "STNOUPGRADE": "1",
            "STNORESTART": "1",
            "STNOUPGRADECHECK": "1",
        }

    def start(self) -> None:
        if self.new_cli:
            command = [self.binary, "serve", f"--home={self.home}", "--no-browser"]
        else:
            command = [self.binary, f"-home={self.home}", "-no-browser"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self._env(),
                start_new_session=True,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SyncthingError(f"{self.name}'s syncthing exited:\n{self.log_tail()}")
            with contextlib.suppress(OSError, SyncthingError, ValueError):
                if self.api("GET", "/rest/system/ping").get("ping") == "pong":
                    return
            time.sleep(0.2)
        raise SyncthingError(f"{self.name}'s syncthing never answered:\n{self.log_tail()}")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str, body: Any = None, timeout: float = 10) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.gui_port}{path}",
            data=data,
            method=method,
            headers={"X-API-Key": self.api_key, "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as answer:
                text = answer.read()
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace").strip()
            raise SyncthingError(f"{self.name}: {method} {path}: {error.code} {detail}") from None
        return json.loads(text) if text.strip() else {}

    def know(self, other: Instance) -> None:
        """The other device, at its address only."""
        self.api(
            "PUT",
            f"/rest/config/devices/{other.device_id}",
            {
                "deviceID": other.device_id,
                "name": other.name,
                "addresses": [other.address],
                "autoAcceptFolders": False,
                "introducer": False,
            },
        )

    def share(self, other: Instance) -> None:
        """The data folder, sent and received, watched, rescanned every 2 s."""
        self.api(
            "PUT",
            f"/rest/config/folders/{FOLDER_ID}",
            {
                "id": FOLDER_ID,
                "label": "jobfutures data",
                "path": str(self.data),
                "type": "sendreceive",
                "rescanIntervalS": 2,
                "fsWatcherEnabled": True,
                "fsWatcherDelayS": 1,
                "devices": [{"deviceID": self.device_id}, {"deviceID": other.device_id}],
            },
        )

    def restart_required(self) -> bool:
        return bool(self.api("GET", "/rest/config/restart-required").get("requiresRestart"))

    def connected_to(self, other: Instance) -> tuple[bool, str]:
        found = self.api("GET", "/rest/system/connections").get("connections", {})
        entry = found.get(other.device_id) or {}
        return bool(entry.get("connected")), str(entry.get("address", ""))

    def folder_state(self, other: Instance) -> tuple[str, int, float]:
        """(state, items this side still needs, how complete the other side is, %)."""
        status = self.api("GET", f"/rest/db/status?folder={FOLDER_ID}")
        completion = self.api(
            "GET", f"/rest/db/completion?folder={FOLDER_ID}&device={other.device_id}"
        )
        return (
            str(status.get("state")),
            int(status.get("needTotalItems", 0)),
            float(completion.get("completion", 0)),
        )

    def folder_errors(self) -> list[str]:
        try:
            found = self.api("GET", f"/rest/folder/errors?folder={FOLDER_ID}")
        except SyncthingError:
            return []
        return [f"{e.get('path')}: {e.get('error')}" for e in found.get("errors") or []]

    def announced(self, name: str) -> bool:
        """Whether a file is in the folder's global index (sent by either side)."""
        try:
            found = self.api("GET", f"/rest/db/file?folder={FOLDER_ID}&file={name}")
        except SyncthingError:
            return False  # 404: no such object in the index
        glob = found.get("global") or {}
        return bool(glob) and not glob.get("deleted", False) and bool(glob.get("name"))


def _original(copy: str) -> str:
    """'touches/2026-12.sync-conflict-20261206-120920-OU57GIF.json' → 'touches/2026-12.json'."""
    return re.sub(r"\.sync-conflict-[^.]*", "", copy)


def _set(parent: ET.Element, tag: str, value: str) -> None:
    element = parent.find(tag)
    if element is None:
        element = ET.SubElement(parent, tag)
    element.text = value


# ----------------------------------------------------------------- the two sides


def tree(folder: Path) -> dict[str, str]:
    """Every file the sync tool carries: relative name → SHA-256."""
    found: dict[str, str] = {}
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        parts = relative.parts
        name = parts[-1]
        if parts[0] in (".stfolder", ".stversions") or name == ".stignore":
            continue
        if name in LOCAL_ONLY or name.endswith(".jf-tmp"):
            continue
        if name.startswith(".syncthing.") and name.endswith(".tmp"):
            continue
        try:
            if not path.is_file():
                continue
            found[relative.as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            found[relative.as_posix()] = "(vanished)"
    return found


@dataclass
class Ran:
    side: str
    args: tuple[str, ...]
    code: int
    out: str
    err: str
    seconds: float

    @property
    def merges(self) -> list[str]:
        return [line for line in self.err.splitlines() if MERGED in line]


class Side:
    """One computer's jobfutures: its data folder, its commands, what they said."""

    def __init__(self, name: str, data: Path, env: dict[str, str]) -> None:
        self.name = name
        self.data = data
        self.env = env
        self.commands = 0
        self.edits: Counter[str] = Counter()
        self.merges: list[str] = []
        self.failures: list[Ran] = []

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "jobfutures_tui", "--data", str(self.data), *args]

    def start(self, *args: str) -> tuple[subprocess.Popen[str], float]:
        process = subprocess.Popen(
            self.command(*args),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=self.env,
        )
        return process, time.monotonic()

    def finish(self, args: tuple[str, ...], started: tuple[subprocess.Popen[str], float]) -> Ran:
        process, at = started
        out, err = process.communicate(timeout=120)
        ran = Ran(self.name, args, process.returncode, out, err, time.monotonic() - at)
        self.commands += 1
        self.merges += ran.merges
        if ran.code != 0 and args[0] != "check":
            self.failures.append(ran)
            say(f"   ! {self.name}: jobfutures {' '.join(args)} exited {ran.code}:")
            say(textwrap.indent((err or out).strip(), "     "))
        elif args[0] in ("add", "log", "move"):
            self.edits[args[0]] += 1
        for line in ran.merges:
            say(f"   {self.name}: {line}")
        return ran

    def run(self, *args: str) -> Ran:
        return self.finish(args, self.start(*args))

    def export(self) -> dict[str, Any]:
        ran = self.run("export", "json")
        if ran.code != 0:
            raise RuntimeError(f"{self.name}: export failed: {ran.err}")
        data = json.loads(ran.out)
        data.pop("exported_at", None)
        return data


def together(*jobs: tuple[Side, tuple[str, ...]]) -> list[Ran]:
    """Commands on both sides at the same moment (each its own process)."""
    started = [(side, args, side.start(*args)) for side, args in jobs]
    return [side.finish(args, process) for side, args, process in started]


# ----------------------------------------------------------------- the run


class Run:
    def __init__(self, root: Path, binary: str, new_cli: bool, timeout: float) -> None:
        self.root = root
        self.timeout = timeout
        ports = free_ports(4)
        env = {
            **os.environ,
            "XDG_CONFIG_HOME": str(root / "config"),
            "JOBFUTURES_KEEP_BACKUPS": "10",
        }
        env.pop("JOBFUTURES_DATA", None)
        self.desk_st = Instance(
            "desk", binary, root / "desk-syncthing", root / "desk", ports[0], ports[1], new_cli
        )
        self.laptop_st = Instance(
            "laptop",
            binary,
            root / "laptop-syncthing",
            root / "laptop",
            ports[2],
            ports[3],
            new_cli,
        )
        self.desk = Side("desk", root / "desk", env)
        self.laptop = Side("laptop", root / "laptop", env)
        self.companies: dict[str, str] = {}
        """Every job future's company made, → the side that made it."""
        self.touches: dict[str, str] = {}
        """Every touch's note, → the side that logged it."""
        self.sync_times: dict[str, list[float]] = {}
        self.copies_seen: set[str] = set()
        self.sync_errors: set[str] = set()
        self.worker_notes: list[str] = []
        self.worker_saves = 0
        self.problems: list[str] = []

    @property
    def instances(self) -> tuple[Instance, Instance]:
        return self.desk_st, self.laptop_st

    # ------------------------------------------------------------- setup

    def start_syncthings(self) -> None:
        step("Two Syncthing instances on 127.0.0.1")
        for instance in self.instances:
            instance.home.mkdir(parents=True)
            instance.data.mkdir(parents=True)
            instance.generate()
            instance.start()
            say(
                f"   {instance.name}: {instance.device_id[:7]}, API http://127.0.0.1:"
                f"{instance.gui_port}, sync {instance.address}, home {instance.home}"
            )
        desk, laptop = self.instances
        for one, other in ((desk, laptop), (laptop, desk)):
            one.know(other)
            one.share(other)
        for instance in self.instances:
            if instance.restart_required():
                say(f"   {instance.name}: restarting, as its configuration asks")
                instance.stop()
                instance.start()
        began = time.monotonic()
        while time.monotonic() - began < 60:
            links = [one.connected_to(other) for one, other in ((desk, laptop), (laptop, desk))]
            if all(connected for connected, _ in links):
                say(
                    f"   connected in {time.monotonic() - began:.1f} s "
                    f"(desk sees laptop at {links[0][1]}, laptop sees desk at {links[1][1]})"
                )
                for _, address in links:
                    if not address.startswith("127.0.0.1:"):
                        raise SyncthingError(f"a connection is not on 127.0.0.1: {address}")
                return
            time.sleep(0.3)
        raise SyncthingError(
            f"the instances never connected\n--- desk\n{desk.log_tail()}\n"
            f"--- laptop\n{laptop.log_tail()}"
        )

    def stop_syncthings(self) -> None:
        for instance in self.instances:
            instance.stop()

    # ------------------------------------------------------------- syncing

    def settle(self, what: str, since: float | None = None) -> float:
        """Wait until both folders hold the same files and both instances are idle
        with nothing left to pull, twice in a row; the seconds it took."""
        began = time.monotonic() if since is None else since
        desk, laptop = self.instances
        stable = 0
        last: tuple[dict[str, str], dict[str, str]] = ({}, {})
        while time.monotonic() - began < self.timeout:
            here, there = tree(self.desk.data), tree(self.laptop.data)
            last = (here, there)
            self.copies_seen.update(name for name in (*here, *there) if CONFLICT in name)
            same = here == there and "(vanished)" not in here.values()
            try:
                states = [desk.folder_state(laptop), laptop.folder_state(desk)]
            except (OSError, SyncthingError):
                states = []
            quiet = bool(states) and all(
                state == "idle" and need == 0 and done >= 100 for state, need, done in states
            )
            for instance in self.instances:
                self.sync_errors.update(f"{instance.name}: {e}" for e in instance.folder_errors())
            stable = stable + 1 if same and quiet else 0
            if stable >= 2:
                took = time.monotonic() - began
                self.sync_times.setdefault(what, []).append(took)
                return took
            time.sleep(0.25)
        here, there = last
        differ = sorted(n for n in set(here) | set(there) if here.get(n) != there.get(n))
        raise SyncthingError(f"{what}: not in sync after {self.timeout:.0f} s; differing: {differ}")

    def copies_now(self) -> list[str]:
        """Conflict copies in the data folder (those kept in backups/ are done with)."""
        return sorted(
            name
            for name in tree(self.desk.data)
            if CONFLICT in name and not name.startswith(f"{BACKUPS}/")
        )

    # ------------------------------------------------------------- phases

    def add(self, side: Side, company: str, *extra: str) -> tuple[str, ...]:
        self.companies[company] = side.name
        person = f"{company.split()[0]} Person {len(self.companies)}"
        return ("add", company, "--person", person, "--role", "Engineer", *extra)

    def log(self, side: Side, company: str, note: str, *extra: str) -> tuple[str, ...]:
        self.touches[note] = side.name
        return ("log", company, "--channel", "email", "--outcome", "sent", "--note", note, *extra)

    def seed(self) -> None:
        step("Seed: desk adds three job futures; laptop receives them")
        ended = time.monotonic()
        for number in (1, 2, 3):
            self.desk.run(*self.add(self.desk, f"Seed Company {number}"))
            ended = time.monotonic()
        took = self.settle("seed", ended)
        say(f"   on laptop after {took:.1f} s: {len(tree(self.laptop.data))} files")

    def sequential(self, rounds: int) -> None:
        step(f"Sequential edits: {rounds} rounds, each side waits for the other's change")
        for number in range(1, rounds + 1):
            desk_co, laptop_co = f"Desk Sequential {number}", f"Laptop Sequential {number}"
            for side, args in (
                (self.desk, self.add(self.desk, desk_co)),
                (self.laptop, self.log(self.laptop, desk_co, f"laptop-seq-touch-{number}")),
                (self.laptop, self.add(self.laptop, laptop_co)),
                (self.desk, self.log(self.desk, laptop_co, f"desk-seq-touch-{number}")),
            ):
                side.run(*args)
                took = self.settle("sequential")
                say(f"   {side.name}: {args[0]} {args[1]!r}, synced in {took:.1f} s")

    def simultaneous(self, rounds: int) -> None:
        step(f"Simultaneous edits: {rounds} rounds, both sides in the same second")
        kinds: list[Callable[[int], list[tuple[Side, tuple[str, ...]]]]] = [
            lambda n: [
                (self.desk, self.add(self.desk, f"Desk Together {n}")),
                (self.laptop, self.add(self.laptop, f"Laptop Together {n}")),
            ],
            lambda n: [
                (self.desk, self.log(self.desk, "Seed Company 2", f"desk-together-touch-{n}")),
                (
                    self.laptop,
                    self.log(self.laptop, "Seed Company 3", f"laptop-together-touch-{n}"),
                ),
            ],
            lambda n: [
                (self.desk, self.log(self.desk, "Seed Company 1", f"desk-same-touch-{n}")),
                (self.laptop, self.log(self.laptop, "Seed Company 1", f"laptop-same-touch-{n}")),
            ],
            lambda n: [
                # a touch of last month: a month file made on one side only
                (
                    self.desk,
                    self.log(
                        self.desk, "Seed Company 2", f"desk-past-touch-{n}", "--date", "40 days ago"
                    ),
                ),
                (self.laptop, self.add(self.laptop, f"Laptop Together Past {n}")),
            ],
        ]
        for number in range(1, rounds + 1):
            jobs = kinds[(number - 1) % len(kinds)](number)
            ran = together(*jobs)
            ended = time.monotonic()
            took = self.settle("simultaneous", ended)
            what = " | ".join(f"{r.side}: {r.args[0]} {r.args[1]!r}" for r in ran)
            say(f"   {what}: synced in {took:.1f} s; conflict copies now: {len(self.copies_now())}")

    def long_lived(self, saves: int, every: float, laptop_rounds: int) -> None:
        step(
            f"Long-lived: desk keeps the data open and saves {saves} times "
            f"(every {every} s) while laptop's commands sync in"
        )
        worker = subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--app-side",
                str(self.desk.data),
                "--saves",
                str(saves),
                "--every",
                str(every),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env=self.desk.env,
        )
        events: list[dict[str, Any]] = []
        errors: list[str] = []

        def read_events() -> None:
            assert worker.stdout is not None
            for line in worker.stdout:
                with contextlib.suppress(json.JSONDecodeError):
                    events.append(json.loads(line))
                    self.on_worker_event(events[-1])

        def read_errors() -> None:
            assert worker.stderr is not None
            errors.extend(worker.stderr)

        readers = [threading.Thread(target=read_events), threading.Thread(target=read_errors)]
        for reader in readers:
            reader.start()
        stages = ["rejected-but-warm", "interviewed"]
        try:
            for number in range(1, laptop_rounds + 1):
                if worker.poll() is not None:
                    break
                self.laptop.run(*self.add(self.laptop, f"Laptop Live {number}"))
                self.laptop.run(
                    *self.log(self.laptop, "Seed Company 3", f"laptop-live-touch-{number}")
                )
                if number % 2 == 0:
                    self.laptop.run("move", SHARED_COMPANY, stages[number // 2 % 2])
                time.sleep(every / 2)
            worker.wait(timeout=60 + saves * every * 4)
        finally:
            if worker.poll() is None:
                worker.kill()
                worker.wait()
            for reader in readers:
                reader.join(timeout=5)
        if worker.returncode != 0:
            self.problems.append(
                f"the long-lived desk process failed (exit {worker.returncode}):\n"
                + "".join(errors).strip()
            )
            say(textwrap.indent("".join(errors).strip(), "   ! "))
        took = self.settle("long-lived", time.monotonic())
        reopened = sum(1 for e in events if e.get("event") == "reopened")
        say(
            f"   desk process: {self.worker_saves} saves, {len(self.worker_notes)} merge notes, "
            f"opened the data again {reopened} times; synced {took:.1f} s after it closed"
        )

    def on_worker_event(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        if kind == "saved":
            self.worker_saves += 1
            self.desk.edits["app save"] += 1
            if event.get("company"):
                self.companies[event["company"]] = "desk"
            if event.get("touch"):
                self.touches[event["touch"]] = "desk"
        elif kind == "merged":
            for note in event.get("notes", []):
                self.worker_notes.append(note)
                say(f"   desk (app): {note}")
        elif kind == "reopened":
            say(f"   desk (app): changed on another device, opened again ({event.get('files')})")

    def check_and_repair(self) -> dict[str, Any]:
        step("Check both sides; repair on desk if a sync tool left conflict copies")
        first = {side.name: self.check(side) for side in (self.desk, self.laptop)}
        copies = self.copies_now()
        repaired: list[str] = []
        if copies or not all(report["ok"] for report in first.values()):
            ran = self.desk.run("check", "--repair")
            repaired = [line for line in ran.out.splitlines() if line.strip()]
            say(textwrap.indent(ran.out.strip(), "   desk repair: "))
            if ran.err.strip():
                say(textwrap.indent(ran.err.strip(), "   desk repair (stderr): "))
            took = self.settle("repair", time.monotonic())
            say(f"   repair synced to laptop in {took:.1f} s")
        final = {side.name: self.check(side) for side in (self.desk, self.laptop)}
        return {"first": first, "copies": copies, "repaired": repaired, "final": final}

    def check(self, side: Side) -> dict[str, Any]:
        ran = side.run("check", "--json")
        report: dict[str, Any] = json.loads(ran.out)
        problems = [f"{p['file']}: {p['problem']}" for p in report.get("problems", [])]
        say(
            f"   {side.name}: check {'ok' if report['ok'] else 'found problems'}; "
            f"{report.get('counts')}; {len(problems)} problem(s), "
            f"{len(report.get('notes', []))} note(s)"
        )
        for line in problems:
            say(f"     problem: {line}")
        return report

    # ------------------------------------------------------------- verdict

    def verify(self, checks: dict[str, Any]) -> None:
        step("Verify: nothing lost, both sides the same")
        exports = {side.name: side.export() for side in (self.desk, self.laptop)}
        for name, data in exports.items():
            by_id = {c["id"]: c["name"] for c in data.get("companies", [])}
            futures = {by_id.get(p["company_id"]) for p in data.get("prospects", [])}
            notes = {t.get("note") for t in data.get("touches", [])}
            lost_futures = sorted(set(self.companies) - futures)
            lost_touches = sorted(set(self.touches) - notes)
            say(
                f"   {name}: {len(data.get('prospects', []))} job futures, "
                f"{len(data.get('touches', []))} touches; missing: {len(lost_futures)} job "
                f"futures, {len(lost_touches)} touches"
            )
            if lost_futures:
                self.problems.append(f"{name} lacks job futures of {lost_futures}")
            if lost_touches:
                self.problems.append(f"{name} lacks touches {lost_touches}")
            twice = [
                k for k, v in Counter(t["id"] for t in data.get("touches", [])).items() if v > 1
            ]
            if twice:
                self.problems.append(f"{name} has touches stored twice: {twice}")
        if exports["desk"] != exports["laptop"]:
            self.problems.append("desk's and laptop's exports differ")
        here, there = tree(self.desk.data), tree(self.laptop.data)
        if here != there:
            differ = sorted(n for n in set(here) | set(there) if here.get(n) != there.get(n))
            self.problems.append(f"the folders differ: {differ}")
        for name, report in checks["final"].items():
            if not report["ok"]:
                self.problems.append(f"check on {name} still finds problems: {report['problems']}")
        for instance in self.instances:
            leaked = [name for name in LOCAL_ONLY if instance.announced(name)]
            if leaked:
                self.problems.append(f"{instance.name}'s syncthing carries {leaked}")
        for side in (self.desk, self.laptop):
            for ran in side.failures:
                self.problems.append(
                    f"{side.name}: jobfutures {' '.join(ran.args)} exited {ran.code}: "
                    f"{(ran.err or ran.out).strip()}"
                )
        if self.copies_now():
            self.problems.append(f"conflict copies left after the repair: {self.copies_now()}")

    def summary(self, checks: dict[str, Any] | None, began: float) -> None:
        step("Summary")
        aside = sorted(
            {
                p.name
                for side in (self.desk, self.laptop)
                for p in (side.data / BACKUPS).glob("set-aside-*")
            }
        )
        kept = sorted(
            {
                p.name
                for side in (self.desk, self.laptop)
                for p in (side.data / BACKUPS / "conflict-copies").glob("*")
            }
        )
        kept_names = {f"{BACKUPS}/conflict-copies/{name}" for name in kept}
        for side in (self.desk, self.laptop):
            edits = ", ".join(f"{n} {k}" for k, n in sorted(side.edits.items())) or "none"
            say(
                f"   {side.name}: {sum(side.edits.values())} edits ({edits}); "
                f"{side.commands} commands"
            )
        say(f"   job futures made: {len(self.companies)}; touches logged: {len(self.touches)}")
        every = [t for times in self.sync_times.values() for t in times]
        if every:
            say(
                f"   time to sync (s): {len(every)} waits, median {statistics.median(every):.1f}, "
                f"max {max(every):.1f}"
            )
            for what, times in self.sync_times.items():
                say(f"     {what}: {', '.join(f'{t:.1f}' for t in times)}")
        data_copies = sorted(n for n in self.copies_seen if not n.startswith(f"{BACKUPS}/"))
        backup_copies = sorted(set(self.copies_seen) - set(data_copies) - set(kept_names))
        say(f"   conflict copies seen in the data folder: {len(data_copies)}")
        for original, count in sorted(Counter(_original(n) for n in data_copies).items()):
            say(f"     {original}: {count}")
        if backup_copies:
            say(
                "   conflict copies of backups (both sides backed up in one second): "
                f"{backup_copies}"
            )
        if checks is not None:
            say(f"   conflict copies at the check: {len(checks['copies'])}; repair said:")
            for line in checks["repaired"]:
                say(f"     {line}")
        merges = len(self.desk.merges) + len(self.laptop.merges)
        say(f"   merges reported on stderr by commands: {merges}")
        for line in self.desk.merges + self.laptop.merges:
            say(f"     {line}")
        say(f"   merges reported by desk's long-lived process: {len(self.worker_notes)}")
        for line in self.worker_notes:
            say(f"     {line}")
        say(f"   set-aside files: {len(aside)}" + (f" ({', '.join(aside)})" if aside else ""))
        say(f"   copies kept in backups/conflict-copies: {len(kept)}")
        if self.sync_errors:
            say(
                "   syncthing folder errors seen (transient ones included): "
                f"{len(self.sync_errors)}"
            )
            for line in sorted(self.sync_errors)[:20]:
                say(f"     {line}")
        say(f"   took {time.monotonic() - began:.0f} s; folders in {self.root}")
        for problem in self.problems:
            say(f"   FAIL: {problem}")
        say(f"\nRESULT: {'PASS' if not self.problems else 'FAIL'}")


# ----------------------------------------------------------------- the app side


def app_side(folder: Path, saves: int, every: float) -> int:
    """Desk's long-lived process: the data held open, saved through the Python API
    as the app saves (a background writer), looking every 3 s for changes from the
    other device and opening the data again when it finds one (devices_work.py)."""
    from jobfutures_tui.models.entities import revise
    from jobfutures_tui.store import BackgroundWriter, Repository
    from jobfutures_tui.usecases import changes
    from jobfutures_tui.usecases.intake import ProspectInput

    lock = threading.Lock()

    def emit(event: str, **fields: Any) -> None:
        with lock:
            print(json.dumps({"event": event, **fields}), flush=True)

    def open_data() -> Repository:
        writer = BackgroundWriter()
        writer.on_merged = lambda notes: emit("merged", notes=notes)
        return Repository.open(folder, writer=writer, holder="two_syncthings' app side")

    repo = open_data()
    looked = time.monotonic()
    try:
        for number in range(1, saves + 1):
            time.sleep(every)
            if time.monotonic() - looked >= 3.0:
                looked = time.monotonic()
                changed = repo.changed_elsewhere()
                if changed and not repo.pending_files:
                    repo.close()
                    repo = open_data()
                    emit("reopened", files=changed)
            company = f"Desk Live {number}"
            values = {"company": company, "person": f"Desk Person L{number}", "role": "Engineer"}
            change = changes.add_or_edit(repo, ProspectInput.model_validate(values))
            repo.apply(save=list(change.save))
            emit("saved", company=company)
            note = f"desk-live-touch-{number}"
            logged = changes.log_touch(
                repo,
                {
                    "prospect_id": change.prospect_id,
                    "at": datetime.now(UTC),
                    "channel": "email",
                    "outcome": "sent",
                    "note": note,
                },
            )
            repo.apply(save=list(logged.save))
            emit("saved", touch=note)
            if number % 3 == 0:
                shared = repo.find_company(SHARED_COMPANY)
                future = next(
                    (p for p in repo.prospects() if shared and p.company_id == shared.id), None
                )
                if future is not None:
                    repo.save(revise(future, notes=f"desk app note {number}"))
                    emit("saved")
        repo.close()
    except BaseException:
        traceback.print_exc()
        with contextlib.suppress(Exception):
            repo.close()
        return 1
    merged = repo.writer.merge_notes if repo.writer is not None else []
    emit("done", merges=len(merged))
    return 0


# ----------------------------------------------------------------- main


def find_syncthing(given: str | None) -> tuple[str, bool]:
    binary = given or shutil.which("syncthing")
    if not binary:
        raise SystemExit(
            "two_syncthings: syncthing is not installed (scripts/two_syncthings.sh installs it)"
        )
    shown = subprocess.run([binary, "--help"], capture_output=True, text=True)
    new_cli = "serve" in shown.stdout + shown.stderr and "generate" in shown.stdout + shown.stderr
    return binary, new_cli


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3, help="sequential rounds (default 3)")
    parser.add_argument(
        "--together",
        type=int,
        default=8,
        help="simultaneous rounds (default 8, under 10: "
        "Syncthing keeps at most 10 conflict copies of a file)",
    )
    parser.add_argument("--saves", type=int, default=12, help="long-lived desk saves (default 12)")
    parser.add_argument("--every", type=float, default=0.7, help="seconds between those saves")
    parser.add_argument("--timeout", type=float, default=90, help="seconds to wait for a sync")
    parser.add_argument("--syncthing", help="the syncthing binary (default: from PATH)")
    parser.add_argument(
        "--remove", action="store_true", help="remove the temporary folder at the end"
    )
    parser.add_argument("--app-side", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.app_side is not None:
        return app_side(args.app_side, args.saves, args.every)

    binary, new_cli = find_syncthing(args.syncthing)
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    root = Path(tempfile.mkdtemp(prefix="jobfutures-two-syncthings-"))
    say(f"{version}\nfolders in {root}")
    run = Run(root, binary, new_cli, args.timeout)

    def stop(signum: int, _frame: Any) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, stop)
    began = time.monotonic()
    checks = None
    try:
        run.start_syncthings()
        run.seed()
        run.sequential(args.rounds)
        run.simultaneous(args.together)
        run.long_lived(args.saves, args.every, laptop_rounds=max(1, args.saves * 2 // 3))
        run.settle("before the check", time.monotonic())
        checks = run.check_and_repair()
        run.verify(checks)
    except KeyboardInterrupt:
        run.problems.append("interrupted")
    except Exception as error:
        run.problems.append(f"{type(error).__name__}: {error}")
        traceback.print_exc()
    finally:
        run.stop_syncthings()
    run.summary(checks, began)
    if args.remove:
        shutil.rmtree(root, ignore_errors=True)
        say(f"(removed {root})")
    return 0 if not run.problems else 1


if __name__ == "__main__":
    sys.exit(main())
