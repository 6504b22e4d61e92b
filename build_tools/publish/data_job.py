"""The site's data files (code table, ``errors.json``, search index), written beside the pages in a second process.

The data files depend only on the records, never on the rendered pages, and
building the search index is a fifth of a large build. Where the system can
``fork`` (Linux, macOS), a child process that shares the parent's records writes
them while MkDocs renders the pages on the other core; the parent collects the
child's log lines and the offline files it wrote when the pages are done
(``DataJob.wait``). Elsewhere the same work runs in the build's own process.
"""

from __future__ import annotations

import json
import os
import traceback
from typing import Callable


class DataJob:
    """``work()`` returns (log lines, offline files written); it runs in a child process when it can."""

    def __init__(self, work: Callable[[], tuple[list[str], list[str]]], parallel: bool = True) -> None:
        self.work = work
        self.result: tuple[list[str], list[str]] | None = None
        self.pid = 0
        self.pipe = -1
        if parallel and hasattr(os, "fork"):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: do the work, report, and leave without running the parent's cleanup
                os.close(read_end)
                status = 0
                try:
                    lines, written = work()
                    payload = {"lines": lines, "written": written}
                except BaseException:  # noqa: BLE001 - anything goes back to the parent as text
                    payload = {"error": traceback.format_exc()}
                    status = 1
                with os.fdopen(write_end, "w", encoding="utf-8") as out:
                    out.write(json.dumps(payload))
                os._exit(status)
            os.close(write_end)
            self.pid, self.pipe = pid, read_end

    def wait(self) -> tuple[list[str], list[str]]:
        """The work's result, once it is done; raises RuntimeError with the child's traceback if it failed."""
        if self.result is not None:
            return self.result
        if not self.pid:
            self.result = self.work()
            return self.result
        with os.fdopen(self.pipe, "r", encoding="utf-8") as handle:
            text = handle.read()
        _, status = os.waitpid(self.pid, 0)
        payload = json.loads(text) if text else {"error": f"the data process ended with status {status}"}
        if "error" in payload:
            raise RuntimeError(f"writing the data files failed:\n{payload['error']}")
        self.result = (payload["lines"], payload["written"])
        return self.result

