"""
One `manage.py shell` process kept for a test site's whole life, running each piece of
code sent to it, so that a test's many look-ups and changes in a separate process do not
each pay for starting Django (two seconds, more on a loaded machine).

It is one more process of the site, as an app server is: it keeps no state between
pieces (each runs in a fresh namespace, and its database connections are closed after
it), and everything it shares with the servers (database, cache) it reads afresh.
"""

import contextlib
import json
import queue
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
#: Starts the line that carries a reply; other lines are the process's own output (logs).
MARK = "@@shell-reply@@ "

# Runs in the shell process: read one piece of code per line (JSON), run it with its
# printed output captured, reply on one line.
SERVE = f"""
import contextlib, io, json, sys, traceback
from django.db import connections
out = sys.__stdout__
while line := sys.stdin.readline():
    printed = io.StringIO()
    reply = {{}}
    try:
        with contextlib.redirect_stdout(printed):
            exec(json.loads(line), {{"__name__": "__main__"}})
    except BaseException:
        reply["error"] = traceback.format_exc()
    finally:
        connections.close_all()
    reply["stdout"] = printed.getvalue()
    out.write({MARK!r} + json.dumps(reply) + "\\n")
    out.flush()
"""


class Shell:
    """A `manage.py shell` process in env, started at once, that runs code on request."""

    def __init__(self, env: dict):
        self.env = dict(env)
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", SERVE],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
        )
        self.lines: queue.Queue = queue.Queue()
        self.log: deque[str] = deque(maxlen=100)  # its latest own output, for a failure
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def run(self, code: str, timeout: float = 300) -> str:
        """Run code; return what it printed. AssertionError if it raised or timed out."""
        try:
            self.process.stdin.write(json.dumps(code) + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            raise AssertionError("the shell process ended:\n" + "".join(self.log)) from None
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(deadline - time.monotonic(), 0))
            except queue.Empty:
                self.process.kill()
                raise AssertionError(f"the shell did not answer in {timeout} s") from None
            if line is None:
                raise AssertionError("the shell process ended:\n" + "".join(self.log))
            if not line.startswith(MARK):
                self.log.append(line)
                continue
            reply = json.loads(line.removeprefix(MARK))
            if "error" in reply:
                raise AssertionError(f"the shell code failed:\n{reply['error'][-3000:]}")
            return reply["stdout"]

    def close(self) -> None:
        """Tell the process to end once it has run what it was given (see stop)."""
        if not self.process.stdin.closed:
            with contextlib.suppress(BrokenPipeError):  # it had ended already
                self.process.stdin.close()

    def stop(self) -> None:
        """End the process (as close does), killing it if it has not ended in 20 s."""
        self.close()
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
