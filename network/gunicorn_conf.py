"""gunicorn's configuration for `make serve` (`gunicorn -c network/gunicorn_conf.py network.wsgi`).

Every value can be set from the environment; the defaults suit one machine behind a reverse
proxy (nginx, a load balancer) that terminates TLS and buffers slow clients, which is what
sync workers need. The access log is one JSON object per line, for a log shipper.
"""

from __future__ import annotations

import json
import os
import time

from gunicorn.glogging import Logger


def cores() -> int:
    """CPUs this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise SystemExit(f"{name}={raw!r} is not a whole number.") from None


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000").split(",")
# A request spends much of its time waiting for the database, so more workers than cores
# keep the CPUs busy: gunicorn's rule of thumb, (2 × cores) + 1. GUNICORN_WORKERS overrides.
workers = _int("GUNICORN_WORKERS", 2 * cores() + 1)
threads = _int("GUNICORN_THREADS", 1)  # >1 switches to the gthread worker (then try DATABASE_POOL)
# A search that takes longer than this is a bug or an overloaded database: the worker is
# killed and replaced, so one stuck request does not take a worker away for good.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)  # above a proxy's idle timeout would leak sockets
# Recycle workers now and then, staggered, so a slow leak never grows without bound.
max_requests = _int("GUNICORN_MAX_REQUESTS", 5000)
max_requests_jitter = max_requests // 10
# Only the local proxy may say which scheme and client a request came from.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# Heartbeat files in memory: a slow disk must not make gunicorn think a worker hung.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # "" turns it off
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
proc_name = "laeringsmiljoer"
# gunicorn's control socket is one path per user: two servers on one machine would fight over it.
control_socket_disable = True


class JsonAccessLogger(Logger):
    """One JSON object per request; json.dumps escapes what a client sends (a quote in a user
    agent would break a hand-written JSON access_log_format)."""

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        record = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "remote": environ.get("REMOTE_ADDR"),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING") or None,
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "user_agent": environ.get("HTTP_USER_AGENT"),
            "referer": environ.get("HTTP_REFERER"),
            "pid": os.getpid(),
        }
        try:
            self.access_log.info(json.dumps(record, ensure_ascii=False))
        except Exception:
            self.exception("could not write the access log")


logger_class = JsonAccessLogger
