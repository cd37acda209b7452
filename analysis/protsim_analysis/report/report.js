/* report.js - the report page of a protsim result file (data in #data, built by build.py).
 * Sections: region, refugees by status, institutions against implementation, a state
 * indicator to pick, network and NGO strategies, events with the rule that fired each,
 * the comparison (compare files) or the design (sweep files), and the provenance.
 * D.keep says what an arm of a compare file keeps: all, quantiles (the bands drawn are
 * the file's) or summary (no series: the table and what the file does not keep). */
"use strict";
(function () {
  var D = JSON.parse(document.getElementById("data").textContent);
  var main, picked = {}, detail = { state: 0, arm: 0, indicator: "poi", metric: 0, param: 0 };
  var INDICATORS = D.indicator_meta, REGION = D.region_meta;   /* [name, label, unit] */
  var ARM_COLORS = ["#8a96a3", "#1f6fd1"];

  function parts() { return D.parts || []; }
  function arms() { return parts().length > 1; }
  function section(id, title, note) {
    var s = PS.el("section", { id: id }, main);
    PS.el("h2", { text: title }, s);
    if (note) { PS.el("p", { "class": "note", text: note }, s); }
    return s;
  }
  function bandNote(p) {
    return p.replicates > 1 ? "Lines are medians over " + p.replicates +
      " replicates; shaded bands hold 90% of them (5% to 95%)" +
      (D.keep === "quantiles" ? ", as the file keeps them (--keep quantiles)." : ".") : "One run.";
  }
  function stat(s, k) {   // {mid, lo, hi} of [T][S] -> column k
    if (k === undefined) { return s; }
    return { mid: PS.col(s.mid, k), lo: s.lo && PS.col(s.lo, k), hi: s.hi && PS.col(s.hi, k) };
  }
  function armLabel(p, i) { return arms() ? (p.label || ["A", "B"][i]) + ": " + p.name : p.name; }

  function header() {
    var h = PS.el("header", { "class": "top" }, document.body);
    PS.el("h1", { text: D.title }, h);
    var p0 = parts()[0];
    var sub = D.kind + " file " + D.file;
    if (p0 && p0.states.length) { sub += ", " + p0.months[0] + " to " + p0.months[p0.months.length - 1] +
              ", " + p0.states.length + " states" + (p0.replicates > 1 ? ", " + p0.replicates + " replicates" : ""); }
    PS.el("div", { "class": "sub", text: sub + (D.reduced ? "; " + D.reduced : "") }, h);
    main = PS.el("main", {}, document.body);
  }

  function stateControls() {
    var p0 = parts()[0];
    var s = section("states-pick", "States", "Tick the states to draw in the per-state charts; " +
      "drag across any chart to zoom into a period (all charts follow), double-click to zoom out, " +
      "hover to read the values of a month.");
    var c = PS.el("div", { "class": "controls" }, s);
    p0.states.forEach(function (name, i) {
      if (picked[name] === undefined) { picked[name] = i < 8; }
      var l = PS.el("label", {}, c);
      var box = PS.el("input", { type: "checkbox", "data-state": name }, l);
      box.checked = picked[name];
      PS.el("span", { "class": "swatch", style: "background:" + PS.color(i) }, l);
      l.appendChild(document.createTextNode(name));
      box.addEventListener("change", function () { picked[name] = box.checked; drawStates(); });
    });
  }

  function regionSection() {
    var s = section("region", "The region", bandNote(parts()[0]) +
      (arms() ? " Grey: scenario A; blue: scenario B." : ""));
    var g = PS.el("div", { "class": "grid" }, s);
    REGION.forEach(function (r) {
      var series = parts().map(function (p, i) {
        var st = p.region[r[0]];
        return { label: armLabel(p, i), data: st.mid, lo: st.lo, hi: st.hi,
                 color: arms() ? ARM_COLORS[i] : PS.color(0) };
      });
      PS.chart(g, { title: r[1], unit: r[2], months: parts()[0].months, series: series });
    });
  }

  var stateBox;
  function stateSeries(getter, dashB) {
    var out = [];
    parts().forEach(function (p, a) {
      p.states.forEach(function (name, k) {
        if (!picked[name]) { return; }
        var st = getter(p, k);
        out.push({ label: (arms() ? (p.label || "AB"[a]) + " " : "") + name, data: st.mid,
                   lo: st.lo, hi: st.hi, color: PS.color(k),
                   dash: arms() && a === 0 && dashB !== false ? [5, 4] : undefined });
      });
    });
    return out;
  }
  function selectOf(parent, label, options, value, onchange) {
    var l = PS.el("label", { text: label + " " }, parent);
    var sel = PS.el("select", {}, l);
    options.forEach(function (o, i) { var op = PS.el("option", { value: String(i), text: o }, sel);
                                      if (i === value) { op.selected = true; } });
    sel.addEventListener("change", function () { onchange(+sel.value); });
    return sel;
  }

  function drawStates() {
    PS.clearCharts(stateBox);
    var p0 = parts()[0], months = p0.months;
    var c = PS.el("div", { "class": "controls" }, stateBox);
    selectOf(c, "State for the detail charts:", p0.states, detail.state, function (v) { detail.state = v; drawStates(); });
    if (arms()) {
      selectOf(c, "Scenario:", parts().map(armLabel), detail.arm, function (v) { detail.arm = v; drawStates(); });
    }
    var arm = parts()[detail.arm] || p0, k = detail.state, name = p0.states[k];

    if (arm.count) {
      PS.el("h3", { text: "Refugees by status in " + name + (arms() ? " (" + armLabel(arm, detail.arm) + ")" : "") }, stateBox);
      var g1 = PS.el("div", { "class": "grid" }, stateBox);
      var present = [], exits = [];
      arm.statuses.forEach(function (st, j) {
        var one = { label: st, data: arm.count.map(function (r) { return r[k][j]; }), color: PS.color(j) };
        (j < 7 ? present : exits).push(one);
      });
      PS.chart(g1, { title: "Present, by status", unit: "persons", months: months, series: present });
      PS.chart(g1, { title: "Exits since the start", unit: "persons", months: months, series: exits });
    }

    PS.el("h3", { text: "Institutions against implementation" }, stateBox);
    PS.el("p", { "class": "note", text: "Institutionalisation I = w_R R + w_L L/3 (what the state has " +
      "signed and legislated) against implementation, the mean of its six practice components P " +
      "(docs/model.md §7.4). The gap is I minus mean P." + (arms() ? " Dashed: scenario A." : "") +
      (D.keep === "quantiles" ? " Mean of P: the mean of the components' medians, without a band " +
        "(the file keeps each component's bands, and a mean of quantiles is not a quantile of the mean)." : "") }, stateBox);
    var g2 = PS.el("div", { "class": "grid" }, stateBox);
    PS.chart(g2, { title: "Institutionalisation I", unit: "0 to 1", months: months, yRange: [0, 1],
                   series: stateSeries(function (p, j) { return stat(p.institutionalisation, j); }) });
    PS.chart(g2, { title: "Implementation: mean of P", unit: "0 to 1", months: months, yRange: [0, 1],
                   series: stateSeries(function (p, j) { return stat(p.implementation_mean, j); }) });
    if (arm.implementation) {
      PS.chart(g2, { title: "Implementation components in " + name, unit: "0 to 1", months: months, yRange: [0, 1],
                     series: arm.components.map(function (cname, j) {
                       return { label: cname, data: arm.implementation.map(function (r) { return r[k][j]; }) }; }) });
    }
    PS.chart(g2, { title: "Framework level L and ratification R in " + name, unit: "L 0-3, R 0/1", months: months,
                   series: [{ label: "L", data: PS.col(arm.law_level, k) },
                            { label: "R", data: PS.col(arm.ratified, k), dash: [4, 3] }] });

    PS.el("h3", { text: "A state indicator" }, stateBox);
    var c2 = PS.el("div", { "class": "controls" }, stateBox);
    var ii = INDICATORS.findIndex(function (x) { return x[0] === detail.indicator; });
    selectOf(c2, "Indicator:", INDICATORS.map(function (x) { return x[1]; }), ii,
             function (v) { detail.indicator = INDICATORS[v][0]; drawStates(); });
    var g3 = PS.el("div", { "class": "grid" }, stateBox);
    var ind = INDICATORS[ii];
    PS.chart(g3, { title: ind[1], unit: ind[2], months: months,
                   series: stateSeries(function (p, j) { return stat(p.indicators[ind[0]], j); }) });
    if (arm.ngo_strategy) {
      PS.chart(g3, { title: "Strategy of " + name + "'s NGOs (mean share of effort)", unit: "1",
                     months: months, yRange: [0, 1],
                     series: arm.channels.map(function (ch, j) {
                       return { label: ch, data: arm.ngo_strategy.map(function (r) { return r[k] === null ? null : r[k][j]; }) }; }) });
    }
  }

  function statesSection() {
    stateBox = section("state-charts", "States", bandNote(parts()[0]));
    drawStates();
  }

  function networkSection() {
    var s = section("network", "The network, UNHCR and NGO strategies",
      "The network's members and the mean strategy of its members: the share of effort on each " +
      "channel (docs/model.md §7.6-7.7). UNHCR's ratification emphasis follows the members' " +
      "ratification share. Action plans are those adopted at regional consultations.");
    var g = PS.el("div", { "class": "grid" }, s);
    var months = parts()[0].months;
    PS.chart(g, { title: "Network members", unit: "NGOs", months: months,
                  series: parts().map(function (p, i) { var st = p.network.members;
                    return { label: armLabel(p, i), data: st.mid, lo: st.lo, hi: st.hi,
                             color: arms() ? ARM_COLORS[i] : PS.color(0) }; }) });
    parts().forEach(function (p, i) {
      PS.chart(g, { title: "Members' mean strategy" + (arms() ? " (" + armLabel(p, i) + ")" : ""), unit: "share",
                    months: months, yRange: [0, 1],
                    series: p.channels.map(function (ch, j) { return { label: ch, data: PS.col(p.mean_strategy, j) }; }) });
    });
    parts().forEach(function (p, i) {
      PS.chart(g, { title: "Mean strategy of all NGOs" + (arms() ? " (" + armLabel(p, i) + ")" : ""), unit: "share",
                    months: months, yRange: [0, 1],
                    series: p.channels.map(function (ch, j) { return { label: ch, data: PS.col(p.mean_strategy_all, j) }; }) });
    });
    PS.chart(g, { title: "UNHCR's ratification emphasis", unit: "0 to 1", months: months,
                  series: parts().map(function (p, i) { var st = p.unhcr_emphasis;
                    return { label: armLabel(p, i), data: st.mid, lo: st.lo, hi: st.hi,
                             color: arms() ? ARM_COLORS[i] : PS.color(0) }; }) });
    var p = parts()[0];
    PS.chart(g, { title: "Action plans at consultations" + (arms() ? " (A)" : "") +
                  (p.replicates > 1 ? ", " + p.plans_of : ""), unit: "plans", months: months,
                  series: p.plan_kinds.map(function (kind, j) {
                    return { label: kind, points: true,
                             data: p.plans.map(function (r) { return r[j] > 0 ? r[j] : null; }) }; }) });
  }

  function eventsSection() {
    var s = section("events", "Events, and the rule that fired each",
      "Policy events of " + (parts()[0].replicates > 1 ? "the first replicate" : "the run") +
      ". For an adoption the reason is the largest positive term of the state's hazard in that month " +
      "(logit h = alpha + pressure + emulation + coercion + democracy - securitisation - magnet fear, " +
      "docs/model.md §7.3), rebuilt from the hazard, pressure, emulation and securitisation the file keeps" +
      (D.keep === "quantiles" ? "; this file keeps their bands over the replicates only (--keep quantiles), " +
        "so an adoption's terms are not rebuilt: `protsim compare ... --keep all` keeps them." : "."));
    parts().forEach(function (p, i) {
      if (arms()) { PS.el("h3", { text: armLabel(p, i) }, s); }
      var box = PS.el("div", { "class": "events" }, s);
      PS.table(box, ["month", "event", "the rule that fired it"], p.events.map(function (e) {
        return [e.date, { "class": "left", text: e.what }, { "class": "why", text: e.why }];
      }), "eventtable");
      if (p.event_counts.length) {
        var more = PS.el("details", {}, s);
        PS.el("summary", { text: "Over all " + p.replicates + " replicates: how many saw each event" }, more);
        PS.table(more, ["event", "state", "replicates"], p.event_counts.map(function (r) {
          return [{ "class": "left", text: r[0] }, { "class": "left", text: r[1] }, String(r[2])]; }));
      }
    });
  }

  function comparisonSection() {
    var C = D.comparison;
    var s = section("comparison", "Paired differences at the end of " + C.horizon,
      "Replicate r of A and of B share a seed (common random numbers); B - A is the paired estimate " +
      "that goes with the test (mean difference for t, Hodges-Lehmann for Wilcoxon), not the " +
      "difference of the two means. Bold: p < 0.05. Dots: each replicate's own difference B - A; the " +
      "bar is the 95% interval.");
    PS.table(s, ["metric", "A mean", "B mean", "B - A", "95% interval", "p", "test", "pairs differing"],
      C.rows.map(function (r) {
        var cls = r.p_value < 0.05 ? "sig" : "";          // bold: p < 0.05, whatever the sign
        return [{ "class": "left", text: r.metric_names + " (" + r.units + ")" }, PS.fmt(r.a_mean), PS.fmt(r.b_mean),
                { "class": cls, text: PS.fmt(r.difference) },
                r.ci_low === null || r.ci_high === null ? "none at 95% (too few pairs)"
                  : "[" + PS.fmt(r.ci_low) + ", " + PS.fmt(r.ci_high) + "]",
                r.p_value < 0.001 ? "<0.001" : r.p_value.toFixed(3), r.test, r.n_differ + " of " + r.n_pairs];
      }), "comparetable");
    if (C.paired) { strips(s, C); }
  }

  function strips(parent, C) {          // one row per metric: dots of B - A, scaled per row
    var W = 700, rowH = 26, left = 170, right = 110, n = C.rows.length;
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "strip"); svg.setAttribute("width", W); svg.setAttribute("height", rowH * n + 10);
    C.rows.forEach(function (r, m) {
      var vals = C.paired.map(function (row) { return row[m]; }).filter(function (v) { return v !== null; });
      var ext = Math.max.apply(null, vals.map(Math.abs).concat([Math.abs(r.ci_low) || 0, Math.abs(r.ci_high) || 0]));
      var same = !(ext > 0);
      if (same) { ext = 1; }
      var x = function (v) { return left + (W - left - right) * (0.5 + 0.5 * v / ext); };
      var y = 10 + m * rowH + rowH / 2;
      var t = document.createElementNS(ns, "text"); t.setAttribute("x", 4); t.setAttribute("y", y + 4);
      t.textContent = r.metric_names; svg.appendChild(t);
      var axis = document.createElementNS(ns, "line");
      axis.setAttribute("x1", x(0)); axis.setAttribute("x2", x(0)); axis.setAttribute("y1", y - 10);
      axis.setAttribute("y2", y + 10); axis.setAttribute("stroke", "#999"); svg.appendChild(axis);
      if (isFinite(r.ci_low) && isFinite(r.ci_high)) {
        var ci = document.createElementNS(ns, "line");
        ci.setAttribute("x1", x(r.ci_low)); ci.setAttribute("x2", x(r.ci_high)); ci.setAttribute("y1", y);
        ci.setAttribute("y2", y); ci.setAttribute("stroke", "#1f6fd1"); ci.setAttribute("stroke-width", 4);
        ci.setAttribute("opacity", 0.35); svg.appendChild(ci);
      }
      vals.forEach(function (v) {
        var c = document.createElementNS(ns, "circle");
        c.setAttribute("cx", x(v)); c.setAttribute("cy", y); c.setAttribute("r", 3);
        c.setAttribute("fill", "#1f6fd1"); c.setAttribute("opacity", 0.6); svg.appendChild(c);
      });
      var lab = document.createElementNS(ns, "text"); lab.setAttribute("x", W - 4); lab.setAttribute("y", y + 4);
      lab.setAttribute("text-anchor", "end");
      lab.textContent = same ? "no pair differs" : "scale ±" + PS.fmt(ext); svg.appendChild(lab);
    });
    parent.appendChild(svg);
  }

  function sweepSection() {
    var S = D.sweep;
    var s = section("sweep", "The sweep: each run's summary metric against a parameter",
      S.status.length + " runs of " + S.param_names.length + " parameters; failed or missing runs are left out.");
    PS.table(s, ["parameter", "path", "least", "greatest"], S.param_names.map(function (n, j) {
      var col = S.design.map(function (r) { return r[j]; });
      return [{ "class": "left", text: n }, { "class": "left", text: S.param_paths[j] },
              PS.fmt(Math.min.apply(null, col)), PS.fmt(Math.max.apply(null, col))];
    }));
    var box = PS.el("div", {}, s);
    function draw() {
      PS.clearCharts(box);
      var c = PS.el("div", { "class": "controls" }, box);
      selectOf(c, "Metric:", S.metric_names, detail.metric, function (v) { detail.metric = v; draw(); });
      selectOf(c, "Parameter:", S.param_names, detail.param, function (v) { detail.param = v; draw(); });
      var pts = [];
      S.status.forEach(function (st, r) {
        var y = S.values[r][detail.metric];
        if (st === 0 && y !== null) { pts.push([S.design[r][detail.param], y]); }
      });
      pts.sort(function (a, b) { return a[0] - b[0]; });
      var el = PS.el("div", { "class": "chart" }, box);
      PS.el("h3", { text: S.metric_names[detail.metric] + " against " + S.param_names[detail.param] }, el);
      var u = new uPlot({ width: Math.max(360, box.clientWidth - 20), height: 300,
        scales: { x: { time: false } },
        series: [{ label: S.param_names[detail.param] }, { label: S.metric_names[detail.metric],
                 stroke: PS.color(0), paths: function () { return null; }, points: { show: true, size: 7, fill: PS.color(0) } }],
        axes: [{}, { size: 60 }] },
        [pts.map(function (p) { return p[0]; }), pts.map(function (p) { return p[1]; })], el);
      u.psSpec = { title: "sweep scatter", series: [1] };
      PS.charts.push(u);
    }
    draw();
  }

  function summaryOnly() {
    section("kept", "What this file keeps", "This compare file was written with --keep summary: " +
      "each replicate's metrics at the horizon (the table and the paired differences below) and no " +
      "series, so there is nothing to draw month by month. `protsim compare A.cfg B.cfg -o FILE.h5` " +
      "(--keep quantiles, the default) keeps the 5/50/95% bands of every series; --keep all keeps " +
      "every replicate's series and the rule behind each event.");
  }

  function footer() {
    var f = PS.el("footer", { id: "provenance" }, main);
    PS.el("h2", { text: "Scenario and provenance" }, f);
    PS.table(f, ["attribute", "value"], Object.keys(D.provenance).map(function (k) {
      return [k, { "class": "left", text: D.provenance[k] }]; }), "provtable");
    var texts = D.parts ? D.parts.map(function (p, i) { return [armLabel(p, i), p.scenario]; })
                        : [["base scenario", D.scenario], ["sweep file", D.sweep_text]];
    texts.forEach(function (t) {
      var d = PS.el("details", {}, f);
      PS.el("summary", { text: "Scenario text: " + t[0] + " (resolved, every setting)" }, d);
      PS.el("pre", { "class": "scenario", text: t[1] }, d);
    });
    PS.el("p", { text: "Charts drawn with uPlot (MIT licence), inline in this page." }, f);
  }

  header();
  if (D.kind === "sweep") { sweepSection(); }
  else if (D.keep === "summary") { summaryOnly(); comparisonSection(); }
  else {
    stateControls();
    regionSection();
    if (D.kind === "compare") { comparisonSection(); }
    statesSection();
    networkSection();
    eventsSection();
  }
  footer();
  document.body.setAttribute("data-ready", "1");
})();
