"""run_browser_tests - run test_pages; exit 77 (ctest: skipped) when no browser is here."""
import sys
import unittest

import browser

if __name__ == "__main__":
    try:
        browser.close_browser(browser.open_browser())
    except unittest.SkipTest as exc:
        print("browser tests skipped: %s" % exc)
        sys.exit(77)
    result = unittest.main(module="test_pages", exit=False).result
    sys.exit(0 if result.wasSuccessful() else 1)
