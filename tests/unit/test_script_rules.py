"""Scripts: safe rendering (hostile bodies included), which scripts fit a touch,
rotation, and the built-in library."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.script_library import (
    LIBRARY,
    builtin_rows,
    builtin_script,
    is_edited,
    missing_builtins,
    restored,
)
from jobfutures_tui.engine.scripts import (
    PLACEHOLDERS,
    SAMPLE_VALUES,
    fitting,
    months_between,
    render,
    since_words,
)
from jobfutures_tui.models import Channel, Origin, Script, Stage, TouchKind, revise
from jobfutures_tui.models.entities import TEXT_MAX

VALUES = {"first_name": "Priya", "company": "Northwind Logistics", "news": ""}


# ------------------------------------------------------------ rendering


def test_known_placeholders_are_filled_in_ignoring_case_and_spaces() -> None:
    done = render("Hi {first_name}, how is { Company }? {FIRST_NAME}!", VALUES)
    assert done.text == "Hi Priya, how is Northwind Logistics? Priya!"
    assert done.complete and done.unknown == () and done.empty == ()


def test_a_placeholder_without_a_value_shows_and_is_reported() -> None:
    done = render("I saw the news ({news}) at {company}.", VALUES)
    assert done.text == "I saw the news (‹news›) at Northwind Logistics."
    assert done.empty == ("news",) and done.unknown == ()
    assert [p.kind for p in done.parts] == ["text", "missing", "text", "value", "text"]


@pytest.mark.parametrize(
    ("body", "shown", "unknown"),
    [
        ("{0.__class__}", "‹0.__class__›", ("0.__class__",)),
        (
            "{0.__class__.__mro__[1].__subclasses__}",
            "‹0.__class__.__mro__[1].__subclasses__›",
            None,
        ),
        ("{first_name.__class__}", "‹first_name.__class__›", ("first_name.__class__",)),
        ("{__import__}", "‹__import__›", ("__import__",)),
        ("{frist_name}", "‹frist_name›", ("frist_name",)),
        ("$first_name ${first_name} %(first_name)s %s", "$first_name $Priya %(first_name)s %s", ()),
        ("{", "{", ()),
        ("}}", "}}", ()),
        ("{}", "{}", ()),
        ("{{first_name}}", "{Priya}", ()),
        ("{ first name }", "{ first name }", ()),
        (
            "[bold]x[/ [link=file:///etc/passwd]y[/link]",
            "[bold]x[/ [link=file:///etc/passwd]y[/link]",
            (),
        ),
        ("\x1b[31mred", "\x1b[31mred", ()),
    ],
)
def test_hostile_bodies_render_literally_and_never_run_anything(
    body: str, shown: str, unknown: tuple[str, ...] | None
) -> None:
    done = render(body, VALUES)
    assert done.text == shown
    if unknown is not None:
        assert done.unknown == unknown
    assert "class '" not in done.text and "<" not in done.text


def test_values_are_not_read_again_as_placeholders() -> None:
    done = render("{first_name} {company}", {"first_name": "{company}", "company": "{0.__class__}"})
    assert done.text == "{company} {0.__class__}"
    assert done.complete


def test_a_value_ending_in_a_full_stop_does_not_make_two() -> None:
    values = {"company": "Contoso, Ltd."}
    assert render("at {company}. Then…", values).text == "at Contoso, Ltd. Then…"
    assert render("at {company}...", values).text == "at Contoso, Ltd...."


def test_a_very_long_body_with_many_placeholders_renders_whole() -> None:
    body = ("{first_name} {nope} $ { } " * 2_000)[:TEXT_MAX]
    done = render(body, VALUES)
    assert done.text.count("Priya") == body.count("{first_name}")
    assert done.unknown == ("nope",)


BODY_CHARS = st.sampled_from([*"{}{}{} _.$%[]/0x\n", "first_name", "news", "nope", "a"])


@settings(max_examples=examples(300), deadline=None)
@given(
    body=st.lists(BODY_CHARS, max_size=60).map("".join),
    values=st.dictionaries(
        st.sampled_from([*PLACEHOLDERS, "nope"]), st.text(max_size=12), max_size=5
    ),
)
def test_render_never_raises_and_shows_only_the_body_and_the_values(
    body: str, values: dict[str, str]
) -> None:
    done = render(body, values)
    assert done.text == "".join(part.text for part in done.parts)
    at = 0
    for part in done.parts:
        if part.kind == "text":  # the body's own text, in order
            found = body.find(part.text, at)
            assert found >= 0
            at = found + len(part.text)
        elif part.kind == "value":
            assert part.name in PLACEHOLDERS and part.text == values[part.name]
        else:  # a visible gap, named as the body wrote it
            assert part.text.startswith("‹") and part.text.endswith("›")
            assert part.text[1:-1] in body
    assert set(done.unknown) | set(done.empty) == {
        part.text[1:-1] for part in done.parts if part.kind == "missing"
    }


# ------------------------------------------------------------ which scripts fit


def script(name: str, kind: TouchKind | None, *channels: Channel, **fields: object) -> Script:
    return Script(name=name, kind=kind, channels=channels, body=f"{name} body", **fields)  # type: ignore[arg-type]


OPENER = script("Opener", TouchKind.CHECK_IN, Channel.CALL)
OPENER_2 = script("Opener two", TouchKind.CHECK_IN, Channel.CALL)
EMAIL = script("Email", TouchKind.CHECK_IN, Channel.EMAIL)
ANY_CHANNEL = script("Anywhere", TouchKind.CHECK_IN)
CLOSE = script("Close", None, Channel.CALL)
VOICEMAIL = script("Voicemail", None, Channel.VOICEMAIL)
THANKS_NO = script("Thanks no", TouchKind.THANK_YOU, stages=(Stage.REJECTED_WARM,))
LIBRARY_UNDER_TEST = [VOICEMAIL, CLOSE, EMAIL, ANY_CHANNEL, OPENER_2, OPENER, THANKS_NO]


def names(found: list[Script]) -> list[str]:
    return [s.name for s in found]


def test_scripts_for_the_kind_come_first_then_any_kind_that_fits_the_channel() -> None:
    found = fitting(
        LIBRARY_UNDER_TEST,
        kind=TouchKind.CHECK_IN,
        channel=Channel.CALL,
        stage=Stage.INTERVIEWED,
        origin=Origin.INTERVIEWED,
    )
    # Written for a call before "any channel"; a voicemail fits a call (it may become one).
    assert names(found) == ["Opener", "Opener two", "Anywhere", "Close", "Voicemail"]


def test_rotation_puts_unused_scripts_first_then_the_one_used_longest_ago() -> None:
    kw = {
        "kind": TouchKind.CHECK_IN,
        "channel": Channel.CALL,
        "stage": Stage.INTERVIEWED,
        "origin": Origin.INTERVIEWED,
    }
    assert names(fitting(LIBRARY_UNDER_TEST, used=[OPENER.id], **kw))[:3] == [
        "Opener two",
        "Anywhere",
        "Opener",
    ]
    used = [OPENER_2.id, ANY_CHANNEL.id, OPENER.id]
    assert names(fitting(LIBRARY_UNDER_TEST, used=used, **kw))[:3] == [
        "Opener two",
        "Anywhere",
        "Opener",
    ]
    used = [OPENER.id, OPENER_2.id, ANY_CHANNEL.id, OPENER.id]
    assert names(fitting(LIBRARY_UNDER_TEST, used=used, **kw))[:3] == [
        "Opener two",
        "Anywhere",
        "Opener",
    ]


def test_when_no_script_is_written_for_the_channel_those_for_the_kind_still_show() -> None:
    found = fitting(
        [EMAIL, CLOSE, THANKS_NO],
        kind=TouchKind.THANK_YOU,
        channel=Channel.CALL,
        stage=Stage.INTERVIEWED,
        origin=Origin.REJECTED,
    )
    assert names(found) == ["Thanks no", "Close"]  # another stage, but the right kind


def test_stage_decides_between_thank_yous() -> None:
    after_interview = script(
        "After interview", TouchKind.THANK_YOU, Channel.EMAIL, stages=(Stage.INTERVIEWED,)
    )
    pool = [THANKS_NO, after_interview]
    kw = {"kind": TouchKind.THANK_YOU, "channel": Channel.EMAIL, "origin": Origin.REJECTED}
    assert names(fitting(pool, stage=Stage.REJECTED_WARM, **kw)) == ["Thanks no"]
    assert names(fitting(pool, stage=Stage.INTERVIEWED, **kw)) == ["After interview"]


def test_origin_decides_like_stage_and_a_closer_fit_ranks_first() -> None:
    anyone = script("Any origin", TouchKind.THANK_YOU, Channel.EMAIL)
    declined = script(
        "Declined", TouchKind.THANK_YOU, Channel.EMAIL, origins=(Origin.OFFER_DECLINED,)
    )
    others = script(
        "Not declined",
        TouchKind.THANK_YOU,
        Channel.EMAIL,
        origins=(Origin.REJECTED, Origin.INTERVIEWED),
    )
    pool = [anyone, declined, others]
    kw = {"kind": TouchKind.THANK_YOU, "channel": Channel.EMAIL, "stage": Stage.REJECTED_WARM}
    assert names(fitting(pool, origin=Origin.OFFER_DECLINED, **kw)) == ["Declined", "Any origin"]
    assert names(fitting(pool, origin=Origin.REJECTED, **kw)) == ["Not declined", "Any origin"]
    assert names(fitting(pool, origin=Origin.REFERRED, **kw)) == ["Any origin"]
    # No script of the kind fits the origin: those of the kind still show.
    assert names(fitting([declined], origin=Origin.REFERRED, **kw)) == ["Declined"]
    # A kind-less script must fit the origin too.
    close = script("Close", None, Channel.EMAIL, origins=(Origin.REFERRED,))
    assert names(fitting([close], origin=Origin.REJECTED, **kw)) == []


def test_a_voicemail_script_still_fits_a_call() -> None:
    voicemail = script("Vm", TouchKind.CHECK_IN, Channel.VOICEMAIL)
    email = script("Em", TouchKind.CHECK_IN, Channel.EMAIL)
    found = fitting(
        [email, voicemail],
        kind=TouchKind.CHECK_IN,
        channel=Channel.CALL,
        stage=Stage.OFFER,
        origin=Origin.REFERRED,
    )
    assert names(found) == ["Vm"]


def test_built_ins_give_words_of_the_kind_even_on_a_channel_it_never_uses() -> None:
    """The engine may change its mind (a preferred channel): there are still words."""
    scripts = [builtin_script(item) for item in LIBRARY]
    for kind in TouchKind:
        for channel in Channel:
            for stage in Stage.board():
                for origin in Origin:
                    found = fitting(scripts, kind=kind, channel=channel, stage=stage, origin=origin)
                    assert found and found[0].kind is kind, (kind, channel, stage, origin)


# ------------------------------------------------------------ the built-in library


def test_every_built_in_is_valid_brief_and_uses_only_known_placeholders() -> None:
    keys = [item.key for item in LIBRARY]
    assert len(set(keys)) == len(keys)
    for item in LIBRARY:
        stored = builtin_script(item)
        assert stored.id == f"builtin-{item.key}" and stored.builtin == item.key
        assert len(item.body) < 700, item.key
        assert render(item.body, SAMPLE_VALUES).complete, item.key
        assert item.purpose


def test_the_library_covers_what_the_issue_asks_for() -> None:
    kinds = {item.kind for item in LIBRARY}
    assert kinds == {*TouchKind, None}
    channels = {channel for item in LIBRARY for channel in item.channels}
    assert {Channel.CALL, Channel.VOICEMAIL, Channel.EMAIL} <= channels


def test_stored_rows_are_fixed_so_every_folder_holds_the_same() -> None:
    assert builtin_rows() == builtin_rows()
    assert {row["created_at"] for row in builtin_rows()} == {"2026-11-23T00:00:00+00:00"}


def test_edit_restore_and_bring_back() -> None:
    opener = builtin_script(LIBRARY[0])
    assert not is_edited(opener)
    edited = revise(opener, body="Hello {first_name}", channels=(Channel.TEXT,))
    assert is_edited(edited)
    back = restored(edited)
    assert not is_edited(back) and back.id == opener.id and back.body == opener.body
    with pytest.raises(ValueError, match="not a built-in"):
        restored(script("Mine", None))
    everything = [builtin_script(item) for item in LIBRARY]
    assert missing_builtins(everything) == []
    assert [s.id for s in missing_builtins(everything[1:])] == [opener.id]
    # A copy the user made is theirs: it does not stand for the built-in.
    copy = Script(name="Copy", body=opener.body)
    assert len(missing_builtins([copy])) == len(LIBRARY)


# ------------------------------------------------------------ words for time


@pytest.mark.parametrize(
    ("start", "end", "months", "words"),
    [
        ((2026, 3, 10), (2026, 3, 20), 0, "a few weeks"),
        ((2026, 3, 10), (2026, 4, 9), 0, "a few weeks"),
        ((2026, 3, 10), (2026, 4, 10), 1, "a month"),
        ((2026, 1, 31), (2026, 8, 31), 7, "7 months"),
        ((2025, 3, 10), (2026, 3, 10), 12, "a year"),
        ((2021, 3, 10), (2026, 11, 23), 68, "5 years"),
        ((2027, 1, 1), (2026, 1, 1), 0, "a few weeks"),
    ],
)
def test_months_and_words(
    start: tuple[int, int, int], end: tuple[int, int, int], months: int, words: str
) -> None:
    assert months_between(start, end) == months
    assert since_words(months) == words


def test_sample_values_fill_every_placeholder() -> None:
    assert set(SAMPLE_VALUES) == set(PLACEHOLDERS)
    assert all(SAMPLE_VALUES.values())
    assert all(re.fullmatch(r"[a-z_]+", name) for name in PLACEHOLDERS)
