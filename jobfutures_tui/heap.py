"""How the app's process takes memory from the C library (docs/architecture.md)."""

from __future__ import annotations

import contextlib
import os

LARGE_BLOCK = 128 * 1024
"""Bytes from which a block comes from the system and goes back to it when freed."""
_M_MMAP_THRESHOLD = -3
"""glibc's mallopt parameter (malloc.h)."""


def large_blocks_from_the_system() -> None:
    """Keep glibc's threshold for large blocks where it starts (128 KB), not rising.

    glibc raises it each time such a block is freed, up to 32 MB: after the app let go
    of the derived index's bytes (6 MB at 5,000 job futures), every file's bytes and
    big table came from the heap, and freed they stayed there, scattered among what
    is kept: 15 MB of it free once the background work was done. Fixed, the app's
    peak there fell by 3 MB; at 10 job futures nothing changes (docs/architecture.md).
    The app only (cli.run_app): a command, over in a second, gained nothing and its
    page faults cost it CPU. Only where the C library is glibc; ctypes is imported at
    start anyway."""
    try:
        os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):
        return  # not glibc: its allocator does as it does
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).mallopt(_M_MMAP_THRESHOLD, LARGE_BLOCK)
