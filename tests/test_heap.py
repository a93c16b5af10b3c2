"""The app's heap (jobfutures_tui/heap.py): large blocks keep coming from the system
and going back to it, as glibc would not once one was freed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

LARGE_BLOCKS = """
import ctypes
from jobfutures_tui import heap

class Info(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena ordblks smblks hblks hblkhd usmblks fsmblks uordblks fordblks keepcost".split())]

libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
{setting}
big = bytearray(8_000_000)  # from the system; freed, glibc would raise its threshold
del big
held = [bytearray(300_000) for _ in range(20)]
print(libc.mallinfo2().hblks >= 20)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_large_blocks_keep_coming_from_the_system_and_going_back_to_it() -> None:
    """After a large block is freed, glibc takes the next ones from its heap, where,
    freed, they stay (heap.large_blocks_from_the_system; docs/architecture.md)."""
    try:
        os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):
        pytest.skip("not glibc")

    def mapped(setting: str) -> str:
        program = LARGE_BLOCKS.format(setting=setting)
        done = subprocess.run(
            [sys.executable, "-c", program], capture_output=True, text=True, check=True
        )
        return done.stdout.strip()

    assert mapped("") == "False", "glibc's own way: from the heap once one was freed"
    assert mapped("heap.large_blocks_from_the_system()") == "True"
