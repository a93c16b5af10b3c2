"""The words of a job future's story (how it stands, its company, its people),
as Rich text: every value from the data is appended as text, never as markup.

``colour`` gives the story screen's style parts (detail.tcss), so themes can
change them: warning, and the due levels as on the board's cards.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from jobfutures_tui.engine.cadence import stopped
from jobfutures_tui.engine.person_choice import recruiter_only_warning
from jobfutures_tui.engine.relative import short_date
from jobfutures_tui.models import Company, Prospect, TouchKind
from jobfutures_tui.models.dates import local_timezone, today
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.board import DUE_PART, due_phrase
from jobfutures_tui.usecases.decisions import next_suggestion
from jobfutures_tui.usecases.people import address_line
from jobfutures_tui.usecases.referrals import referred_from
from jobfutures_tui.usecases.user_plans import plan_of

Colour = Callable[[str], Style]


def about(
    repo: Repository,
    prospect: Prospect,
    company: Company | None,
    colour: Colour,
    *,
    keys: str = "s skip · z snooze · P plan",
) -> Text:
    """Where it stands: stage, how it began, referrals, tags, the next touch (``keys``:
    what acts on it), notes."""
    text = Text()
    text.append(company.name if company else "(missing company)", style="bold")
    if prospect.role:
        text.append(f" · {prospect.role}")
    text.append(f"\n{prospect.stage.label}", style="bold")
    if not prospect.is_open and prospect.closed_reason is not None:
        text.append(f": {prospect.closed_reason.label}")
        if prospect.closed_note:
            text.append(f" ({prospect.closed_note})")
    began = prospect.origin.label
    if prospect.began_on:
        began += f" on {prospect.began_on.format('D MMM YYYY')}"
    _field(text, "began", began)
    if prospect.snoozed_until and prospect.snoozed_until >= today():
        _field(text, "snoozed until", short_date(prospect.snoozed_until))
    if prospect.referred_by_id:
        _field(text, "referred by", _who(repo, prospect.referred_by_id))
    referred = _referred_from_here(repo, prospect)
    if referred:
        _field(text, "led to", ", ".join(referred))
    if prospect.tags:
        _field(text, "tags", ", ".join(prospect.tags))
    _next_touch(repo, text, prospect, colour, keys)
    if prospect.self_assessment:
        _block(text, "After the no", prospect.self_assessment)
    if prospect.notes:
        _block(text, "Notes", prospect.notes)
    return text


def _next_touch(
    repo: Repository, text: Text, prospect: Prospect, colour: Colour, keys: str
) -> None:
    """When the next touch is due (coloured as on the cards), how, and why."""
    day = today()
    suggestion = next_suggestion(repo, prospect.id, today=day)
    plan = plan_of(repo, prospect)
    text.append("\n\nNext touch  ", style="bold")
    text.append(f"({keys})", style="dim")
    phrase, level = due_phrase(suggestion, day)
    text.append("\n")
    text.append(phrase, style=colour(DUE_PART[level]))
    people = [p for p in map(repo.person, prospect.person_ids) if p is not None]
    if suggestion is None:
        summary = repo.cadence_summary(prospect.id)
        why = stopped(prospect, people, summary, today=day, tz=local_timezone())
        text.append(f": {why or 'the plan has no more touches'}", style="dim")
    else:
        text.append(f" · {short_date(suggestion.due, day)} · {suggestion.how}")
        person = repo.person(suggestion.person_id) if suggestion.person_id else None
        if person is not None:
            text.append(f" · {person.name}")
        _field(text, "why", suggestion.reason)
    warning = recruiter_only_warning(people) if prospect.is_open else None
    if warning is not None and (
        suggestion is None or suggestion.kind is not TouchKind.FIND_MANAGER
    ):
        text.append(f"\n! {warning}", style=colour("warning"))
    chosen = prospect.cadence_plan == plan.id
    _field(text, "plan", plan.name if chosen else f"{plan.name} (the default here)")


def _who(repo: Repository, person_id: str) -> str:
    person = repo.person(person_id)
    if person is None:
        return "(someone since removed)"
    company = repo.company(person.company_id) if person.company_id else None
    return f"{person.name} ({company.name})" if company else person.name


def _referred_from_here(repo: Repository, prospect: Prospect) -> list[str]:
    """The companies of the job futures that came through this one's people."""
    names = []
    for pid in referred_from(repo, prospect.id):
        other = repo.prospect(pid)
        company = repo.company(other.company_id) if other else None
        if company is not None:
            names.append(company.name)
    return names


def company_text(company: Company | None, *, keys: str = "w edit · n add news") -> Text:
    text = Text()
    if company is None:
        return text
    text.append(f"\nCompany  ({keys})", style="bold")
    if company.website:
        _field(text, "website", company.website)
    if company.notes:
        text.append(f"\n{company.notes}")
    for item in company.news:
        text.append(f"\n{item.on.format('D MMM YYYY')}  ", style="dim")
        text.append(item.text)
    if not company.news:
        text.append("\nno news noted yet", style="dim")
    return text


def person_text(repo: Repository, person_id: str, colour: Colour) -> Text:
    """A person's rows: name, role, contact details (and their address, if any)."""
    person = repo.person(person_id)
    if person is None:
        return Text("(removed)")
    text = Text()
    text.append(person.name, style="bold")
    if person.do_not_contact:
        text.append(" · do not contact", style=colour("warning"))
    details = [person.title, person.role.label]
    if person.preferred_channel:
        details.append(f"prefers {person.preferred_channel.label}")
    text.append("\n  " + " · ".join(d for d in details if d), style="dim")
    reach = [
        _with_more(person.phones),
        _with_more(person.emails),
        person.city,
        person.linkedin,
    ]
    text.append("\n  " + (" · ".join(r for r in reach if r) or "no contact details"), style="dim")
    if person.address:
        text.append("\n  address: ", style="dim")
        text.append(address_line(person.address), style="dim")
    return text


def _with_more(values: tuple[str, ...]) -> str:
    """The main one, and how many more there are ("jo@x.example (+2 more)")."""
    if len(values) < 2:
        return values[0] if values else ""
    return f"{values[0]} (+{len(values) - 1} more)"


def _field(text: Text, label: str, value: str) -> None:
    text.append(f"\n{label}: ", style="dim")
    text.append(value)


def _block(text: Text, title: str, body: str) -> None:
    text.append(f"\n\n{title}\n", style="bold")
    text.append(body)
