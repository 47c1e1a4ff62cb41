"""
A real Varnish for tests: Debian's varnishd with vmod_xkey, running the shipped
deploy/varnish/thinktank.vcl in front of a test server.

Without varnishd or the xkey vmod (apt-get install varnish varnish-modules) the Varnish
tests skip with a reason; with the environment variable REQUIRE_VARNISH_TESTS=1 (set by
CI) they fail instead.
"""

import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from glob import glob
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VCL = ROOT / "deploy" / "varnish" / "thinktank.vcl"
VARNISHD = Path(os.environ.get("VARNISHD_PATH", "/usr/sbin/varnishd"))
XKEY = "/usr/lib/*/varnish/vmods/libvmod_xkey.so"


def require_varnish() -> None:
    """Skip (or fail, with REQUIRE_VARNISH_TESTS=1) unless varnishd and xkey are here."""
    if not VARNISHD.exists():
        reason = f"varnishd is not installed at {VARNISHD} (apt-get install varnish)"
    elif not glob(XKEY) and not glob("/usr/lib/varnish/vmods/libvmod_xkey.so"):
        reason = "vmod_xkey is not installed (apt-get install varnish-modules)"
    else:
        return
    if os.environ.get("REQUIRE_VARNISH_TESTS") == "1":
        pytest.fail(reason + "; REQUIRE_VARNISH_TESTS=1 makes this a failure.")
    pytest.skip(reason)


class Varnish:
    """varnishd in the foreground, on port, in front of the app at backend (host:port)."""

    def __init__(self, folder: Path, port: int, backend: str):
        host, backend_port = backend.rsplit(":", 1)
        vcl = VCL.read_text()
        vcl, count = re.subn(
            r'\.host = "[^"]*";\s*\.port = "\d+";',
            f'.host = "{host}";\n    .port = "{backend_port}";',
            vcl,
        )
        assert count == 1, "the backend of thinktank.vcl is not where the test expects it"
        self.folder = folder
        (folder / "thinktank.vcl").write_text(vcl)
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(folder / "varnishd.log", "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [str(VARNISHD), "-F", "-n", str(folder / "work"), "-a", f"127.0.0.1:{port}",
             "-f", str(folder / "thinktank.vcl"), "-s", "malloc,64m",
             # As the user running the tests, not a separate one (the folder is theirs).
             "-j", "none"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5) as response:
                    if response.status == 200:
                        return
            except (OSError, urllib.error.URLError):
                pass
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                log = (folder / "varnishd.log").read_text()[-3000:]
                raise AssertionError(f"varnishd did not start on {self.url}:\n{log}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
