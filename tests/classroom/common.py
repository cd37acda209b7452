"""common - what the classroom tests share: the protsim binary, the source tree, runs.

PROTSIM_EXE names the binary (ctest passes it); the source tree is found from this file.
"""

import os
import subprocess
import sys
import tempfile

import numpy as np

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "analysis"))

from protsim_analysis.classroom import series  # noqa: E402
from protsim_analysis.report import h5read  # noqa: E402

PROTSIM = os.environ.get("PROTSIM_EXE", os.path.join(SRC, "build", "protsim"))
LESSONS = os.path.join(SRC, "scenarios", "classroom")
BIN = os.path.join(SRC, "analysis", "bin")


class Run:
    """One finished run of a lesson's world: series by key, value at a month."""

    def __init__(self, scenario, sets=(), replicates=1):
        fd, self.path = tempfile.mkstemp(suffix=".h5", prefix="protsim-test-")
        os.close(fd)
        cmd = [PROTSIM, "run", os.path.join(LESSONS, scenario), "-o", self.path, "--force",
               "--quiet", "--threads", "1"]
        for s in sets:
            cmd += ["--set", s]
        if replicates > 1:
            cmd += ["--replicates", str(replicates)]
        subprocess.run(cmd, check=True)
        self.file = h5read.ResultFile(self.path)
        self.part = self.file.parts[0]

    def series(self, key):
        """The median over replicates of a lesson series key, [T]."""
        a = series.extract(self.part, key)
        return np.median(a, axis=0)

    def at(self, key, month):
        return float(self.series(key)[self.part.months.index(month)])

    def events(self, *types):
        return [(e["date"], e["type"], e["state"]) for e in self.part.events()
                if e["type"] in types]

    def close(self):
        self.file.close()
        os.unlink(self.path)


class Server:
    """`protsim-classroom` on 127.0.0.1 and a free port, stopped by stop() (SIGTERM)."""

    def __init__(self, *args):
        import queue
        import re
        import threading
        cmd = ["/usr/bin/python3", os.path.join(BIN, "protsim-classroom"), "--port", "0",
               "--protsim", PROTSIM] + list(args)
        self.proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
        self.lines = []
        lines = queue.Queue()

        def drain():                  # read stderr to the end, so that the pipe never fills
            for line in self.proc.stderr:
                self.lines.append(line.rstrip("\n"))
                lines.put(line)
            lines.put(None)

        threading.Thread(target=drain, daemon=True).start()
        while True:
            try:
                line = lines.get(timeout=60)
            except queue.Empty:
                line = None
            if line is None:
                break
            m = re.search(r"at (http://[0-9.]+:(\d+)/)", line)
            if m:
                self.url, self.port = m.group(1), int(m.group(2))
                return
        self.stop()
        raise RuntimeError("the classroom server did not start: %s" % "\n".join(self.lines))

    def request(self, method, path, body=None, timeout=30):
        """(status, parsed JSON or text) of one request; the path is sent as it is."""
        import http.client
        import json
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            data = None if body is None else json.dumps(body).encode()
            c.request(method, path, body=data,
                      headers={"Content-Type": "application/json"} if data else {})
            r = c.getresponse()
            raw = r.read().decode("utf-8", "replace")
            try:
                return r.status, json.loads(raw)
            except ValueError:
                return r.status, raw
        finally:
            c.close()

    def wait(self, run_id, timeout=120):
        """The final state of a run (done or failed)."""
        import time
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            code, j = self.request("GET", "/api/run/" + run_id)
            if code == 200 and j["state"] in ("done", "failed"):
                return j
            time.sleep(0.1)
        raise AssertionError("run %s did not finish in %d s" % (run_id, timeout))

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()
