"""The built-in scripts, written for jobfutures (DESIGN.md, "Scripts").

Each one is short, says why you are in touch, shows you still care about
the company and follow its news, asks a question that is easy to answer,
ends warmly, and never asks for a job. Emails end without a name: your mail
signature adds it. On the phone, "(your name)" is yours to say.

A new data folder (and data upgraded to format 3) gets every built-in as a
stored script, so all of them can be edited or deleted like the user's own;
``builtin`` keeps the key of the one a script started as, so it can be put
back as shipped (:func:`restored`). Ids and timestamps are fixed, so every
data folder holds the same built-ins and an export merged elsewhere finds
them already there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jobfutures_tui.models import Channel, Script, Stage, TouchKind, revise

SHIPPED_AT = "2026-11-23T00:00:00+00:00"
"""When this library was written: the built-ins' stored timestamps."""

_SPOKEN = (Channel.CALL, Channel.IN_PERSON)
_WRITTEN = (Channel.EMAIL, Channel.LINKEDIN, Channel.LETTER)


@dataclass(frozen=True, slots=True)
class BuiltIn:
    key: str
    name: str
    kind: TouchKind | None
    channels: tuple[Channel, ...]
    stages: tuple[Stage, ...]
    purpose: str
    body: str

    @property
    def id(self) -> str:
        return f"builtin-{self.key}"

    def fields(self) -> dict[str, Any]:
        """The fields a user can edit, as the code has them."""
        return {
            "name": self.name,
            "kind": self.kind,
            "channels": self.channels,
            "stages": self.stages,
            "purpose": self.purpose,
            "body": self.body,
        }


LIBRARY: tuple[BuiltIn, ...] = (
    BuiltIn(
        "call-opener",
        "Call opener",
        TouchKind.CHECK_IN,
        _SPOKEN,
        (),
        "Open a check-in call: why you call, your interest, their news, one question.",
        "Hi {first_name}, it's (your name); we met about the {role} role. Have you got "
        "two minutes? I'm calling to stay in touch, because {company} is still the "
        "company I would most like to join. I saw the news ({news}). How is that "
        "changing things for your team?",
    ),
    BuiltIn(
        "call-opener-their-work",
        "Call opener: their work",
        TouchKind.CHECK_IN,
        _SPOKEN,
        (),
        "A second opener, so two calls in a row never sound the same.",
        "Hi {first_name}, (your name) here; we spoke about the {role} role a while "
        "back. I won't keep you long. I have kept following {company} since then, and "
        "I'm as keen on it as ever. I'm curious: what is your team most focused on "
        "this quarter?",
    ),
    BuiltIn(
        "call-close",
        "Call close",
        None,
        _SPOKEN,
        (),
        "End warmly, before they have to end it for you.",
        "Thank you for the time, {first_name}; I'll let you get back to your day. If "
        "it's all right with you, I'll check in again in a few weeks. All the best to "
        "you and the team at {company}.",
    ),
    BuiltIn(
        "voicemail",
        "Voicemail",
        None,
        (Channel.VOICEMAIL,),
        (),
        "Twenty seconds: who you are, why you called, something of theirs you noticed.",
        "Hi {first_name}, it's (your name), from the {role} interviews. Nothing "
        "urgent: I'm just keeping in touch. I saw the news from {company} ({news}). How "
        "is it changing things for your team? I'll send a short email too, so answer "
        "whenever it suits you. Have a good week.",
    ),
    BuiltIn(
        "check-in-email",
        "Check-in email",
        TouchKind.CHECK_IN,
        _WRITTEN,
        (),
        "A short hello every few weeks or months: interest, their news, one question.",
        "Subject: Keeping in touch\n\nHi {first_name},\n\nIt has been {since} since we "
        "talked about the {role} role, and {company} is still high on my list. I "
        "noticed the latest news ({news}). How is it landing with your team?\n\nNo "
        "need for a long answer; I simply wanted to stay in touch.\n\nBest wishes,",
    ),
    BuiltIn(
        "quick-note",
        "Quick note",
        TouchKind.CHECK_IN,
        (Channel.LINKEDIN, Channel.TEXT),
        (),
        "Two lines for LinkedIn or a text: their news and a question.",
        "Hi {first_name}, I saw the news from {company} ({news}) and thought of you. "
        "How is it going on your side?",
    ),
    BuiltIn(
        "thank-you-interview",
        "Thank-you after the interview",
        TouchKind.THANK_YOU,
        _WRITTEN,
        (Stage.INTERVIEWED,),
        "Within a day or two: thanks, what you liked, and that you would like to stay in touch.",
        "Subject: Thank you\n\nHi {first_name},\n\nThank you for talking with me about "
        "the {role} role. Hearing how your team works made me even more interested in "
        "{company}. Whatever you decide, I'd be glad to stay in touch. Is there "
        "anything from our conversation you would like me to send you?\n\nWith thanks,",
    ),
    BuiltIn(
        "thank-you-after-no",
        "Thank-you after a no",
        TouchKind.THANK_YOU,
        _WRITTEN,
        (Stage.REJECTED_WARM,),
        "Take the no gracefully, and say you stay interested in what comes next.",
        "Subject: Thank you\n\nHi {first_name},\n\nThank you for letting me know about "
        "the {role} role, and for the time you and the team gave me. I'm sorry it was "
        "not a match this time, but I came away liking {company} even more. I would "
        "be glad to hear of anything that fits what we discussed, and I'd like to keep "
        "in touch either way. Would it be all right if I checked in now and then?"
        "\n\nWarm regards,",
    ),
    BuiltIn(
        "thank-you-referral",
        "Thank-you for a referral",
        TouchKind.THANK_YOU,
        (),
        (),
        "Thank whoever passed your name on, and offer something back.",
        "Hi {first_name},\n\nThank you for passing my name on; that was generous of "
        "you. I'll let you know how it goes. In the meantime, is there anything I can "
        "do for you or your team at {company}?\n\nThanks again,",
    ),
    BuiltIn(
        "after-the-hire",
        "After they hired someone else",
        TouchKind.CHECK_IN,
        _WRITTEN,
        (Stage.REJECTED_WARM,),
        "Three or four months after the hire: hope it works out; show you still follow them.",
        "Hi {first_name},\n\nIt has been a while since the {role} role was filled, and "
        "I hope the new hire has settled in well. I have kept following {company} "
        "(most recently: {news}). How is the team finding this year so far?\n\nAll "
        "the best,",
    ),
    BuiltIn(
        "share-article",
        "Sharing an article or event",
        TouchKind.VALUE_SHARE,
        _WRITTEN,
        (),
        "Bring something of value: an article or an event that fits their work.",
        "Hi {first_name},\n\nI came across “{to_share}” ({link}) and thought of you, "
        "given what your team works on at {company}. Does it match what you are "
        "seeing?\n\nBest,",
    ),
    BuiltIn(
        "work-sample",
        "Sending a work sample",
        TouchKind.WORK_SAMPLE,
        (Channel.EMAIL, Channel.LETTER),
        (),
        "Show your work: a short piece close to their problems, with a question.",
        "Hi {first_name},\n\nI recently put together “{to_share}” and have attached "
        "it. It is close to the problems we discussed for the {role} role, so I "
        "thought you might like to see how I went about it. I'd value your view: "
        "what would you have done differently?\n\nBest regards,",
    ),
    BuiltIn(
        "referral-ask",
        "Asking for other managers",
        TouchKind.REFERRAL_ASK,
        (),
        (),
        "Ask for one or two names elsewhere, never for a job.",
        "Hi {first_name},\n\nI know the timing isn't right at {company}, and I'm happy "
        "to wait for the right moment there. May I ask a small favour meanwhile? Are "
        "there one or two managers at other companies, people you respect, who might "
        "enjoy a conversation with someone like me? I would say you suggested them, "
        "and I'll let you know how it goes.\n\nThank you,",
    ),
    BuiltIn(
        "offer-to-refer",
        "Offering to refer a candidate",
        TouchKind.OFFER_TO_REFER,
        (),
        (),
        "Help them fill their other openings; it keeps you in mind too.",
        "Hi {first_name},\n\nIs your team at {company} hiring for any other roles at "
        "the moment? I know a few strong people and would be happy to point one of "
        "them your way if something fits. What sort of person are you looking for?"
        "\n\nBest,",
    ),
    BuiltIn(
        "reconnect",
        "Re-contacting an old interview",
        TouchKind.RECONNECT,
        (),
        (),
        "Years later: who you are, what changed, and a question about their work.",
        "Hi {first_name},\n\nYou may remember me: we talked about the {role} role at "
        "{company} {since} ago. A lot has changed for me since, and I have followed "
        "{company} along the way (most recently: {news}). I'd enjoy hearing what you "
        "are working on now. Would you have fifteen minutes for a call in the coming "
        "weeks?\n\nBest wishes,",
    ),
    BuiltIn(
        "manager-after-recruiter",
        "The manager, after the recruiter",
        TouchKind.CHECK_IN,
        _WRITTEN,
        (),
        "Write to the hiring manager too: recruiters see too many candidates to remember.",
        "Hi {first_name},\n\nSince my interviews for the {role} role I have kept in "
        "touch with your recruiting team, and I wanted you to hear from me directly "
        "as well: {company} is still the place I would most like to work. I saw the "
        "news ({news}). How is it shaping your plans for the team?\n\nBest regards,",
    ),
    BuiltIn(
        "follow-up-no-reply",
        "Follow-up after no reply",
        TouchKind.FOLLOW_UP,
        (*_WRITTEN, Channel.TEXT),
        (),
        "A week after silence: check the message arrived, with no pressure.",
        "Hi {first_name},\n\nI wanted to make sure my last note reached you; I know "
        "how full inboxes get. No rush at all. How are things at {company} these "
        "days?\n\nBest,",
    ),
    BuiltIn(
        "follow-up-call",
        "Follow-up call",
        TouchKind.FOLLOW_UP,
        (Channel.CALL, Channel.VOICEMAIL),
        (),
        "After an unanswered message: a short call to check it arrived.",
        "Hi {first_name}, it's (your name). I sent you a note last week and wanted to "
        "make sure it didn't get lost. Nothing urgent; I know how full your days are. "
        "Is now a bad time, or could we talk for two minutes?",
    ),
    BuiltIn(
        "opening-reply",
        "Reply to an opening",
        TouchKind.OPENING_REPLY,
        (),
        (),
        "They mentioned an opening: thank them, say yes, and ask for the next step.",
        "Hi {first_name},\n\nThank you for thinking of me for this. I'm very "
        "interested: it sounds close to what we discussed for the {role} role. What "
        "would be the most useful next step for you, an updated résumé or a "
        "conversation with someone on the team?\n\nThanks again,",
    ),
)

LIBRARY += (
    BuiltIn(
        "introduction",
        "First note, naming who referred you",
        TouchKind.INTRODUCTION,
        (),
        (),
        "The first touch to someone you were referred to: who sent you, and one question.",
        "Hi {first_name},\n\n{referrer} suggested I get in touch with you. I'm interested "
        "in what your team does at {company}, and I'd value fifteen minutes of your view "
        "on it. What are you focused on this year?\n\nBest regards,",
    ),
    BuiltIn(
        "referrer-thanks",
        "Thanking whoever referred you",
        TouchKind.REFERRER_THANKS,
        (),
        (),
        "Thank whoever passed your name on, and offer something back.",
        "Hi {first_name},\n\nThank you for passing my name on; that was generous of "
        "you. I'll let you know how it goes. Is there anything I can do for you or your "
        "team at {company}?\n\nThanks again,",
    ),
    BuiltIn(
        "find-manager",
        "Asking who leads the team",
        TouchKind.FIND_MANAGER,
        (),
        (),
        "A recruiter is your only contact: thank them, and ask who leads the team.",
        "Hi {first_name},\n\nThank you again for your help during the {role} process. "
        "Could you tell me who leads that team? I'd like to thank them directly and stay "
        "in touch with {company}.\n\nBest regards,",
    ),
    BuiltIn(
        "after-hire",
        "Hoping the new hire works out",
        TouchKind.AFTER_HIRE,
        (),
        (),
        "Three or four months after the hire: hope it works out; show you still follow them.",
        "Hi {first_name},\n\nIt has been a while since the {role} role was filled, and "
        "I hope the new hire has settled in well. I have kept following {company}. How is "
        "the team finding this year so far?\n\nAll the best,",
    ),
)

_BY_KEY = {item.key: item for item in LIBRARY}


def builtin(key: str | None) -> BuiltIn | None:
    return _BY_KEY.get(key) if key else None


def builtin_script(item: BuiltIn) -> Script:
    """A built-in as the store keeps it."""
    return Script.model_validate(
        {
            "id": item.id,
            "created_at": SHIPPED_AT,
            "updated_at": SHIPPED_AT,
            "builtin": item.key,
            **item.fields(),
        }
    )


def builtin_rows() -> list[dict[str, Any]]:
    """Every built-in as a stored row (what a new or upgraded data folder gets)."""
    return [builtin_script(item).model_dump(mode="json") for item in LIBRARY]


def is_edited(script: Script) -> bool:
    """Whether a script that started as a built-in differs from it now."""
    item = builtin(script.builtin)
    if item is None:
        return False
    shipped = item.fields()
    return any(getattr(script, name) != value for name, value in shipped.items())


def restored(script: Script) -> Script:
    """The script put back as shipped (same id, so touches still name it)."""
    item = builtin(script.builtin)
    if item is None:
        raise ValueError(f"'{script.name}' is not a built-in script")
    return revise(script, **item.fields())


def missing_builtins(scripts: list[Script]) -> list[Script]:
    """Built-ins no stored script started as (the user deleted them): to bring back."""
    present = {script.builtin for script in scripts if script.builtin}
    return [builtin_script(item) for item in LIBRARY if item.key not in present]
