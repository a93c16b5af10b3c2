"""Who led to whom: the chain a job future is part of, whole, loops drawn once."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobfutures_tui.models import Company, Person, Prospect
from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.referrals import (
    ReferralNode,
    newest_referred_by,
    referral_tree,
    referred_from,
)
from jobfutures_tui.usecases.script_context import latest_referral


def future(
    repo: Repository, name: str, referred_by: Person | None = None
) -> tuple[Prospect, Person]:
    company = Company(name=name)
    person = Person(name=f"Someone at {name}", company_id=company.id)
    prospect = Prospect(
        company_id=company.id,
        person_ids=(person.id,),
        referred_by_id=referred_by.id if referred_by else None,
    )
    repo.save(company, person, prospect)
    return prospect, person


def shape(node: ReferralNode, repo: Repository) -> object:
    prospect = repo.prospect(node.prospect_id)
    assert prospect is not None
    company = repo.company(prospect.company_id)
    assert company is not None
    return {company.name: [shape(child, repo) for child in node.children]}


def test_the_whole_chain_from_any_link(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "data") as repo:
        contoso, tomas = future(repo, "Contoso")
        fabrikam, zoe = future(repo, "Fabrikam", tomas)
        future(repo, "Proseware", zoe)
        future(repo, "Litware", tomas)
        alone, _ = future(repo, "Alone")
        expected = {"Contoso": [{"Fabrikam": [{"Proseware": []}]}, {"Litware": []}]}
        for link in (contoso, fabrikam):
            tree = referral_tree(repo, link.id)
            assert tree is not None and shape(tree, repo) == expected and tree.size() == 4
        assert referral_tree(repo, alone.id) is None


def test_a_loop_in_the_links_ends(tmp_path: Path) -> None:
    with Repository.open(tmp_path / "data") as repo:
        first, ann = future(repo, "First")
        second, bob = future(repo, "Second", ann)
        repo.save(first.model_copy(update={"referred_by_id": bob.id}))
        tree = referral_tree(repo, second.id)
        assert tree is not None and tree.size() == 2


def test_a_persons_newest_referral_is_the_one_added_last(tmp_path: Path) -> None:
    """What a thank-you for a referral names (usecases/script_context.py)."""
    with Repository.open(tmp_path / "data") as repo:
        _, tomas = future(repo, "Contoso")
        future(repo, "Fabrikam", tomas)
        litware, _ = future(repo, "Litware", tomas)
        _, nobody = future(repo, "Alone")
        assert newest_referred_by(repo, tomas.id) == litware.id
        assert newest_referred_by(repo, nobody.id) is None
        assert latest_referral(repo, tomas.id) == "Litware"
        assert latest_referral(repo, None) == latest_referral(repo, nobody.id) == ""


@pytest.mark.parametrize("streamed", [False, True])
def test_the_job_futures_a_job_future_led_to_oldest_first(tmp_path: Path, streamed: bool) -> None:
    """What a job future's story lists as 'led to', read from stored fields as the
    detail opens (the app reads them as columns: usecases/referrals.py)."""
    with Repository.open(tmp_path / "data") as repo:
        contoso, tomas = future(repo, "Contoso")
        fabrikam, zoe = future(repo, "Fabrikam", tomas)
        proseware, _ = future(repo, "Proseware", zoe)
        litware, _ = future(repo, "Litware", tomas)
        alone, _ = future(repo, "Alone")
    with Repository.open(tmp_path / "data", verify=False, streamed=streamed) as repo:
        assert referred_from(repo, contoso.id) == [fabrikam.id, litware.id]
        assert referred_from(repo, fabrikam.id) == [proseware.id]
        assert referred_from(repo, alone.id) == [] and referred_from(repo, "gone") == []
        tree = referral_tree(repo, contoso.id)
        assert tree is not None
        assert [child.prospect_id for child in tree.children] == [fabrikam.id, litware.id]
