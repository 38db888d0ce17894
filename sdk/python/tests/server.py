"""A real `runfacts serve` child process for the tests: started on a free port over a fresh
root, SIGKILLed and restarted on the same port and root to test recovery."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path
from typing import Optional

REPO = Path(__file__).resolve().parents[3]
BIN = REPO / "server" / "bin" / "runfacts.js"
LISTENING = re.compile(r"serving .* at (http://\S+)/graphql")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


class ServerProcess:
    def __init__(self, root: Path, port: Optional[int] = None) -> None:
        self.root = root
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: Optional[subprocess.Popen[str]] = None
        self.stderr: list[str] = []

    def start(self, timeout: float = 90.0) -> ServerProcess:
        self.stderr = []
        self.process = subprocess.Popen(
            ["node", str(BIN), "serve", "--root", str(self.root), "--port", str(self.port),
             "--rescan", "1"],
            cwd=REPO, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE, text=True, env={**os.environ, "NO_COLOR": "1"},
        )  # fmt: skip
        ready = threading.Event()
        stream = self.process.stderr
        assert stream is not None

        def read() -> None:
            for line in stream:
                self.stderr.append(line)
                if LISTENING.search(line):
                    ready.set()

        threading.Thread(target=read, daemon=True).start()
        end = time.monotonic() + timeout
        while not ready.wait(0.05):
            if self.process.poll() is not None or time.monotonic() > end:
                self.kill()
                raise RuntimeError("runfacts serve did not start:\n" + "".join(self.stderr))
        return self

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush; what the server acknowledged must already be durable."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait()

    def pause(self) -> None:
        """SIGSTOP: the server keeps its connections but answers nothing (a hung server)."""
        assert self.process is not None
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGCONT)
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.kill()
