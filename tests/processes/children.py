"""Real briefbot processes for the process tests: the ``briefbot`` CLI (or ``briefbot run``
pointed at the Discord double of the parent test) as separate OS processes on one store."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent


def child_environment(folder: Path, settings: Mapping[str, str]) -> dict[str, str]:
    """A clean environment: only the given ``BRIEFBOT_*`` settings, data kept under ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    environment = {
        name: value
        for name, value in os.environ.items()
        if name in ("PATH", "LANG", "LC_ALL", "TZ", "TMPDIR")
    }
    environment.update(
        {
            "HOME": str(folder),
            "XDG_DATA_HOME": str(folder / "data"),
            "PYTHONPATH": str(REPO_ROOT),
            "PYTHONUNBUFFERED": "1",
            "BRIEFBOT_SEED": "false",
        }
    )
    environment.update(settings)
    return environment


@dataclass
class Child:
    """One running briefbot process and where its output goes."""

    process: asyncio.subprocess.Process
    log: Path

    @property
    def pid(self) -> int:
        """The OS process id."""
        return self.process.pid

    async def finish(self, within: float = 300.0) -> int:
        """Wait for the process to exit by itself; its exit status.

        ``within`` only stops a hung test: a poll of 200 feeds on a loaded 2-core machine has
        taken over a minute (it takes seconds on an idle one).
        """
        async with asyncio.timeout(within):
            return await self.process.wait()

    async def kill(self) -> int:
        """kill -9, then reap it; the (negative) exit status."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.process.pid, signal.SIGKILL)
        return await self.process.wait()

    async def stop(self, within: float = 15.0) -> int:
        """SIGTERM (a clean shutdown), then kill -9 if it does not stop in time."""
        if self.process.returncode is not None:
            return self.process.returncode
        with contextlib.suppress(ProcessLookupError):
            self.process.terminate()
        try:
            async with asyncio.timeout(within):
                return await self.process.wait()
        except TimeoutError:
            return await self.kill()

    def output(self) -> str:
        """What the process wrote (stdout and stderr together)."""
        return self.log.read_text(errors="replace") if self.log.exists() else ""


async def start(argv: list[str], folder: Path, settings: Mapping[str, str], *, name: str) -> Child:
    """Start ``python argv…`` in ``folder`` with a clean environment carrying ``settings``."""
    log, environment = _prepare(folder, name, settings)
    with log.open("ab") as sink:
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            *argv,
            cwd=folder,
            env=environment,
            stdin=asyncio.subprocess.DEVNULL,
            stdout=sink,
            stderr=asyncio.subprocess.STDOUT,
        )
    return Child(process, log)


def _prepare(folder: Path, name: str, settings: Mapping[str, str]) -> tuple[Path, dict[str, str]]:
    environment = child_environment(folder / name, settings)
    log = folder / f"{name}.log"
    log.write_bytes(b"")
    return log, environment


def cli(*arguments: str) -> list[str]:
    """The argv of the ``briefbot`` command (``python -m bot …``)."""
    return ["-m", "bot", *arguments]


def bot_run(double_url: str) -> list[str]:
    """The argv of ``briefbot run`` pointed at the double at ``double_url``."""
    return ["-m", "tests.processes.bot_child", double_url]


@contextlib.asynccontextmanager
async def running(*children: Child) -> AsyncIterator[tuple[Child, ...]]:
    """Stop (then kill) every child still running when the block ends, however it ends."""
    try:
        yield children
    finally:
        for child in children:
            await child.stop()
