"""worksheet_figures - print every figure the worksheets and answers quote, from the current build.

    PROTSIM_EXE=build/protsim /usr/bin/python3 tests/classroom/worksheet_figures.py

Run it after a change of the model and update docs/classroom/ where a figure moved
(test_lessons.py fails where a claim no longer holds at all).
"""

from common import Run

LESSONS = {
    "01-gap.cfg": {
        "": ["states/institutionalisation@Aland 2008-01 2025-12",
             "states/gap@Aland 2008-01 2011-12 2025-12",
             "states/implementation@Aland:mean 2011-12 2025-12",
             "states/gap@Borea 2008-01 2025-12",
             "states/legal_status_share@Aland 2008-01 2025-12",
             "states/recognition_rate@Aland 2020-12 2025-12"],
        "states.Aland.capacity=0.9": ["states/gap@Aland 2025-12",
                                         "states/legal_status_share@Aland 2025-12"],
        "states.Aland.securitisation_baseline=0.2": ["states/gap@Aland 2011-12 2025-12"],
    },
    "02-paper-practice.cfg": {
        "": ["states/backlog@Paperland 2008-01 2022-12", "states/mean_wait@Paperland 2022-12",
             "states/backlog@Practica 2010-12",
             "states/legal_status_share@Practica 2010-12 2016-12 2022-12",
             "states/legal_status_share@Paperland 2010-12 2022-12",
             "states/poi@Practica 2022-12", "states/poi@Paperland 2022-12",
             "states/implementation@Practica:mean 2010-12 2022-12",
             "states/implementation@Paperland:mean 2010-12"],
        "states.Paperland.rsd=unhcr": ["states/backlog@Paperland 2010-12",
                                      "states/legal_status_share@Paperland 2022-12"],
        "states.Paperland.rsd=state": ["states/backlog@Paperland 2010-12 2014-12",
                                      "states/detention_incidence@Paperland 2022-12",
                                      "states/detention_incidence@Practica 2022-12"],
        "unhcr.decisions_per_year=0": ["states/backlog@Practica 2014-12",
                                       "states/legal_status_share@Practica 2022-12"],
        "states.Practica.access=0": ["states/implementation@Practica:mean 2022-12",
                                     "states/legal_status_share@Practica 2022-12"],
    },
    "03-boomerang.cfg": {
        "": ["states/pressure@Quietland:ratification 2008-01 2010-12 2014-12 2022-12",
             "states/pressure@Quietland:legislation 2008-01 2010-12 2014-12 2022-12",
             "states/pressure@Openland:ratification 2014-12",
             "states/pressure@Openland:legislation 2014-12",
             "unhcr/ratification_emphasis 2008-01 2022-12",
             "states/implementation@Quietland:mean 2008-01 2022-12"],
        "pressure.boomerang_weight=0": ["states/pressure@Quietland:ratification 2022-12"],
        "pressure.boomerang_weight=0 unhcr.advocacy=0": [
            "states/pressure@Quietland:legislation 2014-12 2022-12"],
        "pressure.boomerang_weight=2": ["states/pressure@Quietland:legislation 2014-12"],
        "unhcr.advocacy=0": ["states/pressure@Quietland:ratification 2014-12 2022-12"],
        "states.Quietland.access=0.7": ["states/pressure@Quietland:legislation 2022-12"],
        "states.Quietland.access=0.7 pressure.boomerang_weight=0": [
            "states/pressure@Quietland:legislation 2022-12"],
    },
    "04-securitisation.cfg": {
        "": ["states/securitisation@Halden 2012-04 2012-05 2013-05 2014-05 2015-05 2017-05",
             "states/detention_incidence@Halden 2012-04 2013-05 2017-05",
             "states/implementation@Halden:mean 2012-04 2013-05 2022-12"],
        "securitisation.reversion=2": ["states/securitisation@Halden 2012-04 2013-05"],
    },
    "05-resettlement.cfg": {
        "": ["refugees/count@Tarsa:resettled 2022-12", "refugees/count@Umbria:integrated 2022-12",
             "refugees/count@Umbria:resettled 2022-12", "states/solutions_rate@Tarsa 2022-12"],
        "unhcr.resettlement_per_year=0": ["refugees/count@Tarsa:present 2008-01 2022-12"],
        "unhcr.resettlement_per_year=1800": ["refugees/count@Tarsa:mandate 2018-12"],
        "origins.Eastmarch.return_per_year=0.05": ["refugees/count@Tarsa:returned 2022-12",
                                             "refugees/count@Tarsa:resettled 2022-12"],
    },
    "06-learning.cfg": {
        "": ["network/mean_strategy_all:ratification 2016-12 2022-12",
             "network/mean_strategy_all:implementation 2022-12",
             "network/mean_strategy_all:services 2022-12"],
        "ngo.payoff.implementation_full=1 ngo.payoff.outcome_full=1 network.visibility=0": [
            "network/mean_strategy_all:implementation 2022-12",
            "network/mean_strategy_all:services 2022-12"],
        "ngo.initial_strength=5": ["network/mean_strategy_all:ratification 2022-12"],
        "hazard.ratify.alpha=-1": ["network/mean_strategy_all:ratification 2022-12"],
    },
}
EVENTS = ("ratification", "admin_step", "regulation", "bill", "statute", "bill_lapse",
          "handover")


def main():
    for scenario, variants in LESSONS.items():
        print("==", scenario)
        for sets, lines in variants.items():
            r = Run(scenario, sets.split())
            try:
                print("  [%s]" % (sets or "as shipped"))
                if not sets:
                    print("    events:", r.events(*EVENTS))
                for line in lines:
                    key, *months = line.split()
                    print("    %-48s %s" % (key, "  ".join(
                        "%s %.4g" % (m, r.at(key, m)) for m in months)))
            finally:
                r.close()


if __name__ == "__main__":
    main()
