"""Job functions for tests/test_jobs.py, run in the job workers (kiosk.jobs) as the features' own are."""
import os
import time
from pathlib import Path


def explode(event_id: int, progress) -> bytes:
    raise RuntimeError("a bug in a job function")


def wait_for(event_id: int, path: str, index: int, progress) -> bytes:
    """Holds a worker until the test creates `path` (at most a minute): the job is still running meanwhile."""
    deadline = time.monotonic() + 60
    while not Path(path).exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return str(os.getpid()).encode()
