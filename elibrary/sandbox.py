"""Run one function in a child process with a memory cap and a time cap.

A parser fed a hostile file can take gigabytes and minutes; in the background worker that
stops every e-mail behind it. Here the parser runs in a fresh Python process
(``python -m elibrary.sandbox``) that limits itself before it does anything else: its
address space (``RLIMIT_AS``) and its CPU time (``RLIMIT_CPU``; the kernel stops it even if
the worker that started it has died). The parent also kills it at a wall-clock deadline
(a child blocked on I/O uses no CPU). Whatever happens to the child, the parent gets a
``ChildOutcome`` back and carries on.

The child never loads Django, and gets no environment beyond a path and a locale, so a
parser bug cannot reach the database settings or the secret key.

Request (JSON on stdin): ``target`` ("module:function"), ``args``, ``memory_mb``,
``seconds``. Answer (JSON on stdout): ``outcome`` ("ok", "memory", "error"), ``value``
or ``error``, and the peak memory seen.
"""

import importlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# A failure once the address space has come this close to the cap is the cap's doing,
# whatever a C library called it (lxml reports a failed allocation as a syntax error).
NEAR_THE_CAP = 0.9


@dataclass(frozen=True)
class ChildOutcome:
    outcome: str  # "ok", "memory", "time", "error" (the function raised), "crashed"
    seconds: float
    value: object = None
    error_type: str = ""
    error_message: str = ""
    error_details: dict | None = None
    peak_virtual_mb: float | None = None  # what RLIMIT_AS counts
    peak_resident_mb: float | None = None
    exit_code: int | None = None


def _child_environment() -> dict:
    keep = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR")
    return {name: os.environ[name] for name in keep if name in os.environ}


def run_in_child(target: str, args: list, *, memory_mb: int, seconds: int) -> ChildOutcome:
    """Call ``target(*args)`` (JSON-serialisable arguments and result) in a child process
    limited to ``memory_mb`` of address space and ``seconds`` of CPU and of wall clock."""
    request = json.dumps(
        {"target": target, "args": args, "memory_mb": memory_mb, "seconds": seconds}
    ).encode()
    started = time.monotonic()
    # stderr to a file: a parser's warnings (one per broken PDF object) can run long.
    with tempfile.TemporaryFile() as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "elibrary.sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            cwd=PROJECT_ROOT,
            env=_child_environment(),
        )
        try:
            stdout, _ = process.communicate(request, timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()
            return ChildOutcome("time", time.monotonic() - started, exit_code=process.returncode)
        finally:
            if process.poll() is None:  # the worker is being stopped: take the child along
                process.kill()
                process.wait()
        stderr.seek(max(0, stderr.seek(0, os.SEEK_END) - 2000))
        last_words = stderr.read().decode("utf-8", "replace")
    elapsed = time.monotonic() - started
    if process.returncode in (-signal.SIGXCPU, -signal.SIGKILL):
        return ChildOutcome("time", elapsed, exit_code=process.returncode)
    try:
        answer = json.loads(stdout)
    except ValueError:
        outcome = "memory" if "MemoryError" in last_words else "crashed"
        return ChildOutcome(
            outcome, elapsed, error_message=last_words[-300:], exit_code=process.returncode
        )
    error = answer.get("error") or {}
    return ChildOutcome(
        answer["outcome"],
        elapsed,
        value=answer.get("value"),
        error_type=error.get("type", ""),
        error_message=error.get("message", ""),
        error_details=error.get("details"),
        peak_virtual_mb=answer.get("peak_virtual_mb"),
        peak_resident_mb=answer.get("peak_resident_mb"),
        exit_code=process.returncode,
    )


# -- the child's side ---------------------------------------------------------------------


def _limit_myself(memory_mb: int, seconds: int) -> None:
    import resource

    memory = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # Soft limit: SIGXCPU; a second later the hard limit's SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core file of a killed parser


def _peaks() -> tuple[float | None, float | None]:
    """Peak address space and peak resident memory in MB (Linux's /proc)."""
    peaks = {}
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(("VmPeak:", "VmHWM:")):
                    name, kilobytes = line.split()[:2]
                    peaks[name] = round(int(kilobytes) / 1024, 1)
    except OSError:
        pass
    return peaks.get("VmPeak:"), peaks.get("VmHWM:")


def _call(request: dict) -> dict:
    module_name, _, function_name = request["target"].partition(":")
    try:
        function = getattr(importlib.import_module(module_name), function_name)
        return {"outcome": "ok", "value": function(*request["args"])}
    except MemoryError:
        return {"outcome": "memory"}
    except Exception as error:
        peak_virtual, _ = _peaks()
        if peak_virtual and peak_virtual >= NEAR_THE_CAP * request["memory_mb"]:
            return {"outcome": "memory"}
        kind = type(error)
        return {
            "outcome": "error",
            "error": {
                "type": f"{kind.__module__}.{kind.__qualname__}",
                "message": str(error)[:500],
                "details": getattr(error, "details", None),
            },
        }


def main() -> None:
    request = json.loads(sys.stdin.buffer.read())
    _limit_myself(request["memory_mb"], request["seconds"])
    answer = _call(request)
    answer["peak_virtual_mb"], answer["peak_resident_mb"] = _peaks()
    sys.stdout.write(json.dumps(answer))


if __name__ == "__main__":
    main()
