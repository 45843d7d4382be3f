"""Worker processes of a build: the renderers' pool (pipeline) and the PDF's parts (render.pdf_parts)."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time


def end_with_parent(parent: int) -> None:
    """Run in each worker as it starts: the worker ends when the build that started it does.

    A build killed outright (SIGKILL), or by SIGTERM or SIGHUP, runs no clean-up of its own, and
    its workers would go on rendering, holding its stdout (a CI log, a pipe) open. On Linux the
    kernel kills the worker when its parent dies (PR_SET_PDEATHSIG); elsewhere, and for a parent
    that died before that was asked, a thread looks for the parent each half second.
    """
    if sys.platform.startswith("linux"):
        import ctypes

        set_parent_death_signal = 1  # PR_SET_PDEATHSIG, <linux/prctl.h>
        ctypes.CDLL(None, use_errno=True).prctl(set_parent_death_signal, signal.SIGKILL)

    def watch_parent() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch_parent, name="parent-alive", daemon=True).start()
