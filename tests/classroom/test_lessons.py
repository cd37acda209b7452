"""test_lessons - each lesson's world does what its worksheet says (docs/classroom/).

Each class runs one lesson as a student does (the scenario's seed, one replicate) and
checks the claims of the worksheet's "What to notice", and, where the worksheet makes a
claim about a change ("Things to try"), the changed run too. A claim about a typical
world is also checked on the median of 5 replicates, so that it is not one seed's luck.
"""

import os
import unittest

import numpy as np

from common import LESSONS, PROTSIM, Run
from protsim_analysis.classroom import lessons

PAYOFF_OFF = ["ngo.payoff.implementation_full=1", "ngo.payoff.outcome_full=1",
              "network.visibility=0"]   # lesson 6: the payoffs of practice about 20x smaller
PRESENT_MONTHS_BUDGET = 2e7   # person-months of a lesson run: ~0.04 s at 2 ns an agent-step


class LessonFiles(unittest.TestCase):
    def test_every_lesson_file_passes_the_check(self):
        found, errors = lessons.load_all(LESSONS, PROTSIM)
        self.assertEqual(errors, [])
        self.assertGreaterEqual(len(found), 6)
        for l in found:
            self.assertTrue(os.path.isfile(os.path.join(
                LESSONS, "..", "..", "docs", "classroom", l.worksheet_name)), l.worksheet_name)
            self.assertTrue(os.path.isfile(os.path.join(
                LESSONS, "..", "..", "docs", "classroom", "teacher", l.worksheet_name)))

    def test_every_world_is_small(self):
        # "under two seconds on one core", measured in docs/classroom/README.md; here the
        # work itself is bounded: the persons present summed over months and replicates.
        for name in sorted(os.listdir(LESSONS)):
            if name.endswith(".cfg"):
                r = Run(name)
                try:
                    work = float(np.nansum(r.part.series("region/refugees")))
                    self.assertLess(work, PRESENT_MONTHS_BUDGET, name)
                    self.assertLessEqual(len(r.part.states), 6, name)
                finally:
                    r.close()


class LessonCase(unittest.TestCase):
    """Runs RUNS = {attribute: (scenario, [--set ...], replicates)} once for the class."""

    RUNS = {}

    @classmethod
    def setUpClass(cls):
        for name, (scenario, sets, reps) in cls.RUNS.items():
            setattr(cls, name, Run(scenario, sets, reps))

    @classmethod
    def tearDownClass(cls):
        for name in cls.RUNS:
            getattr(cls, name).close()


class Lesson1Gap(LessonCase):
    RUNS = {
        "r": ("01-gap.cfg", [], 1),
        "reps": ("01-gap.cfg", [], 5),
        "capable": ("01-gap.cfg", ["states.Aland.capacity=0.9"], 1),
    }

    def test_aland_legislates_to_a_statute(self):
        self.assertAlmostEqual(self.r.at("states/institutionalisation@Aland", "2008-01"), 2 / 3, 6)
        self.assertEqual(self.r.at("states/law_level@Aland", "2025-12"), 3)
        self.assertEqual(self.r.at("states/institutionalisation@Aland", "2025-12"), 1.0)

    def test_the_gap_grows_in_aland(self):
        for r in (self.r, self.reps):
            start = r.at("states/gap@Aland", "2008-01")
            end = r.at("states/gap@Aland", "2025-12")
            self.assertGreater(end, start + 0.1)

    def test_practice_rises_less_than_institutions(self):
        d_i = (self.r.at("states/institutionalisation@Aland", "2025-12")
               - self.r.at("states/institutionalisation@Aland", "2008-01"))
        d_p = (self.r.at("states/implementation@Aland:mean", "2025-12")
               - self.r.at("states/implementation@Aland:mean", "2011-12"))
        self.assertLess(d_p, d_i / 2)
        self.assertLess(self.r.at("states/implementation@Aland:mean", "2025-12"), 0.55)

    def test_the_gap_shrinks_in_borea(self):
        self.assertLess(self.r.at("states/gap@Borea", "2025-12"),
                        self.r.at("states/gap@Borea", "2008-01"))
        self.assertGreater(self.r.at("states/implementation@Borea:mean", "2025-12"), 0.7)

    def test_lawful_stay_falls_in_aland_though_the_law_passes(self):
        self.assertLess(self.r.at("states/legal_status_share@Aland", "2025-12"),
                        self.r.at("states/legal_status_share@Aland", "2008-01") - 0.2)

    def test_capacity_narrows_the_gap(self):
        self.assertLess(self.capable.at("states/gap@Aland", "2025-12"),
                        self.r.at("states/gap@Aland", "2025-12") - 0.1)


class Lesson2PaperPractice(LessonCase):
    RUNS = {
        "r": ("02-paper-practice.cfg", [], 1),
        "reps": ("02-paper-practice.cfg", [], 5),
        "unhcr": ("02-paper-practice.cfg", ["states.Paperland.rsd=unhcr"], 1),
    }

    def test_paperland_is_more_institutionalised(self):
        self.assertEqual(self.r.at("states/institutionalisation@Paperland", "2008-01"), 0.5)
        self.assertAlmostEqual(self.r.at("states/institutionalisation@Practica", "2008-01"), 1 / 6, 6)

    def test_paperland_claims_wait_and_the_wait_grows(self):
        b = self.r.series("states/backlog@Paperland")
        years = [self.r.part.months.index("%d-12" % y) for y in range(2008, 2023)]
        self.assertTrue(all(b[j] > b[i] for i, j in zip(years, years[1:])))
        self.assertGreater(self.r.at("states/backlog@Paperland", "2022-12"), 3 * 2500)
        self.assertGreater(self.r.at("states/mean_wait@Paperland", "2022-12"), 84)
        self.assertLess(self.r.at("states/backlog@Practica", "2010-12"), 200)

    def test_practica_gives_lawful_stay_paperland_does_not(self):
        for r in (self.r, self.reps):
            for m in ("2010-12", "2016-12", "2022-12"):
                self.assertGreater(r.at("states/legal_status_share@Practica", m), 0.4)
                self.assertLess(r.at("states/legal_status_share@Paperland", m), 0.08)

    def test_the_gaps_have_opposite_signs(self):
        self.assertTrue((self.r.series("states/gap@Paperland") > 0).all())
        self.assertTrue((self.r.series("states/gap@Practica") < 0).all())

    def test_practica_scores_higher_on_the_poi(self):
        for m in ("2010-12", "2022-12"):
            self.assertGreater(self.reps.at("states/poi@Practica", m),
                               self.reps.at("states/poi@Paperland", m) + 0.15)

    def test_the_practice_is_close_the_procedure_differs(self):
        self.assertLess(abs(self.r.at("states/implementation@Practica:mean", "2010-12")
                            - self.r.at("states/implementation@Paperland:mean", "2010-12")), 0.1)

    def test_unhcr_decisions_end_the_wait_but_not_the_limbo(self):
        self.assertLess(self.unhcr.at("states/backlog@Paperland", "2022-12"), 200)
        self.assertGreater(self.unhcr.at("refugees/count@Paperland:mandate", "2022-12"),
                           self.unhcr.at("refugees/count@Paperland:protected", "2022-12"))
        self.assertLess(self.unhcr.at("states/legal_status_share@Paperland", "2022-12"), 0.3)


class Lesson3Boomerang(LessonCase):
    RUNS = {
        "r": ("03-boomerang.cfg", [], 1),
        "no_boom": ("03-boomerang.cfg", ["pressure.boomerang_weight=0"], 1),
        "direct": ("03-boomerang.cfg", ["pressure.boomerang_weight=0", "unhcr.advocacy=0"], 1),
    }

    def test_quietland_hears_almost_nothing_directly(self):
        for ch in ("ratification", "legislation", "implementation"):
            key = "states/pressure@Quietland:" + ch
            self.assertLess(self.direct.series(key).max(), 0.02)
            self.assertGreater(self.r.at(key, "2014-12"), 8 * self.direct.at(key, "2014-12"))

    def test_the_boomerang_starts_after_a_year(self):
        key = "states/pressure@Quietland:ratification"
        first = self.r.part.months.index("2008-12")
        self.assertTrue(np.array_equal(self.r.series(key)[: first + 1],
                                       self.no_boom.series(key)[: first + 1]))
        self.assertGreater(self.r.at(key, "2009-06"), self.no_boom.at(key, "2009-06"))

    def test_without_the_boomerang_ratification_pressure_halves(self):
        key = "states/pressure@Quietland:ratification"
        self.assertLess(self.no_boom.at(key, "2022-12"), 0.65 * self.r.at(key, "2022-12"))

    def test_unhcr_turns_from_ratification_to_legislation(self):
        u = self.r.series("unhcr/ratification_emphasis")
        self.assertAlmostEqual(float(u[0]), 0.6, 2)
        self.assertLess(float(u[-1]), 0.3)
        self.assertGreater(self.r.at("states/pressure@Quietland:ratification", "2008-01"),
                           self.r.at("states/pressure@Quietland:legislation", "2008-01"))
        self.assertGreater(self.r.at("states/pressure@Quietland:legislation", "2014-12"),
                           self.r.at("states/pressure@Quietland:ratification", "2014-12"))

    def test_openland_is_pressed_harder(self):
        for ch in ("ratification", "legislation"):
            self.assertGreater(self.r.at("states/pressure@Openland:" + ch, "2014-12"),
                               1.5 * self.r.at("states/pressure@Quietland:" + ch, "2014-12"))


class Lesson4Securitisation(LessonCase):
    RUNS = {
        "r": ("04-securitisation.cfg", [], 1),
        "reps": ("04-securitisation.cfg", [], 5),
        "fast": ("04-securitisation.cfg", ["securitisation.reversion=2"], 1),
    }

    def test_the_event_raises_securitisation_at_once(self):
        for r in (self.r, self.reps):
            before = r.at("states/securitisation@Halden", "2012-04")
            self.assertGreater(r.at("states/securitisation@Halden", "2012-05"), before + 0.4)

    def test_recovery_takes_years(self):
        for r in (self.r, self.reps):
            base = r.at("states/securitisation@Halden", "2012-04")
            self.assertGreater(r.at("states/securitisation@Halden", "2013-05"), base + 0.2)
            self.assertGreater(r.at("states/securitisation@Halden", "2015-05"), base + 0.05)
            self.assertLess(r.at("states/securitisation@Halden", "2022-12"), base + 0.05)

    def test_practice_falls_then_comes_back(self):
        before = self.r.at("states/implementation@Halden:mean", "2012-04")
        self.assertLess(self.r.at("states/implementation@Halden:mean", "2013-05"), before - 0.1)
        self.assertGreater(self.r.at("states/implementation@Halden:mean", "2022-12"), before - 0.05)

    def test_detention_doubles_in_halden_only(self):
        for r in (self.r, self.reps):
            self.assertGreater(r.at("states/detention_incidence@Halden", "2013-05"),
                               1.8 * r.at("states/detention_incidence@Halden", "2012-04"))
            self.assertLess(r.at("states/detention_incidence@Lindmark", "2013-05"),
                            1.3 * r.at("states/detention_incidence@Lindmark", "2012-04"))

    def test_the_law_stays(self):
        self.assertTrue((self.r.series("states/law_level@Halden") == 3).all())

    def test_faster_reversion_shortens_the_shock(self):
        base = self.fast.at("states/securitisation@Halden", "2012-04")
        self.assertLess(self.fast.at("states/securitisation@Halden", "2013-05"), base + 0.1)


class Lesson5Resettlement(LessonCase):
    RUNS = {
        "r": ("05-resettlement.cfg", [], 1),
        "none": ("05-resettlement.cfg", ["unhcr.resettlement_per_year=0"], 1),
    }

    def test_resettlement_is_tarsas_only_exit(self):
        for exit_ in ("returned", "integrated", "refouled"):
            self.assertEqual(self.r.at("refugees/count@Tarsa:" + exit_, "2022-12"), 0)
        self.assertGreater(self.r.at("refugees/count@Tarsa:resettled", "2022-12"), 5000)

    def test_umbria_also_integrates(self):
        self.assertGreater(self.r.at("refugees/count@Umbria:integrated", "2022-12"), 300)

    def test_the_places_are_the_exits(self):
        used = float(np.sum(self.r.part.series("unhcr/resettlement_used")))
        months = len(self.r.part.months)
        self.assertLess(abs(used - 600 * months / 12), 0.05 * 600 * months / 12)
        both = (self.r.at("refugees/count@Tarsa:resettled", "2022-12")
                + self.r.at("refugees/count@Umbria:resettled", "2022-12"))
        self.assertAlmostEqual(both, used, delta=1)

    def test_without_places_tarsa_never_empties(self):
        self.assertTrue((self.none.series("states/solutions_rate@Tarsa") == 0).all())
        self.assertGreater(self.none.at("refugees/count@Tarsa:present", "2022-12"),
                           1.8 * self.none.at("refugees/count@Tarsa:present", "2008-01"))
        self.assertGreater(self.none.at("refugees/count@Umbria:integrated", "2022-12"), 300)


class Lesson6Learning(LessonCase):
    CH = "network/mean_strategy_all:"

    RUNS = {
        "r": ("06-learning.cfg", [], 1),
        "reps": ("06-learning.cfg", [], 5),
        "blind": ("06-learning.cfg", PAYOFF_OFF, 1),
        "habit": ("06-learning.cfg", ["ngo.initial_strength=5"], 1),
        "ratify": ("06-learning.cfg", ["hazard.ratify.alpha=-1"], 1),
    }

    def share(self, r, ch, m="2022-12"):
        return r.at(self.CH + ch, m)

    def test_ratification_loses_its_lead(self):
        for r in (self.r, self.reps):
            self.assertAlmostEqual(self.share(r, "ratification", "2008-01"), 0.6, 6)
            self.assertLess(self.share(r, "ratification"), 0.25)
        self.assertLess(self.share(self.r, "ratification", "2016-12"), 0.3)

    def test_practice_gains(self):
        for r in (self.r, self.reps):
            self.assertGreater(self.share(r, "implementation") + self.share(r, "services"), 0.38)

    def test_part_of_the_drift_is_learning_from_success(self):
        on = self.share(self.r, "implementation") + self.share(self.r, "services")
        off = self.share(self.blind, "implementation") + self.share(self.blind, "services")
        self.assertGreater(on, off + 0.04)

    def test_strong_habits_slow_the_drift(self):
        self.assertGreater(self.share(self.habit, "ratification"),
                           self.share(self.r, "ratification") + 0.08)

    def test_ratification_pays_once(self):
        self.assertEqual(len(self.ratify.events("ratification")), 4)
        self.assertLess(self.share(self.ratify, "ratification"), 0.25)


if __name__ == "__main__":
    unittest.main()
