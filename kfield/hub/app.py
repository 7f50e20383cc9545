"""The hub's HTTP side (Starlette): events in, reports and the dashboard out.

Routes: `POST /v1/join` (an enrolment code for a token), `POST /v1/events` (a student device's
batch of log lines), `GET /v1/whoami`, `GET /reports/NAME?format=…` and `GET /` (lecturers),
`GET|POST /login` (a lecturer's browser keeps the token in a cookie). Every refusal is JSON with a
stable `error` code and a `message` in the asker's language (`?lang=`, else Accept-Language,
else Vietnamese). The database is used from worker threads, each with its own connection: one
writer (batches are committed one at a time, in arrival order) and one reader (reports).
"""

from __future__ import annotations

import asyncio
import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from kfield.hub import intake, tokens

MiB = 2**20


@dataclass(frozen=True)
class Limits:
    body_bytes: int = 4 * MiB         # one request body
    batch_lines: int = 1000           # lines in one batch
    rate_per_minute: int = 12_000     # events per device token
    daily: int = 100_000              # events per device per day (a month-long visit log is ~2,000)
    body_seconds: float = 30.0        # a body must arrive within this (a stalled upload is cut)


class Refusal(Exception):
    def __init__(self, status: int, code: str, retry_after: int = 0, **params) -> None:
        super().__init__(code)
        self.status, self.code, self.retry_after, self.params = status, code, retry_after, params


class Worker:
    """One thread with its own database connection (SQLite connections stay in their thread)."""

    def __init__(self, url: str | None, setup=None) -> None:
        self.url, self.setup, self.local = url, setup, threading.local()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kfield-hub-db")

    def _db(self):
        if getattr(self.local, "db", None) is None:
            from kfield.aggregate import db as dbmod

            self.local.db = dbmod.connect(self.url)
            if self.setup:
                self.setup(self.local.db)
        return self.local.db

    def _call(self, fn, args):
        from kfield.aggregate import db as dbmod

        database = self._db()
        with dbmod.reported(database):
            return fn(database, *args)

    async def run(self, fn, *args):
        return await asyncio.get_running_loop().run_in_executor(self.pool, self._call, fn, args)

    def close(self) -> None:
        def shut():
            if getattr(self.local, "db", None) is not None:
                self.local.db.close()
        self.pool.submit(shut).result()
        self.pool.shutdown()


@dataclass
class Bucket:
    tokens: float
    stamp: float = field(default_factory=time.monotonic)


class RateLimiter:
    """A token bucket per device: `rate` events a minute, bursts up to a minute's worth."""

    def __init__(self, per_minute: int) -> None:
        self.capacity, self.refill, self.buckets = float(per_minute), per_minute / 60.0, {}

    def take(self, device: str, events: int) -> int:
        """0 if allowed (and taken), else the seconds to wait."""
        now = time.monotonic()
        bucket = self.buckets.setdefault(device, Bucket(self.capacity, now))
        bucket.tokens = min(self.capacity, bucket.tokens + (now - bucket.stamp) * self.refill)
        bucket.stamp = now
        cost = min(events, self.capacity)
        if bucket.tokens >= cost:
            bucket.tokens -= cost
            return 0
        return max(1, math.ceil((cost - bucket.tokens) / self.refill))


def create_app(url: str | None, limits: Limits = Limits()):
    from contextlib import asynccontextmanager

    from starlette.applications import Starlette
    from starlette.routing import Route

    state = {"writer": Worker(url, tokens.create_tables), "reader": Worker(url, tokens.create_tables),
             "limits": limits, "rate": RateLimiter(limits.rate_per_minute)}

    @asynccontextmanager
    async def lifespan(app):
        await state["writer"].run(lambda db: None)      # tables made, the database checked, before serving
        try:
            yield
        finally:
            state["writer"].close()
            state["reader"].close()

    routes = [Route("/v1/join", _handler(join, state), methods=["POST"]),
              Route("/v1/events", _handler(events, state), methods=["POST"]),
              Route("/v1/whoami", _handler(whoami, state), methods=["GET"]),
              Route("/reports/{name}", _handler(report, state), methods=["GET"]),
              Route("/login", _handler(login, state), methods=["GET", "POST"]),
              Route("/", _handler(dashboard, state), methods=["GET"])]
    return Starlette(routes=routes, lifespan=lifespan)


def _handler(fn, state):
    async def endpoint(request):
        from starlette.responses import JSONResponse

        language = _lang(request)
        try:
            return await fn(request, state, language)
        except Refusal as refusal:
            headers = {"Retry-After": str(refusal.retry_after)} if refusal.retry_after else {}
            return JSONResponse(_error(refusal.code, language, **refusal.params), refusal.status, headers=headers)
        except Exception as exc:
            from kfield.core.errors import KfieldError

            if not isinstance(exc, KfieldError):
                raise
            return JSONResponse(_error("database", language), 503)
    return endpoint


REFUSED = {"no_token": "hub.refused.no_token", "bad_token": "hub.refused.bad_token", "wrong_role": "hub.refused.wrong_role",
           "too_large": "hub.refused.too_large", "too_many_lines": "hub.refused.too_many_lines", "rate": "hub.refused.rate",
           "daily": "hub.refused.daily", "slow": "hub.refused.slow", "bad_request": "hub.refused.bad_request",
           "code_refused": "hub.refused.code_refused", "bad_report": "hub.refused.bad_report",
           "database": "hub.refused.database"}


def _error(code: str, language: str, **params) -> dict:
    from kfield.core.i18n import text

    return {"error": code, "message": text(REFUSED[code], language, **params), **params}


def _lang(request) -> str:
    chosen = request.query_params.get("lang") or request.headers.get("accept-language", "vi")[:2]
    return "en" if chosen.lower().startswith("en") else "vi"


async def _device(request, state, role: str) -> tokens.Device:
    header = request.headers.get("authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get("kfield_token", "")
    if not token:
        raise Refusal(401, "no_token")
    device = await state["reader"].run(tokens.authenticate, token)
    if device is None:
        raise Refusal(401, "bad_token")
    if device.role != role:
        raise Refusal(403, "wrong_role")
    return device


async def _body(request, limits: Limits) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isdigit() or int(declared) > limits.body_bytes):
        raise Refusal(413, "too_large", limit=limits.body_bytes)
    chunks, size = [], 0

    async def read():
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limits.body_bytes:
                raise Refusal(413, "too_large", limit=limits.body_bytes)
            chunks.append(chunk)
    try:
        await asyncio.wait_for(read(), limits.body_seconds)
    except asyncio.TimeoutError:
        raise Refusal(408, "slow", seconds=int(limits.body_seconds)) from None
    return b"".join(chunks)


async def join(request, state, language):
    import json

    from starlette.responses import JSONResponse

    from kfield.core.errors import UsageError

    try:
        code = json.loads(await _body(request, Limits(body_bytes=4096)))["code"]
        assert isinstance(code, str)
    except (ValueError, KeyError, TypeError, AssertionError):
        raise Refusal(400, "bad_request") from None
    try:
        device, token = await state["writer"].run(_join, code)
    except UsageError:
        raise Refusal(403, "code_refused") from None
    return JSONResponse({"token": token, "device": device.id, "role": device.role, "member": device.member,
                         "school": device.school})


def _join(db, code):
    db.begin()
    try:
        found = tokens.join(db, code)
    except BaseException:
        db.rollback()
        raise
    db.commit()
    return found


async def whoami(request, state, language):
    from starlette.responses import JSONResponse

    try:
        device = await _device(request, state, "student")
    except Refusal as refusal:
        if refusal.code != "wrong_role":
            raise
        device = await _device(request, state, "lecturer")
    return JSONResponse({"device": device.id, "role": device.role, "member": device.member, "school": device.school})


async def events(request, state, language):
    from starlette.responses import JSONResponse

    limits: Limits = state["limits"]
    device = await _device(request, state, "student")
    data = await _body(request, limits)
    lines = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
    if lines > limits.batch_lines:
        raise Refusal(413, "too_many_lines", limit=limits.batch_lines)
    wait = state["rate"].take(device.id, lines)
    if wait:
        raise Refusal(429, "rate", retry_after=wait, limit=limits.rate_per_minute)
    try:
        answers = await state["writer"].run(intake.accept, device, data, limits.daily)
    except intake.OverQuota:
        raise Refusal(429, "daily", retry_after=3600, limit=limits.daily) from None
    counts = {status: sum(1 for a in answers if a.status == status) for status in intake.STATUSES}
    return JSONResponse({"lines": [a.to_dict() for a in answers], "counts": counts})


async def report(request, state, language):
    from starlette.responses import Response

    from kfield.hub import reports

    await _device(request, state, "lecturer")
    try:
        query = reports.Query.parse(request.path_params["name"], request.query_params, language)
    except ValueError as exc:
        raise Refusal(400, "bad_report", detail=str(exc)) from None
    body, media = await state["reader"].run(reports.render, query)
    return Response(body, media_type=media)


async def dashboard(request, state, language):
    from starlette.responses import RedirectResponse, Response

    from kfield.hub import reports

    try:
        await _device(request, state, "lecturer")
    except Refusal as refusal:
        if refusal.status == 401 and "text/html" in request.headers.get("accept", ""):
            return RedirectResponse(f"/login?lang={language}", 303)
        raise
    query = reports.Query.parse("all", {**request.query_params, "format": "html"}, language)
    body, media = await state["reader"].run(reports.render, query)
    return Response(body, media_type=media)


async def login(request, state, language):
    from urllib.parse import parse_qs

    from starlette.responses import HTMLResponse, RedirectResponse

    from kfield.hub import reports

    if request.method == "GET":
        return HTMLResponse(reports.login_page(language, failed=False))
    form = parse_qs((await _body(request, Limits(body_bytes=4096))).decode("utf-8", "replace"))
    token = (form.get("token") or [""])[0].strip()
    device = await state["reader"].run(tokens.authenticate, token) if token else None
    if device is None or device.role != "lecturer":
        return HTMLResponse(reports.login_page(language, failed=True), 401)
    response = RedirectResponse(f"/?lang={language}", 303)
    response.set_cookie("kfield_token", token, httponly=True, secure=request.url.scheme == "https", samesite="strict",
                        max_age=30 * 86400)
    return response
