"""Throughput under concurrent load: gunicorn on a loopback port, several client threads for a
fixed time per target, the member home page next to the bare view on the same server."""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.test import Client

from bench.pages import percentile

HOST = "127.0.0.1"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class LoadResult:
    label: str
    path: str
    seconds: float
    ok: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list, repr=False)  # milliseconds

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    @property
    def p50(self) -> float | None:
        return statistics.median(self.latencies) if self.latencies else None

    @property
    def p95(self) -> float | None:
        return percentile(self.latencies, 0.95) if self.latencies else None


def session_cookies(users) -> list[str]:
    """A logged-in session per user (as force_login makes it), read back as its cookie."""
    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """gunicorn serving the project with the bench settings, started and stopped here."""

    def __init__(self, workers: int):
        self.port = _free_port()
        self.workers = workers
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Server":
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="bench.settings",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT),
                                                            os.environ.get("PYTHONPATH")])))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "vanguard.wsgi:application",
             "--bind", f"{HOST}:{self.port}", "--workers", str(self.workers),
             "--worker-class", "sync", "--timeout", "60", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited at start; see its messages above")
            try:
                if self._get("/bench/bare/", None)[0] == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 60 s")

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def _get(self, path: str, cookie: str | None) -> tuple[int, float]:
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}"} if cookie else {}
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
        finally:
            connection.close()
        return response.status, (time.perf_counter() - started) * 1000

    def hammer(self, label: str, path: str, cookies: list[str | None], *, clients: int,
               seconds: float, warm_seconds: float = 2.0) -> LoadResult:
        """`clients` threads asking for `path` one request after another for `seconds`
        (after `warm_seconds` unmeasured), each request with the next cookie in turn."""
        self._run(path, cookies, clients, warm_seconds, None)
        result = LoadResult(label=label, path=path, seconds=seconds)
        self._run(path, cookies, clients, seconds, result)
        return result

    def _run(self, path, cookies, clients, seconds, result: LoadResult | None) -> None:
        lock = threading.Lock()
        stop_at = time.perf_counter() + seconds

        def client(start: int) -> None:
            n = start
            while time.perf_counter() < stop_at:
                try:
                    status, ms = self._get(path, cookies[n % len(cookies)])
                except OSError:
                    status, ms = 0, 0.0
                n += clients
                if result is None:
                    continue
                with lock:
                    if status == 200:
                        result.ok += 1
                        result.latencies.append(ms)
                    else:
                        result.errors += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
