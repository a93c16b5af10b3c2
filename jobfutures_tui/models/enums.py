"""The fixed vocabularies of the domain (docs/advice.md), with the words users see."""

from __future__ import annotations

from enum import StrEnum


class Choice(StrEnum):
    """A StrEnum whose members know the label a user reads."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value.replace("-", " "))

    @classmethod
    def parse(cls, text: str) -> Choice:
        """Find a member by value or label, forgiving case, spaces and dashes."""
        wanted = _squash(text)
        for member in cls:
            if wanted in (_squash(member.value), _squash(member.label)):
                return member
        names = ", ".join(member.value for member in cls)
        raise ValueError(f"unknown {cls.noun()} '{text}': choose one of {names}")

    @classmethod
    def noun(cls) -> str:
        return _NOUNS.get(cls.__name__, cls.__name__.lower())


def _squash(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


class Stage(Choice):
    INTERVIEWED = "interviewed"
    REJECTED_WARM = "rejected-but-warm"
    REFERRAL = "referral"
    OFFER = "offer"
    ARCHIVE = "archive"

    @classmethod
    def board(cls) -> tuple[Stage, ...]:
        """The four open stages, in the order of the kanban columns."""
        return (cls.INTERVIEWED, cls.REJECTED_WARM, cls.REFERRAL, cls.OFFER)


class Channel(Choice):
    CALL = "call"
    VOICEMAIL = "voicemail"
    EMAIL = "email"
    IN_PERSON = "in-person"
    LINKEDIN = "linkedin"
    TEXT = "text"
    LETTER = "letter"


class Direction(Choice):
    OUT = "out"
    IN = "in"


class Outcome(Choice):
    NO_ANSWER = "no-answer"
    LEFT_VOICEMAIL = "left-voicemail"
    SENT = "sent"
    REPLIED = "replied"
    CONVERSATION = "conversation"
    REFERRAL_GIVEN = "referral-given"
    OPENING_MENTIONED = "opening-mentioned"
    ASKED_TO_STOP = "asked-to-stop"


class PersonRole(Choice):
    HIRING_MANAGER = "hiring-manager"
    RECRUITER = "recruiter"
    INTERVIEWER = "interviewer"
    REFERRER = "referrer"
    OTHER = "other"


class Origin(Choice):
    """How a job future began."""

    INTERVIEWED = "interviewed"
    REJECTED = "rejected"
    OFFER_DECLINED = "offer-declined"
    NO_OPENING = "no-opening"
    REFERRED = "referred"


class TouchKind(Choice):
    """What a planned touch is for: the cadence engine suggests one per touch."""

    THANK_YOU = "thank-you"
    FOLLOW_UP = "follow-up"
    CHECK_IN = "check-in"
    VALUE_SHARE = "value-share"
    WORK_SAMPLE = "work-sample"
    REFERRAL_ASK = "referral-ask"
    OFFER_TO_REFER = "offer-to-refer"
    RECONNECT = "reconnect"
    OPENING_REPLY = "opening-reply"
    INTRODUCTION = "introduction"
    """The first touch to someone you were referred to, naming who referred you."""
    REFERRER_THANKS = "referrer-thanks"
    """Thanking whoever passed your name on."""
    FIND_MANAGER = "find-manager"
    """Asking a recruiter who leads the team, when they are your only contact."""
    AFTER_HIRE = "after-hire"
    """Months after someone else was hired: hoping the hire works out."""


class ShareKind(Choice):
    """What an item the user shares is: the seeds' ways of bringing value."""

    ARTICLE = "article"
    EVENT = "event"
    WORK_SAMPLE = "work-sample"
    OTHER = "other"


class ClosedReason(Choice):
    HIRED_HERE = "hired-here"
    HIRED_ELSEWHERE = "hired-elsewhere"
    NOT_INTERESTED = "not-interested"
    ASKED_TO_STOP = "asked-to-stop"
    OTHER = "other"


_LABELS: dict[Choice, str] = {
    Stage.REJECTED_WARM: "rejected-but-warm",
    Channel.IN_PERSON: "in person",
    Channel.LINKEDIN: "LinkedIn",
    PersonRole.HIRING_MANAGER: "hiring manager",
    PersonRole.RECRUITER: "recruiter/HR",
    Outcome.LEFT_VOICEMAIL: "left voicemail",
    Origin.OFFER_DECLINED: "offer declined",
    ClosedReason.HIRED_ELSEWHERE: "hired elsewhere",
    ClosedReason.NOT_INTERESTED: "no longer interested",
    TouchKind.THANK_YOU: "thank-you",
    TouchKind.FOLLOW_UP: "follow-up",
    TouchKind.CHECK_IN: "check-in",
    TouchKind.VALUE_SHARE: "something useful",
    TouchKind.WORK_SAMPLE: "work sample",
    TouchKind.REFERRAL_ASK: "ask for names",
    TouchKind.OFFER_TO_REFER: "offer to refer someone",
    TouchKind.OPENING_REPLY: "reply about the opening",
    TouchKind.INTRODUCTION: "introduction",
    TouchKind.REFERRER_THANKS: "thanks for a referral",
    TouchKind.FIND_MANAGER: "find the hiring manager",
    TouchKind.AFTER_HIRE: "note after their hire",
    ShareKind.WORK_SAMPLE: "work sample",
}

_NOUNS = {
    "Stage": "stage",
    "Channel": "channel",
    "Direction": "direction",
    "Outcome": "outcome",
    "PersonRole": "role",
    "Origin": "origin",
    "ClosedReason": "reason",
    "TouchKind": "kind of touch",
    "ShareKind": "kind of item",
}
