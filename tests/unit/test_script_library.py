"""The built-in library: words for every touch the engine may suggest (kind,
channel, stage, origin), right for the moment, shaped as docs/scripts-library.md says,
signed with the seeker's name, and never promising a channel the person
may not have."""

from __future__ import annotations

import re
from itertools import product

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.channels import fitting_channels
from jobfutures_tui.engine.script_library import LIBRARY, builtin_script
from jobfutures_tui.engine.scripts import SAMPLE_VALUES, fitting, render
from jobfutures_tui.models import Channel, Origin, Script, Stage, TouchKind
from jobfutures_tui.screens.scripts import NAME_WIDTH

SCRIPTS = [builtin_script(item) for item in LIBRARY]
BY_KEY = {item.key: item for item in LIBRARY}
C = Channel

WRITTEN = frozenset({C.EMAIL, C.LINKEDIN, C.LETTER, C.TEXT})
SPOKEN = frozenset({C.CALL, C.VOICEMAIL, C.IN_PERSON})


def channels_for(kind: TouchKind) -> tuple[Channel, ...]:
    """What the engine may choose for a kind; a call may end as a voicemail."""
    found = fitting_channels(kind)
    return (*found, C.VOICEMAIL) if C.CALL in found and C.VOICEMAIL not in found else found


SPACE = [
    (kind, channel, stage, origin)
    for kind in TouchKind
    for channel in channels_for(kind)
    for stage, origin in product(Stage.board(), Origin)
]


def best(kind: TouchKind, channel: Channel, stage: Stage, origin: Origin) -> Script | None:
    found = fitting(SCRIPTS, kind=kind, channel=channel, stage=stage, origin=origin)
    return found[0] if found else None


def written_for(
    script: Script, kind: TouchKind, channel: Channel, stage: Stage, origin: Origin
) -> bool:
    """The script is for this kind (not a kind-less one) and allows the touch."""
    channel_ok = channel in script.channels or (
        channel is C.CALL and C.VOICEMAIL in script.channels
    )
    return (
        script.kind is kind
        and (not script.channels or channel_ok)
        and (not script.stages or stage in script.stages)
        and (not script.origins or origin in script.origins)
    )


# ------------------------------------------------------------ coverage


def test_every_touch_the_engine_may_suggest_has_words_written_for_it() -> None:
    """Exhaustive: every kind × its channels × open stage × origin."""
    gaps = [point for point in SPACE if not any(written_for(s, *point) for s in SCRIPTS)]
    assert gaps == []
    assert len(SPACE) == sum(len(channels_for(k)) for k in TouchKind) * 4 * len(Origin)


def test_the_best_script_for_every_touch_is_written_for_it() -> None:
    """What the panel shows first is one of those, not a fallback."""
    wrong = [point for point in SPACE if not ((top := best(*point)) and written_for(top, *point))]
    assert wrong == []


@settings(max_examples=examples(200), deadline=None)
@given(st.sampled_from(SPACE))
def test_any_touch_gets_fitting_words_of_its_own_kind(
    point: tuple[TouchKind, Channel, Stage, Origin],
) -> None:
    kind, channel, stage, origin = point
    top = best(kind, channel, stage, origin)
    assert top is not None and written_for(top, kind, channel, stage, origin)
    assert render(top.body, SAMPLE_VALUES).complete


def test_the_commonest_kinds_have_words_to_rotate_on_email_and_on_a_call() -> None:
    for kind, channel in product((TouchKind.CHECK_IN, TouchKind.FOLLOW_UP), (C.EMAIL, C.CALL)):
        own = [s for s in SCRIPTS if s.kind is kind and channel in s.channels]
        assert len(own) >= 2, (kind, channel)
    shares = [s for s in SCRIPTS if s.kind is TouchKind.VALUE_SHARE and C.EMAIL in s.channels]
    assert len(shares) >= 2


def test_rotation_reaches_the_second_script_once_the_first_was_used() -> None:
    kw = {
        "kind": TouchKind.CHECK_IN,
        "channel": C.CALL,
        "stage": Stage.REJECTED_WARM,
        "origin": Origin.REJECTED,
    }
    first = fitting(SCRIPTS, **kw)[0]  # type: ignore[arg-type]
    second = fitting(SCRIPTS, used=[first.id], **kw)[0]  # type: ignore[arg-type]
    assert second.id != first.id and C.CALL in second.channels


# ------------------------------------------------------------ the moment


THANKS = {
    "thank-you-interview": [
        (Stage.INTERVIEWED, o) for o in Origin if o is not Origin.OFFER_DECLINED
    ],
    "thank-you-after-no": [
        (Stage.REJECTED_WARM, o) for o in Origin if o is not Origin.OFFER_DECLINED
    ],
    "thank-you-offer-declined": [
        (Stage.INTERVIEWED, Origin.OFFER_DECLINED),
        (Stage.REJECTED_WARM, Origin.OFFER_DECLINED),
    ],
    "thank-you-referral": [(Stage.REFERRAL, o) for o in Origin if o is not Origin.REFERRED],
    "thank-you-introduced": [(Stage.REFERRAL, Origin.REFERRED)],
    "thank-you-offer": [(Stage.OFFER, o) for o in Origin],
}


def test_the_thank_you_email_fits_the_moment() -> None:
    cells = [cell for cells in THANKS.values() for cell in cells]
    assert sorted(cells) == sorted(product(Stage.board(), Origin))  # every moment, once
    for key, moments in THANKS.items():
        for stage, origin in moments:
            top = best(TouchKind.THANK_YOU, C.EMAIL, stage, origin)
            assert top is not None and top.builtin == key, (stage, origin)
    bodies = {BY_KEY[key].body for key in THANKS}
    assert len(bodies) == len(THANKS)


def words(key: str) -> str:
    return BY_KEY[key].body.casefold()


def test_each_thank_you_says_what_it_is_for() -> None:
    assert "talking with me" in words("thank-you-interview")
    assert "letting me know" in words("thank-you-after-no")
    assert "the offer" in words("thank-you-offer-declined")
    assert "passing my name on" in words("thank-you-referral")
    assert "{referrer}" in words("thank-you-introduced")
    offer = words("thank-you-offer")
    assert "conversation about the opening" in offer and "next steps" in offer


def by_kind(kind: TouchKind) -> list[str]:
    return [item.key for item in LIBRARY if item.kind is kind]


def test_a_first_note_names_the_referrer_and_never_thanks_them() -> None:
    for key in by_kind(TouchKind.INTRODUCTION):
        body = words(key)
        assert "{referrer}" in body, key
        assert "thank" not in body and "referr" not in body.replace("{referrer}", ""), key


def test_thanking_a_referrer_says_where_it_led() -> None:
    for key in by_kind(TouchKind.REFERRER_THANKS):
        body = words(key)
        assert "thank" in body and "{referred_to}" in body, key


def test_finding_the_manager_thanks_the_recruiter_and_asks_who_leads_the_team() -> None:
    for key in by_kind(TouchKind.FIND_MANAGER):
        body = words(key)
        assert "thank" in body and "who leads" in body, key


def test_after_the_hire_hopes_it_worked_out() -> None:
    keys = by_kind(TouchKind.AFTER_HIRE)
    assert any(C.EMAIL in BY_KEY[key].channels for key in keys)
    for key in keys:
        assert "hope" in words(key), key
        assert BY_KEY[key].channels and set(BY_KEY[key].channels) <= WRITTEN - {C.TEXT}


def test_something_to_read_is_never_spoken_or_texted() -> None:
    for kind in (TouchKind.WORK_SAMPLE, TouchKind.VALUE_SHARE):
        for key in by_kind(kind):
            assert set(BY_KEY[key].channels) <= {C.EMAIL, C.LINKEDIN, C.LETTER}, key


@pytest.mark.parametrize(
    ("kind", "says"),
    [
        (TouchKind.FOLLOW_UP, ("reached you", "astray", "earlier note")),
        (TouchKind.OPENING_REPLY, ("yes",)),
        (TouchKind.OFFER_TO_REFER, ("point",)),
        (TouchKind.REFERRAL_ASK, ("one or two",)),
    ],
)
def test_the_words_do_what_the_kind_is_for(kind: TouchKind, says: tuple[str, ...]) -> None:
    for key in by_kind(kind):
        assert any(word in words(key) for word in says), key


def test_follow_ups_put_no_pressure_and_replies_ask_for_the_next_step() -> None:
    for key in by_kind(TouchKind.FOLLOW_UP):
        assert re.search(r"no rush|nothing urgent|nothing needs", words(key)), key
    for key in by_kind(TouchKind.OPENING_REPLY):
        assert "next step" in words(key), key
    for key in by_kind(TouchKind.REFERRAL_ASK):
        assert "managers" in words(key) or "people you respect" in words(key), key


# ------------------------------------------------------------ shape


def test_every_built_in_has_a_purpose_a_name_and_channels_of_one_mode() -> None:
    names = [item.name for item in LIBRARY]
    assert len(set(names)) == len(names)
    assert max(len(name) for name in names) <= NAME_WIDTH  # whole in the scripts list
    for item in LIBRARY:
        assert item.purpose and item.channels, item.key
        assert set(item.channels) <= WRITTEN or set(item.channels) <= SPOKEN, item.key


def spoken_words(body: str) -> int:
    """Words in a body, a placeholder counting as one."""
    return len(re.sub(r"^Subject:.*\n", "", body).split())


LIMITS = {
    C.EMAIL: 90,
    C.LETTER: 90,
    C.LINKEDIN: 45,
    C.TEXT: 45,
    C.CALL: 60,
    C.IN_PERSON: 70,
    C.VOICEMAIL: 50,  # about twenty seconds, said aloud
}


def test_built_ins_are_short_for_their_channel() -> None:
    for item in LIBRARY:
        limit = min(LIMITS[channel] for channel in item.channels)
        assert spoken_words(item.body) <= limit, (item.key, spoken_words(item.body))


def test_only_emails_have_a_subject_line() -> None:
    for item in LIBRARY:
        if "Subject:" in item.body:
            assert item.body.startswith("Subject: ") and item.channels == (C.EMAIL,), item.key


def test_every_built_in_asks_a_question_or_leaves_a_number() -> None:
    for item in LIBRARY:
        if item.key == "call-close":  # a close only thanks them and says goodbye
            continue
        if item.channels == (C.VOICEMAIL,):
            assert "{my_phone}" in item.body, item.key
        else:
            assert "?" in item.body, item.key


def test_built_ins_never_ask_outright_for_a_job() -> None:
    for item in LIBRARY:
        body = item.body.casefold()
        for asking in ("hire me", "a job", "any openings", "give me", "open positions"):
            assert asking not in body, (item.key, asking)


def test_written_built_ins_are_signed_and_spoken_ones_say_your_name() -> None:
    for item in LIBRARY:
        body = item.body
        assert "(your name)" not in body.casefold(), item.key
        if set(item.channels) <= WRITTEN:
            lines = body.splitlines()
            assert lines[-1] == "{my_signature}", item.key
            assert body.count("{my_signature}") == 1, item.key
        else:
            assert "{my_name}" in body or "{my_first_name}" in body, item.key


SIGN_OFF = re.compile(r"^[A-Z][A-Za-z ]*,$")


def test_no_sign_off_is_left_without_a_name() -> None:
    for item in LIBRARY:
        lines = item.body.splitlines()
        for at, line in enumerate(lines):
            if SIGN_OFF.match(line) and not line.startswith(("Hi ", "Dear ")):
                assert lines[at + 1 : at + 2] == ["{my_signature}"], (item.key, line)


def test_placeholders_are_known_and_fill_in() -> None:
    for item in LIBRARY:
        done = render(item.body, SAMPLE_VALUES)
        assert done.complete, (item.key, done.unknown, done.empty)
        assert any(part.kind == "value" for part in done.parts), item.key


# ------------------------------------------------------------ channels promised

CHANNEL_WORDS: dict[str, frozenset[Channel]] = {
    r"e-?mail(s|ed|ing)?|inbox(es)?|attach(ed|ment|ing)?": frozenset({C.EMAIL}),
    r"call(s|ed|ing|back)?|phon(e|es|ed|ing)|ring(s|ing)?|rang|dial(led|ing)?": frozenset(
        {C.CALL, C.VOICEMAIL}
    ),
    r"voice ?mails?|leave a message": frozenset({C.VOICEMAIL}),
    r"linked ?in|inmail": frozenset({C.LINKEDIN}),
    r"text(s|ed|ing)?|sms": frozenset({C.TEXT}),
    r"letters?|post(ed|al|ing)?|enclos(e|ed|ing)|stamps?|envelopes?": frozenset({C.LETTER}),
    r"mail(s|ed|ing)?": frozenset({C.EMAIL, C.LETTER}),
    r"message me|write (to|back)|drop me a line|send you|in writing": WRITTEN,
}
"""A word → the channels it may be said on. Asking to talk or to meet is fine anywhere."""


def channel_words(body: str) -> list[tuple[str, frozenset[Channel]]]:
    """Channel words in a body outside its {placeholders}."""
    text = re.sub(r"\{[^{}]*\}", " ", body.casefold())
    return [
        (match.group(0), allowed)
        for pattern, allowed in CHANNEL_WORDS.items()
        for match in re.finditer(rf"\b(?:{pattern})\b", text)
    ]


def test_no_built_in_mentions_a_channel_it_is_not_written_for() -> None:
    """A voicemail that promises an email, or an email that promises a call,
    fails someone who has no address or no number."""
    wrong = [
        (item.key, word)
        for item in LIBRARY
        for word, allowed in channel_words(item.body)
        if not set(item.channels) <= allowed
    ]
    assert wrong == []


def test_the_channel_words_check_catches_a_broken_promise() -> None:
    assert channel_words("I'll send a short email too.")[0][0] == "email"
    assert channel_words("Would you have time for a call?")[0][0] == "call"
    assert channel_words("Reach me on {my_email} or {my_phone}.") == []
    assert channel_words("Shall we talk over a coffee?") == []
