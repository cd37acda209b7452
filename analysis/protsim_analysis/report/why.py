"""why - the rule behind each event of a result file, in words.

An adoption event (ratification, admin step, regulation, bill, statute) fires when the
state's draw falls under its monthly hazard, whose log-odds are a sum of terms
(docs/model.md §7.3):

    logit h = alpha + bA A + bE E + bC C + bD D - bS S - bK K

The file keeps h (/states/hazard), A (/states/pressure), E (/states/emulation) and S
(/states/securitisation) of every month, and the scenario text keeps the coefficients,
D and the patron link (C = leverage x demand while the link is active). So each term of
the month of the event is rebuilt from the file; magnet fear K, which the file does not
keep, is what remains of logit h (it also takes any term a later model adds). The event
is explained by its largest positive term.

A compare file kept with --keep quantiles (the default) holds the 5/50/95% bands over
the replicates, not any one replicate's series: its adoptions are listed with the
median hazard of their month and not explained (--keep all keeps what it takes).
"""

import math

import numpy as np

from . import cfgtext

# event type -> hazard action (the last axis of /states/hazard, /states/action_names)
ACTION_OF = {"ratification": "ratify", "admin_step": "admin", "regulation": "regulate",
             "bill": "bill", "statute": "pass"}
CHANNELS = ("ratification", "legislation", "implementation", "services", "global")
VERB = {"ratification": "ratified", "admin_step": "took an administrative step (level 1)",
        "regulation": "passed a regulation (level 2)", "bill": "introduced a refugee bill",
        "statute": "passed a statute (level 3)"}
TERM_WORDS = {"pressure": "NGO and UNHCR pressure", "emulation": "emulation of peers",
              "coercion": "patron coercion", "democracy": "democracy"}


def month_index(date):
    y, m = date.split("-")
    return 12 * int(y) + int(m) - 1


def _pressure(action, a):
    """A_iX from the pressure row a[5] (channel order of CHANNELS)."""
    if action == "ratify":
        return a[0]
    if action == "admin":
        return min(1.0, a[1] + a[2])
    return a[1]


def _coercion(action, st, month):
    p = st.get("patron", {})
    if not p.get("name") or month < month_index(p.get("since", "0000-01")):
        return 0.0, 0.0, ""
    demand = p.get("demand_ratify", 0.0) if action == "ratify" else p.get("demand_law", 0.0)
    return p.get("leverage", 0.0) * demand, p.get("leverage", 0.0), p["name"]


def adoption_terms(scenario, part_arrays, state_index, step, action, month):
    """The log-odds terms of one state's hazard of `action` in step `step`.

    scenario: the parsed scenario text; part_arrays: dict of the replicate's arrays
    hazard [T,S,5], pressure [T,S,5], emulation [T,S,5], securitisation [T,S].
    """
    actions = part_arrays["action_names"]
    k = actions.index(action)
    coef = scenario["hazard"][action]
    st = scenario["states"]["list"][state_index]
    h = float(part_arrays["hazard"][step, state_index, k])
    a = part_arrays["pressure"][step, state_index]
    e = float(part_arrays["emulation"][step, state_index, k])
    s = float(part_arrays["securitisation"][step, state_index])
    c, leverage, patron = _coercion(action, st, month)
    press = float(_pressure(action, a))
    terms = {
        "alpha": coef["alpha"],
        "pressure": coef["pressure"] * press,
        "emulation": coef["emulation"] * e,
        "coercion": coef["coercion"] * c,
        "democracy": coef["democracy"] * st["democracy"],
        "securitisation": -coef["securitisation"] * s,
    }
    hc = min(max(h, 1e-300), 1 - 1e-16)
    logit = math.log(hc / (1 - hc))
    terms["magnet"] = logit - sum(terms.values())
    inputs = {"A": press, "E": e, "C": c, "leverage": leverage, "patron": patron,
              "D": st["democracy"], "S": s, "hazard": h}
    return terms, inputs


def explain(terms, inputs):
    """'patron coercion (+5.4 on the log-odds; leverage 0.9, patron Delmar)', ..."""
    drivers = {k: terms[k] for k in TERM_WORDS}
    top = max(drivers, key=lambda k: drivers[k])
    detail = {
        "pressure": "A %.2f" % inputs["A"],
        "emulation": "E %.2f" % inputs["E"],
        "coercion": "leverage %.2g, patron %s" % (inputs["leverage"], inputs["patron"]),
        "democracy": "D %.2f" % inputs["D"],
    }[top]
    return "%s (%+.1f on the log-odds; %s), hazard %.3g/year" % (
        TERM_WORDS[top], drivers[top], detail, inputs["hazard"]), top


def _scheduled_words(e, scenario):
    t = e["type"]
    v = e["value"]
    if t == "arrival_shock":
        return "arrival shock in the scenario: %s persons" % format(v, ",.0f")
    if t == "security_event":
        return "security event in the scenario, magnitude %.2g" % v
    if t == "patron_link":
        return "patron link from the scenario, leverage %.2g" % v
    if t == "handover":
        cap = scenario.get("unhcr", {}).get("handover_capacity", float("nan"))
        return ("RSD handover: framework level >= 2 and capacity >= %.2g, then a yearly "
                "chance of %.2g" % (cap, scenario.get("unhcr", {}).get(
                    "handover_per_year", float("nan"))))
    if t == "bill_lapse":
        return "the pending bill lapsed (law.bill_lapse_per_year %.2g)" % scenario.get(
            "law", {}).get("bill_lapse_per_year", float("nan"))
    if t == "network_founded":
        return "the network is founded with %d members (network.founded)" % v
    if t == "consultation":
        return "regional consultation, %d NGOs attending" % v
    if t == "ngo_exit":
        return "NGO %d exits: its budget stayed below 0 (%.0f kUSD)" % (e["ngo"], v)
    if t == "ngo_join":
        return "NGO %d joins the network" % e["ngo"]
    return "value %g" % v


POLICY = ("ratification", "admin_step", "regulation", "bill", "statute", "bill_lapse",
          "handover", "arrival_shock", "security_event", "patron_link", "network_founded")


def timeline(part, replicate=0, include=POLICY):
    """The events of one replicate of a Part as rows with the rule that fired each."""
    scenario = cfgtext.parse(part.attr("scenario"), "scenario")
    states = part.states
    arrays = None
    rows = []
    for e in part.events():
        if e["replicate"] != replicate or e["type"] not in include:
            continue
        row = {"date": e["date"], "type": e["type"], "state": e["state"], "value": e["value"]}
        action = ACTION_OF.get(e["type"])
        if action is not None and e["state"] in states and part.quantiles is not None:
            if arrays is None:
                arrays = _median_hazard(part)
            step = int(round(e["time"] * 12)) - 1 - month_index(part.months[0])
            h = arrays[step, states.index(e["state"]), _action_index(part, action)]
            row["why"] = ("not rebuilt: the file keeps the replicates' 5/50/95%% bands, not "
                          "this replicate's series (--keep all keeps them); median hazard "
                          "that month %.3g/year" % h)
            row["driver"] = "not kept"
            row["what"] = "%s %s" % (e["state"], VERB[e["type"]])
        elif action is not None and e["state"] in states:
            if arrays is None:
                arrays = _arrays(part, replicate)
            i = states.index(e["state"])
            step = int(round(e["time"] * 12)) - 1 - month_index(part.months[0])
            terms, inputs = adoption_terms(scenario, arrays, i, step, action,
                                           month_index(e["date"]))
            row["why"], row["driver"] = explain(terms, inputs)
            row["terms"] = {k: round(v, 3) for k, v in terms.items()}
            row["what"] = "%s %s" % (e["state"], VERB[e["type"]])
        else:
            row["why"] = _scheduled_words(e, scenario)
            row["driver"] = "scheduled" if e["type"] in (
                "arrival_shock", "security_event", "patron_link") else e["type"]
            row["what"] = ("%s: %s" % (e["state"], e["type"].replace("_", " "))
                           if e["state"] else e["type"].replace("_", " "))
        rows.append(row)
    return rows


def _action_index(part, action):
    """The index of a hazard action on the last axis of /states/hazard."""
    return part.names("states/action_names").index(action)


def _median_hazard(part):
    """The 50% layer of /states/hazard [T, S, 5] of a file that keeps quantiles."""
    return part.series("states/hazard")[part.quantiles.index(0.5)]


def _arrays(part, replicate):
    return {
        "action_names": part.names("states/action_names"),
        "hazard": part.series("states/hazard")[replicate],
        "pressure": part.series("states/pressure")[replicate],
        "emulation": part.series("states/emulation")[replicate],
        "securitisation": part.series("states/securitisation")[replicate],
    }


def event_counts(part, include=POLICY):
    """How many replicates saw each (type, state), for files with several replicates."""
    seen = {}
    for e in part.events():
        if e["type"] in include:
            seen.setdefault((e["type"], e["state"]), set()).add(e["replicate"])
    return sorted(((t, s, len(r)) for (t, s), r in seen.items()), key=lambda x: (-x[2], x))


__all__ = ["timeline", "event_counts", "adoption_terms", "explain", "np"]
