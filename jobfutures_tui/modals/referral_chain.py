"""The referral chain of a job future: who led to whom, as a tree to walk and open."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, Tree
from textual.widgets.tree import TreeNode

from jobfutures_tui.store import Repository
from jobfutures_tui.usecases.referrals import ReferralNode


class ReferralChain(ModalScreen[str | None]):
    """Dismisses with the job future chosen (enter), or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Close", id="referrals.close", tooltip="Back, opening nothing"),
    ]

    def __init__(self, repo: Repository, tree: ReferralNode, current: str) -> None:
        super().__init__()
        self.repo = repo
        self.chain = tree
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="referrals"):
            yield Static(Text(f"Referral chain · {self.chain.size()} job futures"), id="form-title")
            yield Tree(self._label(self.chain.prospect_id), id="referral-tree")
            yield Static(Text("enter opens · esc closes"), id="form-help")

    def on_mount(self) -> None:
        widget: Tree[str] = self.query_one(Tree)
        widget.root.data = self.chain.prospect_id
        nodes = {self.chain.prospect_id: widget.root}
        self._add(widget.root, self.chain, nodes)
        widget.root.expand_all()
        widget.focus()
        widget.move_cursor(nodes.get(self.current))

    def _add(
        self, parent: TreeNode[str], node: ReferralNode, nodes: dict[str, TreeNode[str]]
    ) -> None:
        for child in node.children:
            branch = parent.add(self._label(child.prospect_id), data=child.prospect_id)
            nodes[child.prospect_id] = branch
            self._add(branch, child, nodes)

    def _label(self, prospect_id: str) -> Text:
        prospect = self.repo.prospect(prospect_id)
        if prospect is None:
            return Text("(removed)", style="dim")
        company = self.repo.company(prospect.company_id)
        text = Text(company.name if company else "(missing company)", style="bold")
        if prospect.role:
            text.append(f" · {prospect.role}")
        text.append(f" · {prospect.stage.label}", style="dim")
        referrer = self.repo.person(prospect.referred_by_id) if prospect.referred_by_id else None
        if referrer is not None:
            text.append(f"  via {referrer.name}", style="italic")
        if prospect_id == self.current:
            text.append("  ◀ this one", style="bold")
        return text

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        self.dismiss(event.node.data)

    def action_cancel(self) -> None:
        self.dismiss(None)
