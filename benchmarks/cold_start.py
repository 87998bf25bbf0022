"""How long a clerk waits for ``antq validate`` on a small file, from a cold process.

Each command runs in a fresh interpreter, interleaved, N times; the medians are
printed with their ratio to the floor every Python command pays (starting the
interpreter). The target (issue 16): well under 0.3 s for the 13-line example.

As a user's machine runs it: with bytecode caches (``PYTHONDONTWRITEBYTECODE`` is
removed from the environment, and a first run writes the caches). Without them every
run compiles antq's sources again, about 0.12 s on the development machine.

    python benchmarks/cold_start.py [N]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "data" / "dien_ngoc_2023.json"
ANTQ = Path(sys.executable).parent / "antq"

COMMANDS = {
    "python -c pass (the floor)": [sys.executable, "-c", "pass"],
    "python -c 'import antq'": [sys.executable, "-c", "import antq"],
    "antq validate (13 lines)": [str(ANTQ), "validate", str(EXAMPLE)],
    "antq report (13 lines)": [str(ANTQ), "report", str(EXAMPLE)],
}


def main(runs: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    for command in COMMANDS.values():  # write the bytecode caches once
        subprocess.run(command, capture_output=True, check=False, env=env)
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for _ in range(runs):
        for name, command in COMMANDS.items():  # interleaved: drift hits all alike
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=False, env=env)
            times[name].append(time.perf_counter() - start)
    floor = statistics.median(times["python -c pass (the floor)"])
    print(f"cold start, median of {runs} runs each, interleaved")
    for name, found in times.items():
        median = statistics.median(found)
        print(f"  {name:<30} {median * 1000:7.1f} ms   {median / floor:5.1f}× the floor")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
