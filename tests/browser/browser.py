"""browser - Debian's headless Chromium driven by python3-selenium, for the page tests.

open_browser() gives a driver that records the console (browser log); as root Chromium
needs --no-sandbox, and the background-networking flags keep it off the (closed)
network. Skips with a clear message where chromium or chromedriver is missing.
"""

import os
import shutil
import tempfile
import unittest

CHROMIUM = os.environ.get("PROTSIM_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("PROTSIM_CHROMEDRIVER", "/usr/bin/chromedriver")


def open_browser(width=1400, height=1000):
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        raise unittest.SkipTest("python3-selenium is not installed (.ci/install-deps installs it)")
    if not (os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)):
        raise unittest.SkipTest("chromium or chromium-driver is not installed "
                                "(.ci/install-deps installs them)")
    profile = tempfile.mkdtemp(prefix="protsim-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 "--user-data-dir=" + profile, "--window-size=%d,%d" % (width, height)):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver._protsim_profile = profile
    return driver


def close_browser(driver):
    profile = getattr(driver, "_protsim_profile", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver):
    """Console messages of level SEVERE (errors, uncaught exceptions) since the last call."""
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def full_screenshot(driver, path, width=1400):
    """A screenshot of the whole page height (up to 6000 px)."""
    h = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(h, 800), 6000) + 120)
    driver.save_screenshot(path)
