"""Clean text at the edge, in the shell: a control code in a CSV cell does not make a
second company, and nothing the shell prints sends a control code to the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from shell import jf

from jobfutures_tui.store import Repository

RAW = ("\x1b", "\x07", "\x9b", "\u202e")


def test_a_control_code_in_a_csv_cell_makes_no_second_company(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    sheet = tmp_path / "people.csv"
    sheet.write_text(
        "name,company\nAna Ruiz,Acme\nBen Ode,Acme\x07\nCy Po,A\u200bcme\nDi Lu,\u202eACME\n"
        "Ed Oh,\x1b[1mAcme\x1b[0m\n",
        encoding="utf-8",
    )
    data = tmp_path / "data"
    code, out, _ = jf(capsys, data, "import", "csv", str(sheet), "--apply")
    assert code == 0 and "1 company, 5 people" in out
    with Repository.open(data, read_only=True) as repo:
        assert [company.name for company in repo.companies()] == ["Acme"]
    code, out, _ = jf(capsys, data, "add", "\u2066ACME\u2069", "--person", "Eve Ng")
    assert code == 0
    code, out, _ = jf(capsys, data, "add", "\x1b[31mACME\x1b[0m", "--person", "Flo Ta")
    assert code == 0
    with Repository.open(data, read_only=True) as repo:
        assert [company.name for company in repo.companies()] == ["Acme"], "add matches so too"


def test_the_shell_shows_control_codes_instead_of_sending_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    data = tmp_path / "data"
    code, out, err = jf(capsys, data, "add", "Evil\x1b]0;pwned\x07 Co", "--person", "\u202eAna")
    assert code == 0 and "Evil Co" in out, "stored clean, shown clean"

    code, _, err = jf(capsys, data, "move", "Nowhere\x1b[2J", "referral")
    assert code == 1 and "Nowhere^[[2J" in err, "the name given, echoed visibly"

    missing = tmp_path / "no\x1b[31mfile\u202e.csv"
    code, _, err = jf(capsys, data, "import", "csv", str(missing))
    assert code == 1 and "no^[[31mfile\\u202e.csv does not exist" in err

    with pytest.raises(SystemExit):
        jf(capsys, data, "move", "Evil", "\x1b[31mbad")
    err = capsys.readouterr().err
    assert "^[[31mbad" in err, "argparse's own errors too"

    for args in (("due",), ("due", "--json"), ("export", "markdown", "Evil")):
        code, out, err = jf(capsys, data, *args)
        assert code == 0 and not any(raw in out + err for raw in RAW), args
