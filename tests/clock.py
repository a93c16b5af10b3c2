"""A test module's clock: time frozen at the moment its data is built around."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import tzinfo

import pendulum
import pytest

from jobfutures_tui.models import dates as dates_module


def frozen_at(now: pendulum.DateTime, zone: tzinfo = pendulum.UTC) -> Callable[..., object]:
    """An autouse fixture for a module (``frozen = frozen_at(NOW)``): every test runs at
    ``now``, in ``zone`` as the local time zone, whatever the machine's clock and zone."""

    @pytest.fixture(autouse=True)
    def frozen(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
        monkeypatch.setattr(dates_module, "local_timezone", lambda: zone)
        with pendulum.travel_to(now, freeze=True):
            yield

    return frozen
