"""test_pages - the report page and the classroom page in Debian's Chromium (selenium).

The report page of a compare file draws its charts with no console error, shows values
on hover and zooms every chart into a dragged period; the pages of a compare file kept
by default (quantiles: the file's bands) and with --keep summary (the table only) render
with no console error; on the classroom page a moved
slider and Run draw the new run (B) beside the previous one (A), and a bad value shows
protsim's own message. With PROTSIM_SCREENSHOTS=DIR the pages are saved there as PNG
(docs/classroom/*.png are made so: docs/classroom/README.md).
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "classroom"))

import browser  # noqa: E402
from common import BIN, PROTSIM, SRC, Server  # noqa: E402

SHOTS = os.environ.get("PROTSIM_SCREENSHOTS")


def wait_for(driver, script, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        v = driver.execute_script(script)
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError("timed out waiting for: " + script)


def compare_page(folder, name, keep_args):
    """The report page of a 5-replicate compare of two small worlds, kept as keep_args
    say ([] for the default), written in folder as NAME.html; its path."""
    data = os.path.join(SRC, "tests", "data")
    h5, page = os.path.join(folder, name + ".h5"), os.path.join(folder, name + ".html")
    subprocess.run([PROTSIM, "compare", os.path.join(data, "good_small_ratification.cfg"),
                    os.path.join(data, "good_small_legislation.cfg"), "-n", "5", "-o", h5,
                    "--quiet"] + keep_args, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["/usr/bin/python3", os.path.join(BIN, "protsim-report"), h5, "-o", page],
                   check=True, stderr=subprocess.DEVNULL)
    return page


class ReportPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser.open_browser()
        cls.dir = tempfile.mkdtemp(prefix="protsim-page-test-")
        cls.page = compare_page(cls.dir, "cmp", ["--keep", "all"])

    @classmethod
    def tearDownClass(cls):
        browser.close_browser(cls.driver)
        shutil.rmtree(cls.dir)

    def setUp(self):
        browser.console_errors(self.driver)
        self.driver.get("file://" + self.page)
        wait_for(self.driver, "return document.body.dataset.ready === '1'")

    def test_compare_page_draws_its_charts_with_no_console_error(self):
        d = self.driver
        self.assertEqual(browser.console_errors(d), [])
        n = d.execute_script("return PS.charts.length")
        self.assertGreaterEqual(n, 15)
        drawn = d.execute_script("""return PS.charts.map(function (u) {
            var c = u.root.querySelector('canvas');
            var pts = u.data.slice(1).reduce(function (s, y) {
                return s + y.filter(function (v) { return v !== null; }).length; }, 0);
            return [c.width, c.height, u.series.length, pts]; });""")
        for w, h, n_series, points in drawn:
            self.assertGreater(w, 200)
            self.assertGreater(h, 100)
            self.assertGreaterEqual(n_series, 2)
            self.assertGreater(points, 0)
        region = d.execute_script("return PS.charts[0].series.map(function (s) { return s.label; })")
        self.assertEqual(region[1], "A: small world, ratification campaign")
        self.assertIn("B: small world, legislation campaign", region)
        rows = d.execute_script("return document.querySelectorAll('table.comparetable tbody tr').length")
        self.assertEqual(rows, 9)
        self.assertEqual(d.execute_script("return document.querySelectorAll('svg.strip circle').length"),
                         9 * 5)
        if SHOTS:
            browser.full_screenshot(d, os.path.join(SHOTS, "report-compare.png"))

    def test_hover_shows_a_months_values(self):
        from selenium.webdriver.common.action_chains import ActionChains
        d = self.driver
        over = d.execute_script("return PS.charts[1].over")
        ActionChains(d).move_to_element_with_offset(over, 60, 40).perform()
        month = wait_for(d, """var v = PS.charts[1].root.querySelector('.u-legend .u-value');
                               return v && v.textContent !== '-' ? v.textContent : null;""")
        self.assertRegex(month, r"^20\d\d-\d\d$")
        others = d.execute_script("""return PS.charts[0].root.querySelector('.u-legend .u-value')
                                     .textContent""")
        self.assertEqual(others, month)          # the cursor is shared by every chart

    def test_dragging_zooms_every_chart_into_the_period(self):
        from selenium.webdriver.common.action_chains import ActionChains
        d = self.driver
        over = d.execute_script("return PS.charts[0].over")
        w = over.size["width"]
        ActionChains(d).move_to_element_with_offset(over, -w // 4, 0).click_and_hold() \
            .move_by_offset(w // 4, 0).release().perform()
        spans = wait_for(d, """var s = PS.charts.filter(function (u) { return u.psSpec.title !== 'sweep scatter'; })
            .map(function (u) { return u.scales.x.max - u.scales.x.min; });
            return s[0] < 8 ? s : null;""")
        self.assertTrue(all(abs(s - spans[0]) < 1e-9 for s in spans), spans)
        self.assertEqual(browser.console_errors(d), [])

    def test_unticking_a_state_removes_its_series(self):
        d = self.driver
        before = d.execute_script("return PS.charts.length")
        labels = lambda: d.execute_script("""return PS.charts.filter(function (u) {
            return u.psSpec.title === 'Institutionalisation I'; })[0].series.map(function (s) {
            return s.label; });""")
        self.assertIn("B Borea", labels())
        d.find_element("css selector", "input[data-state='Borea']").click()
        self.assertNotIn("B Borea", labels())
        self.assertEqual(d.execute_script("return PS.charts.length"), before)


class DefaultAndSummaryComparePages(unittest.TestCase):
    """The pages of a compare file kept by default (quantiles) and with --keep summary."""

    @classmethod
    def setUpClass(cls):
        cls.driver = browser.open_browser()
        cls.dir = tempfile.mkdtemp(prefix="protsim-page-test-")
        cls.pages = {"quantiles": compare_page(cls.dir, "quantiles", []),     # the default
                     "summary": compare_page(cls.dir, "summary", ["--keep", "summary"])}

    @classmethod
    def tearDownClass(cls):
        browser.close_browser(cls.driver)
        shutil.rmtree(cls.dir)

    def load(self, keep):
        browser.console_errors(self.driver)
        self.driver.get("file://" + self.pages[keep])
        wait_for(self.driver, "return document.body.dataset.ready === '1'")
        self.assertEqual(browser.console_errors(self.driver), [])
        return self.driver

    def test_the_default_page_draws_every_chart_with_the_files_bands(self):
        d = self.load("quantiles")
        self.assertGreaterEqual(d.execute_script("return PS.charts.length"), 15)
        drawn = d.execute_script("""return PS.charts.map(function (u) {
            var pts = u.data.slice(1).reduce(function (s, y) {
                return s + y.filter(function (v) { return v !== null; }).length; }, 0);
            return [u.series.length, pts, (u.bands || []).length]; });""")
        for n_series, points, _ in drawn:
            self.assertGreaterEqual(n_series, 2)
            self.assertGreater(points, 0)
        self.assertEqual(drawn[0][2], 2)          # the region's first chart: a band per arm
        self.assertIn("as the file keeps them (--keep quantiles)",
                      d.find_element("id", "region").text)
        self.assertEqual(d.execute_script(
            "return document.querySelectorAll('table.comparetable tbody tr').length"), 9)

    def test_the_summary_page_shows_the_table_and_says_what_it_lacks(self):
        d = self.load("summary")
        self.assertEqual(d.execute_script("return PS.charts.length"), 0)
        self.assertIn("written with --keep summary", d.find_element("id", "kept").text)
        self.assertEqual(d.execute_script(
            "return document.querySelectorAll('table.comparetable tbody tr').length"), 9)
        self.assertEqual(d.execute_script("return document.querySelectorAll('svg.strip circle').length"),
                         9 * 5)
        self.assertIn("Scenario text: A: small world, ratification campaign",
                      d.find_element("id", "provenance").text)


class ClassroomPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.driver = browser.open_browser(1500, 1100)
        cls.server = Server("--jobs", "2")

    @classmethod
    def tearDownClass(cls):
        browser.close_browser(cls.driver)
        cls.server.stop()

    def setUp(self):
        browser.console_errors(self.driver)           # forget earlier tests' messages
        self.driver.get(self.server.url)
        wait_for(self.driver, "return document.body.dataset.ready === '1'")

    def run_and_wait(self, done_text="Done"):
        d = self.driver
        d.find_element("id", "run").click()
        return wait_for(d, """var s = document.getElementById('status');
            return !document.getElementById('run').disabled && s.textContent.length ? s.textContent : null;""", 120)

    def arm_series(self, arm):
        return self.driver.execute_script("""var arm = arguments[0];
            return PS.charts.filter(function (u) { return u.psSpec.arm === arm; }).map(function (u) {
            return u.data.slice(1).map(function (y) { return y.filter(function (v) {
                return v !== null; }).length; }); });""", arm)

    def test_a_moved_slider_draws_the_new_run_beside_the_old(self):
        from selenium.webdriver.common.keys import Keys
        d = self.driver
        self.assertTrue(self.run_and_wait().startswith("Done"))
        self.assertEqual(self.arm_series("A"), [])
        first_b = d.execute_script("return document.querySelector('.arm.b').dataset.run")
        rng = d.find_element("css selector", "input.range[data-path='states.Aland.capacity']")
        rng.click()
        for _ in range(3):
            rng.send_keys(Keys.ARROW_RIGHT)
        value = d.find_element("css selector", "input.value[data-path='states.Aland.capacity']")
        self.assertNotEqual(value.get_attribute("value"), "0.35")
        self.assertTrue(self.run_and_wait().startswith("Done"))
        self.assertEqual(d.execute_script("return document.querySelector('.arm.a').dataset.run"),
                         first_b)
        a, b = self.arm_series("A"), self.arm_series("B")
        self.assertEqual(len(a), 3)
        self.assertEqual(len(b), 3)
        self.assertTrue(all(n > 100 for chart in a + b for n in chart))
        settings = d.execute_script("""return [].map.call(document.querySelectorAll('.arm .settings'),
                                       function (e) { return e.textContent; })""")
        self.assertIn("Aland's state capacity = 0.35", settings[0])
        self.assertNotIn("Aland's state capacity = 0.35", settings[1])
        self.assertEqual(len(d.find_elements("css selector", "table.outcometable tbody tr")), 4)
        errors = browser.console_errors(d)
        self.assertEqual(errors, [], errors)
        if SHOTS:
            browser.full_screenshot(d, os.path.join(SHOTS, "classroom.png"), 1500)

    def test_five_replicates_draw_bands(self):
        d = self.driver
        d.find_element("css selector", "#replicates option[value='5']").click()
        self.assertTrue(self.run_and_wait().startswith("Done"))
        bands = d.execute_script("""return PS.charts.filter(function (u) { return u.psSpec.arm === 'B'; })
            .map(function (u) { return u.bands ? u.bands.length : 0; })""")
        self.assertTrue(all(n >= 1 for n in bands), bands)

    def test_a_bad_value_shows_protsims_message(self):
        d = self.driver
        box = d.find_element("css selector", "input.value[data-path='states.Aland.capacity']")
        box.clear()
        box.send_keys("1.7")
        status = self.run_and_wait()
        want = subprocess.run([PROTSIM, "check",
                               os.path.join(SRC, "scenarios", "classroom", "01-gap.cfg"),
                               "--set", "states.Aland.capacity=1.7"],
                              capture_output=True, text=True).stderr.strip()
        self.assertEqual(status, want)
        self.assertIn("error", d.find_element("id", "status").get_attribute("class"))
        self.assertEqual(self.arm_series("B"), [])     # nothing ran
        errors = browser.console_errors(d)            # only the refused request itself
        self.assertTrue(all(e["source"] == "network" and "/api/run" in e["message"] and
                            "400" in e["message"] for e in errors), errors)


if __name__ == "__main__":
    unittest.main()
