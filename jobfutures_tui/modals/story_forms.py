"""The small forms of a job future's story: the story itself, its company, a news
item, a touch (each a RecordForm over these fields)."""

from __future__ import annotations

from jobfutures_tui.modals.record_form import Field, choices_of
from jobfutures_tui.models import Channel, Direction, Origin, Outcome, Stage, TouchKind

STORY_FIELDS = (
    Field("role", "Role discussed"),
    Field("stage", "Stage", "choice", choices=choices_of(Stage, only=Stage.board())),
    Field("origin", "How it began", "choice", choices=choices_of(Origin)),
    Field("began_on", "On", placeholder="YYYY-MM-DD"),
    Field("referred_by", "Referred by", placeholder="a person's name"),
    Field("self_assessment", "After the no", "text"),
    Field("notes", "Notes", "text"),
    Field("tags", "Tags", placeholder="comma, separated"),
)
COMPANY_FIELDS = (
    Field("name", "Name"),
    Field("website", "Website"),
    Field("notes", "Notes", "text"),
    Field("news", "News", "text"),
)
NEWS_FIELDS = (
    Field("on", "Date", placeholder="YYYY-MM-DD", replace=True),
    Field("text", "What you saw", placeholder="e.g. they opened a Denver office"),
)
TOUCH_FIELDS = (
    Field("at", "When", placeholder="YYYY-MM-DD HH:MM"),
    Field("channel", "Channel", "choice", choices=choices_of(Channel)),
    Field("direction", "Direction", "choice", choices=choices_of(Direction)),
    Field("outcome", "Outcome", "choice", choices=choices_of(Outcome)),
    Field("kind", "Kind", "choice", choices=choices_of(TouchKind, unset="not said")),
    Field("note", "Note", "text"),
    Field("shared", "Shared", placeholder="titles, separated by commas"),
    Field("replied", "Replied", "flag", placeholder="they replied"),
)
