"""test_server - protsim classroom's server: validation, bounds, confinement (127.0.0.1)."""

import os
import subprocess
import tempfile
import threading
import time
import unittest

from common import BIN, LESSONS, PROTSIM, SRC, Server

CAPACITY = "states.Aland.capacity"   # by name; protsim answers with the index path


class ServerBasics(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Server("--jobs", "2", "--queue", "40")

    @classmethod
    def tearDownClass(cls):
        cls.s.stop()

    def test_the_page_and_the_lessons(self):
        code, page = self.s.request("GET", "/")
        self.assertEqual(code, 200)
        self.assertIn("protsim classroom", page)
        self.assertNotIn("<script src", page)
        code, lessons = self.s.request("GET", "/api/lessons")
        self.assertEqual(code, 200)
        self.assertGreaterEqual(len(lessons), 6)
        self.assertEqual(lessons[0]["id"], "01-gap")

    def test_a_bad_value_gets_protsims_own_message(self):
        code, j = self.s.request("POST", "/api/run", {"lesson": "01-gap",
                                                      "values": {CAPACITY: "1.7"}})
        self.assertEqual(code, 400)
        p = subprocess.run([PROTSIM, "check", os.path.join(LESSONS, "01-gap.cfg"), "--set",
                            CAPACITY + "=1.7"], capture_output=True, text=True)
        self.assertEqual(p.returncode, 2)
        self.assertEqual(j["error"], p.stderr.strip())
        self.assertEqual(j["error"],
                         "protsim: --set: states.list.[0].capacity = 1.7 is outside [0, 1] (1)")
        code, j = self.s.request("POST", "/api/run", {"lesson": "01-gap",
                                                      "values": {CAPACITY: "abc"}})
        self.assertEqual((code, j["error"]),
                         (400, "protsim: --set: states.list.[0].capacity: expected a number"))

    def test_only_the_lessons_sliders_are_taken(self):
        for values, msg in (({"time.end": "2030-12"}, "time.end: not a slider of this lesson"),
                            ({CAPACITY: "0.5\n--set x=1"}, CAPACITY + ": the value is too long "
                             "or holds control characters")):
            code, j = self.s.request("POST", "/api/run", {"lesson": "01-gap", "values": values})
            self.assertEqual((code, j["error"]), (400, msg))
        code, j = self.s.request("POST", "/api/run", {"lesson": "../../etc/passwd"})
        self.assertEqual((code, j["error"]), (400, "no such lesson: ../../etc/passwd"))
        code, j = self.s.request("POST", "/api/run", {"lesson": "01-gap", "replicates": 500})
        self.assertEqual((code, j["error"]), (400, "replicates: 1 or 5"))

    def test_no_path_outside_the_run_folder(self):
        for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "//etc/passwd",
                     "/..%2f..%2fetc%2fpasswd", "/%252e%252e/etc/passwd",
                     "/runs/../../../etc/passwd", "/runs/..%2F..%2Fetc%2Fpasswd/report.html",
                     "/api/run/../../etc/passwd", "/api/run/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
                     "/runs/0123456789abcdef/report.html", "/scenarios/classroom/01-gap.cfg",
                     "/index.html/../../../etc/passwd", "/\\..\\..\\etc\\passwd"):
            for method in ("GET", "HEAD"):
                code, body = self.s.request(method, path)
                self.assertEqual(code, 404, path)
                self.assertNotIn("root:", str(body), path)
        code, _ = self.s.request("POST", "/../../tmp/x", {"lesson": "01-gap"})
        self.assertEqual(code, 404)

    def test_a_run_and_its_report(self):
        code, j = self.s.request("POST", "/api/run", {"lesson": "04-securitisation",
                                                      "values": {"securitisation.reversion": "2"}})
        self.assertEqual(code, 202)
        done = self.s.wait(j["id"])
        self.assertEqual(done["state"], "done", done.get("message"))
        res = done["result"]
        self.assertEqual(len(res["charts"]), 4)
        self.assertEqual(res["months"][0], "2008-01")
        self.assertEqual(len(res["charts"][0]["series"][0]["mid"]), len(res["months"]))
        self.assertNotIn("lo", res["charts"][0]["series"][0])
        code, page = self.s.request("GET", "/runs/%s/report.html" % j["id"])
        self.assertEqual(code, 200)
        self.assertIn("lesson 4", page)

    def test_five_replicates_give_bands(self):
        code, j = self.s.request("POST", "/api/run", {"lesson": "01-gap", "replicates": 5})
        self.assertEqual(code, 202)
        res = self.s.wait(j["id"])["result"]
        self.assertEqual(res["replicates"], 5)
        s = res["charts"][0]["series"][2]
        self.assertTrue(all(lo <= mid <= hi for lo, mid, hi in zip(s["lo"], s["mid"], s["hi"])))
        self.assertTrue(any(lo < hi for lo, hi in zip(s["lo"], s["hi"])))

    def test_50_concurrent_requests(self):
        results = []

        def one(i):
            try:
                call(i)
            except Exception as exc:   # a refused or dropped connection fails the test
                results.append((None, repr(exc)))

        def call(i):
            if i % 2:
                results.append(self.s.request("POST", "/api/run", {
                    "lesson": "05-resettlement",
                    "values": {"unhcr.resettlement_per_year": str(100 * i)}}, timeout=60))
            else:
                results.append(self.s.request("GET", "/api/lessons", timeout=60))

        threads = [threading.Thread(target=one, args=(i,)) for i in range(50)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        self.assertEqual(len(results), 50)
        codes = [c for c, _ in results]
        self.assertTrue(set(codes) <= {200, 202, 503}, results)
        self.assertEqual(codes.count(200), 25)
        runs = [j["id"] for c, j in results if c == 202]
        self.assertGreater(len(runs), 0)
        for r in runs:
            self.assertEqual(self.s.wait(r)["state"], "done")
        self.assertEqual(self.s.request("GET", "/")[0], 200)


class ServerBounds(unittest.TestCase):
    def test_a_full_queue_answers_busy_and_keeps_what_it_holds(self):
        s = Server("--jobs", "1", "--queue", "2", "--time-limit", "600")   # bounds, not time
        try:
            answers = [s.request("POST", "/api/run", {"lesson": "06-learning", "replicates": 5})
                       for _ in range(8)]
            codes = [c for c, _ in answers]
            self.assertIn(503, codes)
            busy = [j["error"] for c, j in answers if c == 503]
            self.assertTrue(all(b.startswith("busy, try again") for b in busy), busy)
            accepted = [j["id"] for c, j in answers if c == 202]
            self.assertGreaterEqual(len(accepted), 3)     # one running, two waiting
            for r in accepted:
                done = s.wait(r)
                self.assertEqual(done["state"], "done", done)
        finally:
            s.stop()

    def test_a_run_past_its_time_limit_is_stopped(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "slow.lesson"), "w") as fh:
                fh.write('title = "slow"; scenario = "%s"; worksheet = "none.md";\n'
                         'sliders = ( { path = "refugees.agents_per_person"; label = "x"; '
                         'min = 0.01; max = 1.0; step = 0.01; } );\n'
                         'charts = ( { title = "poi"; series = ( { key = "region/poi"; '
                         'label = "poi"; } ); } );\n'
                         'outcomes = ( { key = "region/poi"; label = "poi"; } );\n'
                         % os.path.join(SRC, "scenarios", "asia_pacific.cfg"))
            s = Server("--lessons", d, "--time-limit", "1")
            try:
                t0 = time.monotonic()
                code, j = s.request("POST", "/api/run", {"lesson": "slow", "replicates": 5})
                self.assertEqual(code, 202)
                done = s.wait(j["id"])
                self.assertEqual(done["state"], "failed")
                self.assertEqual(done["message"],
                                 "stopped: the run took longer than the limit of 1 s")
                self.assertLess(time.monotonic() - t0, 30)
                leftovers = subprocess.run(["pgrep", "-f", j["id"]], capture_output=True)
                self.assertEqual(leftovers.stdout, b"")
            finally:
                s.stop()

    def test_listening_beyond_this_machine_warns(self):
        s = Server("--host", "0.0.0.0")
        try:
            self.assertTrue(any("warning: listening on 0.0.0.0" in ln for ln in s.lines), s.lines)
            self.assertEqual(s.request("GET", "/api/lessons")[0], 200)
        finally:
            s.stop()

    def test_check_names_file_and_line(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(LESSONS, "01-gap.lesson")) as fh:
                src = fh.read()
            bad = src.replace('min = 0.0; max = 1.0; step = 0.05; },\n  { path = "states.Aland.sec',
                              'min = -0.5; max = 1.0; step = 0.05; },\n  { path = "states.Aland.sec', 1)
            self.assertNotEqual(bad, src)
            path = os.path.join(d, "01-gap.lesson")
            with open(path, "w") as fh:
                fh.write(bad.replace('scenario = "01-gap.cfg"',
                                     'scenario = "%s"' % os.path.join(LESSONS, "01-gap.cfg")))
            p = subprocess.run(["/usr/bin/python3", os.path.join(BIN, "protsim-classroom"),
                                "--check", "--lessons", d, "--protsim", PROTSIM],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 2)
            self.assertEqual(p.stderr.strip(), "protsim classroom: %s:7: sliders.[0].min: --set: "
                             "states.list.[0].capacity = -0.5 is outside [0, 1] (1)" % path)

    def test_a_series_key_that_names_nothing_is_refused_with_its_line(self):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(LESSONS, "01-gap.lesson")) as fh:
                src = fh.read().replace('scenario = "01-gap.cfg"', 'scenario = "%s"'
                                        % os.path.join(LESSONS, "01-gap.cfg"))
            path = os.path.join(d, "01-gap.lesson")
            with open(path, "w") as fh:
                fh.write(src.replace('"states/gap@Borea"', '"states/gap@Atlantis"'))
            line = src[: src.index('"states/gap@Borea"')].count("\n") + 1
            p = subprocess.run(["/usr/bin/python3", os.path.join(BIN, "protsim-classroom"),
                                "--check", "--lessons", d, "--protsim", PROTSIM],
                               capture_output=True, text=True)
            self.assertEqual(p.returncode, 2)
            self.assertEqual(p.stderr.strip(), "protsim classroom: %s:%d: charts.[1].series.[2]"
                             ".key: states/gap@Atlantis: Atlantis is not a state of this world "
                             "(Aland, Borea)" % (path, line))

    def test_check_passes_on_the_shipped_lessons(self):
        p = subprocess.run(["/usr/bin/python3", os.path.join(BIN, "protsim-classroom"),
                            "--check", "--protsim", PROTSIM], capture_output=True, text=True)
        self.assertEqual((p.returncode, p.stderr), (0, ""))
        self.assertRegex(p.stdout, r"^\d+ lessons checked in ")


if __name__ == "__main__":
    unittest.main()
