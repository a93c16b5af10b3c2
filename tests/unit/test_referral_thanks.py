"""A referral that reaches the offer stage: the referrer is owed a thank-you, once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pendulum
import pytest

from jobfutures_tui.models import Company, Person, Prospect, Stage, Touch, TouchKind, revise
from jobfutures_tui.models import dates as dates_module
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.due import DueItem, due_items

NOW = pendulum.datetime(2026, 11, 23, 15, tz="UTC")


@pytest.fixture(autouse=True)
def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(dates_module, "local_timezone", lambda: pendulum.UTC)
    with pendulum.travel_to(NOW, freeze=False):
        yield


def due_for(repo: Repository, prospect_id: str) -> DueItem | None:
    items = due_items(repo, today=NOW.date(), within_days=None)
    return next((i for i in items if i.prospect_id == prospect_id), None)


def referral(repo: Repository) -> tuple[Prospect, Person, Prospect]:
    contoso = Company(name="Contoso")
    tomas = Person(name="Tomás Ibáñez", company_id=contoso.id, email="t@contoso.example")
    referrer = Prospect(company_id=contoso.id, person_ids=(tomas.id,), stage=Stage.REJECTED_WARM)
    fabrikam = Company(name="Fabrikam")
    zoe = Person(name="Zoë O'Neill", company_id=fabrikam.id, email="z@fabrikam.example")
    referred = Prospect(
        company_id=fabrikam.id,
        person_ids=(zoe.id,),
        stage=Stage.REFERRAL,
        referred_by_id=tomas.id,
    )
    touch = Touch(
        prospect_id=referrer.id,
        person_id=tomas.id,
        at=NOW.subtract(days=10),
        channel="email",
        outcome="replied",
        direction="in",
    )
    repo.save(contoso, tomas, referrer, fabrikam, zoe, referred, touch)
    return referrer, tomas, referred


def test_the_referrer_is_thanked_when_the_referral_reaches_offer(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "data") as repo:
        referrer, tomas, referred = referral(repo)
        before = due_for(repo, referrer.id)
        assert before is None or "referral" not in before.suggestion.reason

        repo.save(revise(referred, stage=Stage.OFFER, stage_changed_at=pendulum.now("UTC")))
        item = due_for(repo, referrer.id)
        assert item is not None
        s = item.suggestion
        assert (s.kind, s.person_id, s.due) == (TouchKind.REFERRER_THANKS, tomas.id, NOW.date())
        assert (
            s.reason == "your referral to Fabrikam reached the offer stage on 23 Nov: thank Tomás"
        )

        # Thanked: the plan goes on.
        repo.save(
            Touch(
                prospect_id=referrer.id,
                person_id=tomas.id,
                at=pendulum.now("UTC"),
                channel="email",
            )
        )
        after = due_for(repo, referrer.id)
        assert after is None or "referral" not in after.suggestion.reason


def test_thanks_survive_a_reopen_and_follow_an_undo_back(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    with Repository.open(folder) as repo:
        referrer, _, referred = referral(repo)
        due_for(repo, referrer.id)  # decisions kept, then written to the index at close
        repo.save(revise(referred, stage=Stage.OFFER, stage_changed_at=pendulum.now("UTC")))
    with Repository.open(folder) as repo:
        item = due_for(repo, referrer.id)
        assert item is not None and "reached the offer stage" in item.suggestion.reason
        back = repo.prospect(referred.id)
        assert back is not None
        repo.save(revise(back, stage=Stage.REFERRAL))
        item = due_for(repo, referrer.id)
        assert item is None or "reached the offer stage" not in item.suggestion.reason


def test_the_offers_kept_between_changes_equal_a_fresh_look(tmp_path: Path) -> None:
    from jobfutures_tui.usecases import referral_offers

    with Repository.open(tmp_path / "data") as repo:
        _, _, referred = referral(repo)
        for stage in (Stage.OFFER, Stage.REFERRAL, Stage.OFFER):
            current = repo.prospect(referred.id)
            assert current is not None
            repo.save(revise(current, stage=stage, stage_changed_at=pendulum.now("UTC")))
            kept = referral_offers.referral_offers(repo)
            referral_offers._OFFERS.pop(repo)
            assert kept == referral_offers.referral_offers(repo)
            assert bool(kept) is (stage is Stage.OFFER)
