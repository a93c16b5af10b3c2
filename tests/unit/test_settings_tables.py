"""settings.save over the [keys] table: entry by entry, so the user's comments on
the entries that stay are kept (the settings screen saves the keys whole)."""

from __future__ import annotations

from pathlib import Path

from jobfutures_tui import settings


def test_saving_the_keys_keeps_the_comments_of_the_entries_that_stay(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(
        '# mine\n[keys]\n"board.log" = "b"  # b for "brief"\n"board.add" = "n"  # new\n',
        encoding="utf-8",
    )
    now = settings.save({"keys": {"board.log": "b", "today.log": "b"}}, path)
    assert now.settings.keys == {"board.log": "b", "today.log": "b"}
    text = path.read_text(encoding="utf-8")
    assert '"board.log" = "b"  # b for "brief"' in text
    assert "board.add" not in text and text.startswith("# mine\n")
    settings.save({"keys": {"board.log": "g"}}, path)
    assert settings.load(path).settings.keys == {"board.log": "g"}


def test_keys_into_a_file_without_them(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("daily_budget = 3  # a quiet month\n", encoding="utf-8")
    settings.save({"keys": {"board.log": "b"}}, path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("daily_budget = 3  # a quiet month\n")
    assert settings.load(path).settings.keys == {"board.log": "b"}
