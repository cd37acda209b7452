"""server - the classroom's HTTP server (Python's http.server, ThreadingHTTPServer).

Routes (nothing else is served, and no request names a file):
  GET  /                       the classroom page (scripts, styles, lessons inline)
  GET  /api/lessons            the lessons as JSON
  POST /api/run                {"lesson", "values": {path: text}, "replicates": 1 or 5}
                               -> 202 {"id"}, 400 {"error": protsim's message}, 503 busy
  GET  /api/run/ID             the run's state, queue position, message and result
  GET  /runs/ID/report.html    the report page of a finished run (protsim report)
Connections are bounded (`max_connections` handled at once; more get 503 at once),
request bodies are at most MAX_BODY bytes, and a connection that sends nothing for
`timeout` seconds is closed.
"""

import http.server
import json
import re
import socketserver
import threading

from ..report import build
from . import lessons as lessons_mod
from . import runner as runner_mod
from . import worksheet

MAX_BODY = 16 * 1024
MAX_VALUE = 64
REPLICATES = (1, 5)
RUN_PATH = re.compile(r"/api/run/([0-9a-f]{16})\Z")
REPORT_PATH = re.compile(r"/runs/([0-9a-f]{16})/report\.html\Z")
BUSY = b"busy, try again\n"


class Classroom:
    """What the handlers share: the lessons, the runner, the page, a bound on checks."""

    def __init__(self, lessons, runner, protsim, checks=2):
        self.lessons = {l.id: l for l in lessons}
        self.order = [l.id for l in lessons]
        self.runner = runner
        self.protsim = protsim
        self.checks = threading.BoundedSemaphore(checks)
        self.reports = {}
        self.page = self._page()

    def _page(self):
        data = {"lessons": [dict(self.lessons[i].public(),
                                 worksheet=worksheet.html_of(self.lessons[i]))
                            for i in self.order]}
        return build.inline_page("protsim classroom", "classroom", data,
                                 ["charts.js", "../classroom/classroom.js"]).encode("utf-8")

    def validate(self, body):
        """(lesson, [(path, text)], replicates) or raise ValueError(message for the page)."""
        if not isinstance(body, dict):
            raise ValueError("the request is not a JSON object")
        lesson = self.lessons.get(body.get("lesson"))
        if lesson is None:
            raise ValueError("no such lesson: %s" % str(body.get("lesson"))[:40])
        values = body.get("values", {})
        if not isinstance(values, dict):
            raise ValueError("values: expected an object of setting paths")
        reps = body.get("replicates", 1)
        if reps not in REPLICATES:
            raise ValueError("replicates: 1 or 5")
        paths = lesson.slider_paths()
        out = []
        for path, v in values.items():
            if path not in paths:
                raise ValueError("%s: not a slider of this lesson" % str(path)[:80])
            text = v if isinstance(v, str) else json.dumps(v)
            if len(text) > MAX_VALUE or any(ord(c) < 32 or ord(c) == 127 for c in text):
                raise ValueError("%s: the value is too long or holds control characters" % path)
            out.append((path, text.strip()))
        out.sort(key=lambda pv: paths.index(pv[0]))
        return lesson, out, reps

    def check(self, lesson, values):
        """None, or protsim's own one-line message for the values (the code of --set)."""
        if not self.checks.acquire(timeout=5):
            raise runner_mod.Busy("busy, try again")
        try:
            ok, msg = lessons_mod.protsim_check(self.protsim, lesson.scenario,
                                                ["%s=%s" % pv for pv in values])
        finally:
            self.checks.release()
        return None if ok else "protsim: " + msg


class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "protsim-classroom"
    timeout = 15

    def log_message(self, fmt, *args):
        if self.server.verbose:
            super().log_message(fmt, *args)

    def send(self, code, body, ctype="application/json; charset=utf-8"):
        if not isinstance(body, bytes):
            body = json.dumps(body).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; script-src 'unsafe-inline'; "
                         "style-src 'unsafe-inline'; img-src data:; connect-src 'self'")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        room = self.server.room
        path = self.path.split("?", 1)[0]
        if path in ("/", "/index.html"):
            return self.send(200, room.page, "text/html; charset=utf-8")
        if path == "/api/lessons":
            return self.send(200, [room.lessons[i].public() for i in room.order])
        m = RUN_PATH.match(path)
        if m:
            return self._run_state(m.group(1))
        m = REPORT_PATH.match(path)
        if m:
            return self._report(m.group(1))
        return self.send(404, {"error": "not found"})

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        if self.path != "/api/run":
            return self.send(404, {"error": "not found"})
        try:
            length = int(self.headers.get("Content-Length", "-1"))
        except ValueError:
            length = -1
        if length < 0 or length > MAX_BODY:
            return self.send(413, {"error": "the request must have a body of at most %d bytes"
                                   % MAX_BODY})
        try:
            body = json.loads(self.rfile.read(length) or b"null")
        except (ValueError, UnicodeDecodeError):
            return self.send(400, {"error": "the request is not JSON"})
        room = self.server.room
        try:
            lesson, values, reps = room.validate(body)
            message = room.check(lesson, values)
            if message is not None:
                return self.send(400, {"error": message})
            run = room.runner.submit(lesson, values, reps)
        except ValueError as exc:
            return self.send(400, {"error": str(exc)})
        except runner_mod.Busy as exc:
            return self.send(503, {"error": str(exc)})
        return self.send(202, {"id": run.id, "state": run.state,
                               "position": room.runner.position(run)})

    def _run_state(self, run_id):
        room = self.server.room
        run = room.runner.get(run_id)
        if run is None:
            return self.send(404, {"error": "no such run"})
        out = {"id": run.id, "lesson": run.lesson.id, "state": run.state,
               "values": dict(run.values), "replicates": run.replicates,
               "message": run.message, "seconds": run.seconds}
        if run.state == "queued":
            out["position"] = room.runner.position(run)
        if run.state == "done":
            out["result"] = run.result
        return self.send(200, out)

    def _report(self, run_id):
        room = self.server.room
        run = room.runner.get(run_id)
        if run is None or run.state != "done":
            return self.send(404, {"error": "no such finished run"})
        page = room.reports.get(run_id)
        if page is None:
            page = build.page(room.runner.h5_path(run)).encode("utf-8")
            if len(room.reports) > 20:
                room.reports.clear()
            room.reports[run_id] = page
        return self.send(200, page, "text/html; charset=utf-8")


class Server(http.server.ThreadingHTTPServer):
    """ThreadingHTTPServer with at most `max_connections` connections handled at once."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128      # the listen backlog: a class connecting at once

    def __init__(self, address, room, max_connections=64, verbose=False):
        self.room = room
        self.verbose = verbose
        self.slots = threading.BoundedSemaphore(max_connections)
        super().__init__(address, Handler)

    def process_request(self, request, client_address):
        if not self.slots.acquire(blocking=False):
            try:
                request.sendall(b"HTTP/1.0 503 Service Unavailable\r\nContent-Type: text/plain"
                                b"\r\nContent-Length: %d\r\n\r\n" % len(BUSY) + BUSY)
            except OSError:
                pass
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request, client_address):
        try:
            socketserver.ThreadingMixIn.process_request_thread(self, request, client_address)
        finally:
            self.slots.release()
