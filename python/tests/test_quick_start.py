"""README's Python quick start script, run as the README says, on the sample videos."""

from __future__ import annotations

import pathlib
import re
import subprocess
import sys

from test_docs import PROJECT


def test_the_quick_start_script_runs(samples: pathlib.Path) -> None:
    done = subprocess.run([sys.executable, str(PROJECT / "python" / "examples" / "quick_start.py"), str(samples)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-8000:]
    assert re.search(r"frames between 1 s and 1.5 s: (\d+)", done.stdout)
    # Every 25th frame of the five samples (300, 75, 50, 50 and 60 frames): 12 + 3 + 2 + 2 + 3.
    assert "batch: (22, 224, 224, 3) uint8" in done.stdout, done.stdout
    assert "h264" in done.stdout and "vp9" in done.stdout
