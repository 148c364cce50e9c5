"""The pages and hosts the import benchmark serves: generated articles on 127.0.0.x.

Every article is different text (the library would take two alike for one article and
skip the second), with the boilerplate of a real page around it (navigation, a share
bar, related links, a footer), so extraction does its usual work. Hosts are loopback
addresses 127.0.0.1 … 127.0.0.N, one server each: to Clipper they are N different sites.
"""

from __future__ import annotations

import contextlib
import functools
import random
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WORDS = ["river", "stone", "market", "engine", "garden", "winter", "letter", "signal", "harbor",
         "orchard", "lantern", "meadow", "copper", "theatre", "compass", "island", "silver",
         "forest", "canvas", "mirror", "village", "thunder", "feather", "pillar", "journey",
         "season", "anchor", "valley", "ribbon", "bridge", "harvest", "cathedral", "library",
         "mountain", "chapter", "window", "station", "kitchen", "planet"]


@dataclass(frozen=True)
class Plan:
    pages: int = 1000
    hosts: int = 20
    dead_share: float = 0.05
    """Pages that answer 404."""
    slow_share: float = 0.05
    """Pages that answer after ``slow_seconds``."""
    slow_seconds: float = 3.0

    def _rank(self, n: int) -> int:
        """Where page ``n`` falls in a fixed shuffle: the dead and the slow pages are spread
        over the hosts rather than all on one."""
        return _ranks(self.pages)[n]

    def dead(self, n: int) -> bool:
        return self._rank(n) < round(self.dead_share * self.pages)

    def slow(self, n: int) -> bool:
        dead = round(self.dead_share * self.pages)
        return dead <= self._rank(n) < dead + round(self.slow_share * self.pages)


@functools.lru_cache(maxsize=4)
def _ranks(pages: int) -> dict[int, int]:
    order = list(range(pages))
    random.Random(16).shuffle(order)
    return {n: rank for rank, n in enumerate(order)}


def article(n: int, words: int = 900) -> bytes:
    rng = random.Random(n)
    paragraphs = []
    left = words
    while left > 0:
        size = min(left, rng.randint(40, 110))
        text = " ".join(rng.choice(WORDS) + (str(rng.randint(0, 9999)) if rng.random() < 0.3
                                              else "") for _ in range(size))
        paragraphs.append(f"<p>{text.capitalize()}.</p>")
        left -= size
        if rng.random() < 0.15:
            paragraphs.append(f"<h2>Part {len(paragraphs)} of story {n}</h2>")
    title = f"Story {n}: the {rng.choice(WORDS)} and the {rng.choice(WORDS)}"
    return (f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Example News</title>
<meta property="og:title" content="{title}"><meta name="author" content="Writer {n % 37}">
</head><body><header><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/tech">Tech</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Writer {n % 37}</p>
{"".join(paragraphs)}
<div class="share">Share on <a href="#">Twitter</a> <a href="#">Facebook</a></div>
</article><aside class="related"><h3>Related</h3><ul>
<li><a href="/a/{n + 1}">Another story</a></li><li><a href="/a/{n + 2}">More</a></li></ul>
</aside></main><footer>© Example News. <a href="/privacy">Privacy</a></footer>
</body></html>""").encode()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:
        plan = self.server.plan
        try:
            n = int(self.path.rsplit("/", 1)[1])
        except ValueError:
            n = -1
        if n < 0 or n >= plan.pages or plan.dead(n):
            self._reply(404, b"<h1>Not found</h1>")
            return
        if plan.slow(n) and self.server.stopping.wait(plan.slow_seconds):
            return
        self._reply(200, self.server.pages[n])

    def _reply(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    plan: Plan
    stopping: threading.Event
    pages: list[bytes]


class Sites:
    """One server per loopback host, all serving ``plan``; close() stops them."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.stopping = threading.Event()
        self.servers: list[_Server] = []
        pages = [article(n) for n in range(plan.pages)]  # made once: the server stays cheap
        for n in range(plan.hosts):
            server = _Server((f"127.0.0.{n + 1}", 0), _Handler)
            server.plan, server.stopping, server.pages = plan, self.stopping, pages
            threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                             daemon=True).start()
            self.servers.append(server)

    def url(self, n: int) -> str:
        server = self.servers[n % self.plan.hosts]
        host, port = server.server_address[:2]
        return f"http://{host}:{port}/article/{n}"

    def pocket_csv(self) -> str:
        rows = ["title,url,time_added,tags,status"]
        rows += [f"Saved {n},{self.url(n)},{1_600_000_000 + n * 60},bench|h{n % self.plan.hosts},"
                 f"unread" for n in range(self.plan.pages)]
        return "\n".join(rows) + "\n"

    def close(self) -> None:
        self.stopping.set()
        for server in self.servers:
            server.shutdown()
            server.server_close()
