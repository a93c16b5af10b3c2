"""The floor for benchmarks.terminal: a bare Textual app, one Static, run in a terminal."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello, floor.")


if __name__ == "__main__":
    Bare().run()
