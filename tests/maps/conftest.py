"""A small local HTTP server that replays recorded geocoder answers, for tests over real HTTP.

geopy is pointed at it with domain="127.0.0.1:PORT", scheme="http"; nothing is patched.
"""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

RECORDINGS = Path(__file__).parent / "recordings"


class ReplayServer:
    """Answers /search with the recording named after the query; counts requests.

    `mode` switches behaviour: "replay", "slow" (sleeps past the client timeout) or "error" (500).
    """

    def __init__(self):
        self.requests: list[dict] = []
        self.mode = "replay"
        self.delay = 2.0
        self.recordings = json.loads((RECORDINGS / "nominatim.json").read_text(encoding="utf-8"))
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's naming
                url = urlparse(self.path)
                params = {key: values[0] for key, values in parse_qs(url.query).items()}
                server.requests.append(
                    {
                        "path": url.path,
                        "params": params,
                        "agent": self.headers["User-Agent"],
                        "at": time.monotonic(),
                    }
                )
                if server.mode == "slow":
                    time.sleep(server.delay)
                if server.mode == "error":
                    self._send(500, {"error": "Internal Server Error"})
                    return
                self._send(200, server.recordings.get(params.get("q", "").casefold(), []))

            def _send(self, status, payload):
                body = json.dumps(payload).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (the timeout test)

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.domain = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def searches(self) -> list[str]:
        return [request["params"].get("q", "") for request in self.requests if request["path"] == "/search"]


@pytest.fixture
def nominatim_server():
    server = ReplayServer()
    server.thread.start()
    yield server
    server.httpd.shutdown()
    server.httpd.server_close()


@pytest.fixture
def nominatim(settings, nominatim_server):
    """The site configured for Nominatim at the local replay server, with the gazetteer fallback."""
    settings.GEOCODER = "nominatim"
    settings.GEOCODER_OPTIONS = {"domain": nominatim_server.domain, "scheme": "http", "timeout": 0.5}
    settings.GEOCODER_FALLBACK = True
    return nominatim_server
