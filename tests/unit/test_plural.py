from jobfutures_tui.engine.plural import counted


def test_one_is_singular_and_the_rest_plural_with_separators() -> None:
    assert counted(1, "touch") == "1 touch"
    assert counted(0, "touch") == "0 touches"
    assert counted(1204, "job future") == "1,204 job futures"
    assert counted(2, "person") == "2 people"
    assert counted(3, "day") == "3 days"
    assert counted(2, "analysis", "analyses") == "2 analyses"
