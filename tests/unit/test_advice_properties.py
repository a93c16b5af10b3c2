"""Properties of the advice over any contacts and history (docs/advice.md).

People here may have any mix of details, or none; histories hold any channel,
direction, outcome and kind; job futures any stage, origin and plan. Whatever
the engine suggests must be a channel the person can be reached by, among the
channels that suit the touch (or their reachable preference), and the
built-in library must have words written for it.
"""

from __future__ import annotations

from typing import Any

import pendulum
from hypothesis import given, settings
from hypothesis import strategies as st
from thoroughness import examples

from jobfutures_tui.engine.built_in_plans import BUILT_IN_PLANS
from jobfutures_tui.engine.cadence import suggest_next
from jobfutures_tui.engine.channels import FITS, fitting_channels, reachable_at_all, reaches
from jobfutures_tui.engine.history import summarise
from jobfutures_tui.engine.person_choice import ROLE_ORDER
from jobfutures_tui.engine.script_library import LIBRARY, builtin_script
from jobfutures_tui.engine.scripts import fits_channel, fits_stage
from jobfutures_tui.models import (
    Channel,
    Direction,
    Origin,
    Outcome,
    Person,
    PersonRole,
    Prospect,
    Stage,
    Touch,
    TouchKind,
)

UTC = pendulum.UTC
BASE = pendulum.datetime(2025, 10, 1, tz=UTC)
SCRIPTS = [builtin_script(item) for item in LIBRARY]
CITY = "Denver"


@st.composite
def contact(draw: st.DrawFn, index: int) -> Person:
    """Someone known by any mix of details: only an email, only a LinkedIn URL,
    only a phone, an address, a city, or nothing at all."""
    return Person(
        name=f"Person {index}",
        role=draw(st.sampled_from(list(PersonRole))),
        email=draw(st.sampled_from(["", f"p{index}@example.com"])),
        phone=draw(st.sampled_from(["", "+1 555 0100"])),
        linkedin=draw(st.sampled_from(["", "https://www.linkedin.com/in/p"])),
        address=draw(st.sampled_from(["", "1 Main St\nDenver, CO"])),
        city=draw(st.sampled_from(["", CITY, "Oslo"])),
        preferred_channel=draw(st.none() | st.sampled_from(list(Channel))),
        do_not_contact=draw(st.booleans()) if index else False,
    )


@st.composite
def cases(draw: st.DrawFn) -> dict[str, Any]:
    team = [draw(contact(index)) for index in range(draw(st.integers(0, 3)))]
    touches = []
    for _ in range(draw(st.integers(0, 8))):
        touches.append(
            Touch(
                prospect_id="p1",
                person_id=draw(st.sampled_from([None, *(p.id for p in team)])),
                at=BASE.add(minutes=draw(st.integers(0, 400 * 24 * 60))),
                channel=draw(st.sampled_from(list(Channel))),
                direction=draw(st.sampled_from(list(Direction))),
                outcome=draw(
                    st.sampled_from([o for o in Outcome if o is not Outcome.ASKED_TO_STOP])
                ),
                kind=draw(st.none() | st.sampled_from(list(TouchKind))),
                replied=draw(st.booleans()),
            )
        )
    created = BASE.subtract(days=draw(st.integers(0, 900)))
    moved = draw(st.none() | st.integers(0, 400))
    prospect = Prospect(
        company_id="c1",
        person_ids=tuple(p.id for p in team),
        stage=draw(st.sampled_from(Stage.board())),
        origin=draw(st.sampled_from(list(Origin))),
        began_on=created.date(),
        created_at=created,
        stage_changed_at=None if moved is None else BASE.add(days=moved),
        referred_by_id=draw(st.none() | st.just("someone")),
    )
    return {
        "prospect": prospect,
        "people": team,
        "touches": touches,
        "plan": draw(st.none() | st.sampled_from(list(BUILT_IN_PLANS.values()))),
        "tz": UTC,
        "today": BASE.date().add(days=draw(st.integers(0, 500))),
        "home_city": draw(st.sampled_from(["", CITY])),
    }


@settings(max_examples=examples(300), deadline=None)
@given(cases())
def test_only_reachable_fitting_channels_and_always_words_for_it(case: dict[str, Any]) -> None:
    suggestion = suggest_next(**case)
    if suggestion is None:
        return
    people = {p.id: p for p in case["people"]}
    person = people.get(suggestion.person_id or "")
    texted = summarise(case["touches"]).texted_by(suggestion.person_id)

    def ok(channel: Channel, someone: Person | None = person) -> bool:
        return reaches(someone, channel, my_city=case["home_city"], texted=texted)

    summary = summarise(case["touches"])
    if suggestion.channel is None:
        # Nobody who may be contacted can be reached at all.
        for someone in case["people"]:
            if not someone.do_not_contact:
                assert not reachable_at_all(
                    someone, my_city=case["home_city"], texted=summary.texted_by(someone.id)
                ), suggestion
    else:
        assert person is not None and not person.do_not_contact
        assert ok(suggestion.channel), suggestion
        suits = fitting_channels(suggestion.kind)
        preferred = person.preferred_channel
        assert suggestion.channel in suits or suggestion.channel is preferred, suggestion
        if suggestion.channel in (Channel.CALL, Channel.VOICEMAIL, Channel.TEXT):
            assert suggestion.kind not in (TouchKind.WORK_SAMPLE, TouchKind.VALUE_SHARE)
    channel = suggestion.channel or fitting_channels(suggestion.kind)[0]
    stage, origin = case["prospect"].stage, case["prospect"].origin
    assert any(
        script.kind is suggestion.kind
        and fits_channel(script, channel)
        and fits_stage(script, stage)
        and (not script.origins or origin in script.origins)
        for script in SCRIPTS
    ), (suggestion.kind, channel, stage, origin)


@settings(max_examples=examples(200), deadline=None)
@given(cases())
def test_the_hiring_manager_comes_before_a_recruiter(case: dict[str, Any]) -> None:
    """The person suggested is never outranked by a reachable colleague, unless the
    touch answers someone (a reply, a follow-up) or thanks a referrer."""
    suggestion = suggest_next(**case)
    if suggestion is None or suggestion.channel is None or suggestion.kind in _ANSWERS:
        return
    last = summarise(case["touches"]).last
    if last is not None and last.person_id == suggestion.person_id:
        return  # it answers them (a reply it had to turn into a check-in, say)
    people = {p.id: p for p in case["people"]}
    chosen = people[suggestion.person_id or ""]
    rank = ROLE_ORDER.index(chosen.role)
    texted = summarise(case["touches"])
    for other in case["people"]:
        if other.do_not_contact or other.id == chosen.id:
            continue
        if reachable_at_all(other, my_city=case["home_city"], texted=texted.texted_by(other.id)):
            assert ROLE_ORDER.index(other.role) >= rank, (chosen.role, other.role)


_ANSWERS = {
    TouchKind.FOLLOW_UP,
    TouchKind.OPENING_REPLY,
    TouchKind.OFFER_TO_REFER,
    TouchKind.REFERRER_THANKS,
}


def test_every_kind_has_a_fit() -> None:
    assert set(FITS) == set(TouchKind)
    for kind, fit in FITS.items():
        assert fit.channels, kind
        assert Channel.VOICEMAIL not in fit.channels, "a call becomes a voicemail"
        if kind is not TouchKind.CHECK_IN:
            assert fit.instead is TouchKind.CHECK_IN
    for kind in (TouchKind.WORK_SAMPLE, TouchKind.VALUE_SHARE, TouchKind.AFTER_HIRE):
        spoken = {Channel.CALL, Channel.VOICEMAIL, Channel.TEXT, Channel.IN_PERSON}
        assert spoken.isdisjoint(fitting_channels(kind)), "something to read goes in writing"
