"""A task for the worker tests: it waits for a go-ahead file, then notes that it ran."""

import time
from pathlib import Path

from core.tasks import background


@background()
def wait_then_note(*, folder: str) -> None:
    here = Path(folder)
    (here / "started").touch()
    while not (here / "go").exists():
        time.sleep(0.05)
    with open(here / "ran", "a") as ran:
        ran.write("ran\n")
