"""Command palette entries built from the user's own data."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider


class ProspectCommands(Provider):
    """Jump to any open job future by company, person or role."""

    async def search(self, query: str) -> Hits:
        from jobfutures_tui.screens.board import BoardScreen

        screen = self.screen
        if not isinstance(screen, BoardScreen):
            return
        matcher = self.matcher(query)
        for prospect_id in screen.repo.open_prospect_ids():
            card = screen.card(prospect_id)  # cached by the board: no re-validation per key
            label = " · ".join(part for part in (card.company, card.person, card.role) if part)
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(label),
                    partial(screen.select_prospect, prospect_id),
                    help=f"Go to this job future ({card.stage.label})",
                )
