/* classroom.js - the classroom page: pick a lesson, move its sliders, press Run, and see
 * the new run (B) beside the previous one (A). Runs go to the server (/api/run), which
 * checks every value with protsim's own --set and queues the run of the real engine. */
"use strict";
(function () {
  var D = JSON.parse(document.getElementById("data").textContent);
  var lesson = null, inputs = [], arms = { A: null, B: null }, busy = false;
  var els = {};

  function build() {
    var h = PS.el("header", { "class": "top" }, document.body);
    PS.el("h1", { text: "protsim classroom" }, h);
    var sub = PS.el("div", { "class": "sub" }, h);
    sub.appendChild(document.createTextNode("Lesson: "));
    els.pick = PS.el("select", { id: "lesson" }, sub);
    D.lessons.forEach(function (l, i) { PS.el("option", { value: String(i), text: l.title }, els.pick); });
    els.pick.addEventListener("change", function () { choose(+els.pick.value); });
    var main = PS.el("main", {}, document.body);
    var lay = PS.el("div", { "class": "layout" }, main);
    els.left = PS.el("div", {}, lay);
    els.right = PS.el("div", {}, lay);
  }

  function sliderRow(parent, s, i) {
    var box = PS.el("div", { "class": "slider" }, parent);
    PS.el("label", { "for": "v" + i, text: s.label }, box);
    var row = PS.el("div", { "class": "row" }, box);
    var text;
    if (s.values) {
      text = PS.el("select", { id: "v" + i, "data-path": s.path }, row);
      s.values.forEach(function (v) { var o = PS.el("option", { value: v, text: v }, text);
                                       if (v === s["default"]) { o.selected = true; } });
    } else {
      var range = PS.el("input", { type: "range", min: s.min, max: s.max, step: s.step,
                                   value: s["default"], "data-path": s.path, "class": "range" }, row);
      text = PS.el("input", { type: "text", id: "v" + i, value: String(s["default"]),
                              "data-path": s.path, "class": "value" }, row);
      range.addEventListener("input", function () { text.value = range.value; });
      text.addEventListener("input", function () {
        var v = parseFloat(text.value);
        if (!Number.isNaN(v) && v >= s.min && v <= s.max) { range.value = v; }
      });
    }
    PS.el("div", { "class": "path", text: s.path + "  (default " + s["default"] + ")" }, box);
    return text;
  }

  function choose(i) {
    lesson = D.lessons[i];
    arms = { A: null, B: null };
    els.left.innerHTML = "";
    var p = PS.el("div", { "class": "panel" }, els.left);
    PS.el("h2", { text: lesson.title }, p);
    PS.el("p", { text: lesson.question }, p);
    inputs = lesson.sliders.map(function (s, k) { return sliderRow(p, s, k); });
    var row = PS.el("div", { "class": "controls" }, p);
    var l = PS.el("label", { text: "Replicates " }, row);
    els.reps = PS.el("select", { id: "replicates" }, l);
    [1, 5].forEach(function (n) { PS.el("option", { value: String(n), text: String(n) }, els.reps); });
    els.run = PS.el("button", { "class": "run", id: "run", text: "Run" }, row);
    els.run.addEventListener("click", run);
    els.status = PS.el("div", { "class": "status", id: "status" }, p);
    var w = PS.el("details", { "class": "panel worksheet", open: "" }, els.left);
    PS.el("summary", { text: "Worksheet" }, w);
    PS.el("div", { html: lesson.worksheet }, w);
    drawArms();
  }

  function say(text, error) {
    els.status.textContent = text;
    els.status.className = "status" + (error ? " error" : "");
  }

  function run() {
    if (busy) { return; }
    var values = {};
    inputs.forEach(function (inp) { values[inp.getAttribute("data-path")] = inp.value; });
    var body = { lesson: lesson.id, values: values, replicates: +els.reps.value };
    busy = true; els.run.disabled = true; say("Checking the values...");
    fetch("/api/run", { method: "POST", headers: { "Content-Type": "application/json" },
                        body: JSON.stringify(body) })
      .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
      .then(function (res) {
        if (res[0] !== 202) { return done(res[1].error || "the server refused the run", true); }
        poll(res[1].id, body);
      })
      .catch(function () { done("the classroom server does not answer", true); });
  }

  function done(msg, error) { busy = false; els.run.disabled = false; say(msg, error); }

  function poll(id, body) {
    fetch("/api/run/" + id).then(function (r) { return r.json(); }).then(function (j) {
      if (j.state === "queued") { say("Waiting: " + j.position + " run(s) before this one..."); }
      else if (j.state === "running") { say("Running protsim..."); }
      if (j.state === "done") {
        arms.A = arms.B;
        arms.B = { id: id, result: j.result, values: j.values, replicates: j.replicates };
        drawArms();
        return done("Done in " + j.seconds + " s: B is this run" + (arms.A ? ", A the previous one." : "."), false);
      }
      if (j.state === "failed") { return done(j.message, true); }
      setTimeout(function () { poll(id, body); }, 250);
    }).catch(function () { done("the classroom server does not answer", true); });
  }

  function extent(ci) {          // y range of chart ci over both runs, so A and B compare
    var lo = Infinity, hi = -Infinity;
    ["A", "B"].forEach(function (a) {
      if (!arms[a]) { return; }
      arms[a].result.charts[ci].series.forEach(function (s) {
        [s.mid, s.lo, s.hi].forEach(function (arr) { (arr || []).forEach(function (v) {
          if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); } }); });
      });
    });
    if (!isFinite(lo)) { return undefined; }
    var pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
    return [lo - pad, hi + pad];
  }

  function settingsText(arm) {
    return lesson.sliders.map(function (s) {
      return s.label + " = " + arm.values[s.path];
    }).join("; ") + (arm.replicates > 1 ? "; " + arm.replicates + " replicates (bands: 5-95%)" : "");
  }

  function drawArms() {
    PS.clearCharts(els.right);
    var grid = PS.el("div", { "class": "arms" }, els.right);
    ["A", "B"].forEach(function (a) {
      var col = PS.el("div", { "class": "arm " + a.toLowerCase(), "data-arm": a }, grid);
      var arm = arms[a];
      PS.el("h3", { "class": "armtitle", text: a === "A" ? "A: the previous run" : "B: this run" }, col);
      if (!arm) {
        PS.el("p", { "class": "note", text: a === "A" ? "Run twice: the first run moves here when the second is done."
                                                      : "Move the sliders and press Run." }, col);
        return;
      }
      col.setAttribute("data-run", arm.id);
      PS.el("div", { "class": "settings", text: settingsText(arm) }, col);
      arm.result.charts.forEach(function (c, ci) {
        var u = PS.chart(col, { title: c.title, unit: c.unit, months: arm.result.months, height: 200,
                                yRange: extent(ci),
                                series: c.series.map(function (s) { return { label: s.label, data: s.mid, lo: s.lo, hi: s.hi }; }) });
        u.psSpec.arm = a;
      });
      PS.el("a", { href: "/runs/" + arm.id + "/report.html", target: "_blank",
                   text: "the full report of this run" }, col);
    });
    outcomes();
  }

  function outcomes() {
    if (!arms.B) { return; }
    var s = PS.el("section", {}, els.right);
    PS.el("h2", { text: "Outcomes" }, s);
    PS.table(s, ["outcome", "month", "A", "B", "B - A"], arms.B.result.outcomes.map(function (o, k) {
      var a = arms.A ? arms.A.result.outcomes[k].value : null;
      var d = a === null || o.value === null ? null : o.value - a;
      return [{ "class": "left", text: o.label }, o.month, PS.fmt(a), PS.fmt(o.value),
              d === null ? "-" : (d > 0 ? "+" : "") + PS.fmt(d)];
    }), "outcometable");
  }

  build();
  choose(0);
  document.body.setAttribute("data-ready", "1");
})();
