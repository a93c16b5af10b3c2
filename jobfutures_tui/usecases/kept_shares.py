"""The insights' shares and totals as the derived index keeps them: JSON text
(usecases/kept_counts.py says when they are kept and trusted). Imported by the
insights only: a command that keeps them as stored never parses one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

import orjson

from jobfutures_tui.engine.history import local_day
from jobfutures_tui.engine.insights import Share, Window
from jobfutures_tui.engine.insights_totals import GroupTotal, Totals
from jobfutures_tui.engine.replies import GroupKey, Tally
from jobfutures_tui.engine.touch_counts import Counts
from jobfutures_tui.models.enums import Channel, Stage, TouchKind
from jobfutures_tui.store import Repository
from jobfutures_tui.store.stored_summaries import StoredTexts
from jobfutures_tui.usecases.kept_counts import COUNTS, TOTALS, stored_section
from jobfutures_tui.usecases.referrals import Link


def stored_shares(repo: Repository, made_under: list[Any]) -> StoredTexts | None:
    """The shares kept in the index, if made under ``made_under`` (read with
    :func:`share_from_text`)."""
    return stored_section(repo, made_under, COUNTS)


def stored_totals(repo: Repository, made_under: list[Any]) -> tuple[Totals, list[str]] | None:
    """The totals kept in the index and the longest chain, if made under ``made_under``."""
    section = stored_section(repo, made_under, TOTALS)
    # Parsed whole: one text, found in the bytes only past every quote escaped in it.
    text = section.every().get("totals") if section is not None else None
    return totals_from_text(text) if isinstance(text, str) else None


# ------------------------------------------------------------ a share as text


def share_text(one: Share, link: Link | None, plan: Any) -> str:
    """``[people, plan, referred by, added at, the counts…, the record's part…]``: the
    job future's people and chosen plan first (what a later change naming one of them
    is found by), then what it links to and its share, flat."""
    referred_by, people, created = link if link is not None else (None, (), None)
    c = one.counts
    return orjson.dumps(
        [
            list(people),
            plan,
            referred_by,
            created,
            c.horizon,
            c.settled,
            c.touches,
            c.last_day,
            c.given,
            c.given_days,
            _flat(c.weeks.items()),
            [[*_key_text(key), *_tally(tally)] for key, tally in c.groups.items()],
            [[at, *_key_text(key)] for at, key in c.pending],
            _flat(c.made),
            one.stage.value,
            [n for stage, day in one.spells for n in (stage.value, day)],
            [n for a, b in one.moves for n in (a.value, b.value)],
            one.warm,
            one.reached,
            one.referred,
            one.referrer,
            one.skips,
            one.snoozed_until,
        ]
    ).decode()


def share_from_text(text: Any) -> Share | None:
    """The share of :func:`share_text` (None: not such a text)."""
    try:
        kept = orjson.loads(text)
        horizon, settled, touches, last_day, given, given_days = kept[4:10]
        weeks, groups, pending, made = kept[10:14]
        stage, spells, moves, warm, reached, referred, referrer, skips, snoozed = kept[14:]
        tallies: dict[GroupKey, Tally] = {}
        for channel, kind, script, *numbers, days in groups:
            tally = tallies[_key(channel, kind, script)] = Tally()
            tally.touches, tally.replies, tally.on_the_touch = map(int, numbers)
            tally.days = [int(day) for day in days]
        counts = Counts(
            float(horizon),
            float(settled),
            int(touches),
            None if last_day is None else int(last_day),
            int(given),
            tuple(int(day) for day in given_days),
            dict(_pairs(weeks)),
            tallies,
            tuple((float(at), _key(*key)) for at, *key in pending),
            tuple(_pairs(made)),
        )
        return Share(
            counts,
            Stage(stage),
            tuple((Stage(s), int(day)) for s, day in _raw_pairs(spells)),
            tuple((Stage(a), Stage(b)) for a, b in _raw_pairs(moves)),
            bool(warm),
            None if reached is None else int(reached),
            bool(referred),
            None if referrer is None else str(referrer),
            tuple(int(day) for day in skips),
            None if snoozed is None else int(snoozed),
        )
    except (TypeError, ValueError, KeyError, orjson.JSONDecodeError):
        return None


# ------------------------------------------------------------ the totals as text


def totals_text(totals: Totals, chain: list[str], window: Window) -> str:
    """The totals for ``window``'s day and the days after: what only earlier days
    would read is left out (the stages before its first month's end counted as of
    the day before it)."""
    first_end = window.month_ends[0].toordinal()
    first_week = window.first_week.toordinal()
    follow_day = local_day(window.follow_since, window.zone).toordinal()
    entered: Counter[tuple[Stage, int]] = Counter()
    for (stage, day), n in totals.entered.items():
        entered[stage, max(day, first_end - 1)] += n
    return orjson.dumps(
        {
            "horizon": _instant(totals.horizon),
            "settled": _instant(totals.settled),
            "futures": totals.futures,
            "touches": totals.touches,
            "now": [[stage.value, n] for stage, n in totals.now.items() if n],
            "entered": [[stage.value, day, n] for (stage, day), n in entered.items() if n],
            "moves": [[a.value, b.value, n] for (a, b), n in totals.moves.items() if n],
            "warm": totals.warm,
            "reached": _flat(_nonzero(totals.reached)),
            "referred": totals.referred,
            "referrers": [[pid, n] for pid, n in totals.referrers.items() if n],
            "given": totals.given,
            "weeks": _flat((m, n) for m, n in totals.weeks.items() if n and m >= first_week),
            "groups": [
                [*_key_text(key), g.touches, g.replies, g.on_the_touch, _flat(_nonzero(g.days))]
                for key, g in totals.groups.items()
            ],
            "pending": [[at, *_key_text(key), n] for (at, key), n in totals.pending.items() if n],
            "made": [[d, how, n] for (d, how), n in totals.made.items() if n and d >= follow_day],
            "skips": _flat((d, n) for d, n in totals.skips.items() if n and d >= follow_day),
            "snoozes": _flat(_nonzero(totals.snoozes)),
            "chain": chain,
        }
    ).decode()


def totals_from_text(text: str) -> tuple[Totals, list[str]] | None:
    """The totals and the chain of :func:`totals_text` (None: not such a text)."""
    try:
        kept = orjson.loads(text)
        totals = Totals(
            horizon=_instant_of(kept["horizon"]),
            settled=_instant_of(kept["settled"]),
            futures=int(kept["futures"]),
            touches=int(kept["touches"]),
            warm=int(kept["warm"]),
            referred=int(kept["referred"]),
            given=int(kept["given"]),
        )
        totals.now.update({Stage(stage): int(n) for stage, n in kept["now"]})
        totals.entered.update({(Stage(s), int(day)): int(n) for s, day, n in kept["entered"]})
        totals.moves.update({(Stage(a), Stage(b)): int(n) for a, b, n in kept["moves"]})
        totals.reached.update(dict(_pairs(kept["reached"])))
        totals.referrers.update({str(pid): int(n) for pid, n in kept["referrers"]})
        totals.weeks.update(dict(_pairs(kept["weeks"])))
        for channel, kind, script, touches, replies, on_the_touch, days in kept["groups"]:
            totals.groups[_key(channel, kind, script)] = GroupTotal(
                int(touches), int(replies), int(on_the_touch), Counter(dict(_pairs(days)))
            )
        for at, channel, kind, script, n in kept["pending"]:
            totals.pending[float(at), _key(channel, kind, script)] = int(n)
        totals.made.update({(int(d), int(how)): int(n) for d, how, n in kept["made"]})
        totals.skips.update(dict(_pairs(kept["skips"])))
        totals.snoozes.update(dict(_pairs(kept["snoozes"])))
        chain = [str(pid) for pid in kept["chain"]]
        return totals, chain
    except (TypeError, ValueError, KeyError, orjson.JSONDecodeError):
        return None


# ------------------------------------------------------------ pieces


def _instant(at: float) -> float | None:
    return None if at == float("-inf") else at  # none added yet


def _instant_of(kept: Any) -> float:
    return float("-inf") if kept is None else float(kept)


def _tally(tally: Tally) -> list[Any]:
    return [tally.touches, tally.replies, tally.on_the_touch, tally.days]


def _flat(pairs: Iterable[tuple[Any, Any]]) -> list[Any]:
    return [n for pair in pairs for n in pair]


def _nonzero(counter: Counter[int]) -> Iterable[tuple[int, int]]:
    return ((key, n) for key, n in counter.items() if n)


def _pairs(flat: list[Any]) -> Iterable[tuple[int, int]]:
    return ((int(a), int(b)) for a, b in _raw_pairs(flat))


def _raw_pairs(flat: list[Any]) -> Iterable[tuple[Any, Any]]:
    if len(flat) % 2:
        raise ValueError(flat)
    return zip(flat[::2], flat[1::2], strict=True)


_CHANNELS = {member.value: member for member in Channel}
_KINDS = {member.value: member for member in TouchKind}


def _key_text(key: GroupKey) -> list[Any]:
    channel, kind, script = key
    return [channel.value, None if kind is None else kind.value, script]


def _key(channel: Any, kind: Any, script: Any) -> GroupKey:
    if script is not None and not isinstance(script, str):
        raise TypeError(script)
    return (_CHANNELS[channel], None if kind is None else _KINDS[kind], script)
