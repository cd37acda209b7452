/* charts.js - time-series charts on uPlot for the report and the classroom pages.
 * PS.chart(parent, spec) draws one chart: spec = {title, unit, months, series: [{label,
 * data, color, dash, lo, hi, points}], height}. Every chart of a page shares the cursor
 * (hover shows every chart's values of that month) and the zoom: drag across a chart to
 * zoom into a period, double-click to zoom out. PS.charts lists the charts drawn. */
"use strict";
var PS = window.PS || {};
window.PS = PS;
PS.charts = [];
PS.palette = ["#1f6fd1", "#d1495b", "#2a9d8f", "#e9a23b", "#7b4fbd", "#6c8a1f", "#c1666b",
              "#3d5a80", "#b5651d", "#00798c", "#8d6a9f", "#5f0f40"];
PS.color = function (i) { return PS.palette[i % PS.palette.length]; };
PS.el = function (tag, attrs, parent) {
  var e = document.createElement(tag);
  Object.keys(attrs || {}).forEach(function (k) {
    if (k === "text") { e.textContent = attrs[k]; } else if (k === "html") { e.innerHTML = attrs[k]; }
    else { e.setAttribute(k, attrs[k]); }
  });
  if (parent) { parent.appendChild(e); }
  return e;
};
PS.fmt = function (v) {
  if (v === null || v === undefined || Number.isNaN(v)) { return "-"; }
  var a = Math.abs(v);
  if (a >= 1e4) { return Math.round(v).toLocaleString("en"); }
  if (a >= 100) { return v.toFixed(0); }
  if (a >= 1) { return v.toFixed(2); }
  if (a === 0) { return "0"; }
  return v.toPrecision(3);
};
PS.tick = function (v) {              // axis labels: no trailing zeros
  if (v === null || v === undefined) { return ""; }
  if (Math.abs(v) >= 1e4) { return Math.round(v).toLocaleString("en"); }
  return String(+v.toPrecision(4));
};
PS.monthX = function (months) {          // "2008-01" -> 2008.0
  return months.map(function (m) { return +m.slice(0, 4) + (+m.slice(5, 7) - 1) / 12; });
};
PS.hexA = function (hex, alpha) {
  var n = parseInt(hex.slice(1), 16);
  return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + alpha + ")";
};

var syncing = false;
function syncZoom(u, key) {
  if (key !== "x" || syncing) { return; }
  syncing = true;
  var min = u.scales.x.min, max = u.scales.x.max;
  PS.charts.forEach(function (c) {
    if (c !== u && c.root.isConnected && c.scales.x.min !== undefined) {
      c.setScale("x", { min: min, max: max });
    }
  });
  syncing = false;
}

PS.chart = function (parent, spec) {
  var box = PS.el("div", { "class": "chart" }, parent);
  var h = PS.el("h3", { text: spec.title }, box);
  if (spec.unit) { PS.el("span", { "class": "unit", text: " (" + spec.unit + ")" }, h); }
  var xs = PS.monthX(spec.months);
  var data = [xs];
  var series = [{ label: "month", value: function (u, v, si, i) {
    return i === null || i === undefined ? "-" : spec.months[i]; } }];
  var bands = [], hidden = [];
  spec.series.forEach(function (s, k) {
    var color = s.color || PS.color(k);
    data.push(s.data);
    var one = { label: s.label, stroke: color, width: s.width || 1.6, spanGaps: false,
                value: function (u, v) { return PS.fmt(v); } };
    if (s.dash) { one.dash = s.dash; }
    if (s.points) { one.paths = function () { return null; };
                    one.points = { show: true, size: 6, fill: color }; }
    series.push(one);
    if (s.lo && s.hi) {
      data.push(s.hi, s.lo);
      series.push({ label: s.label + " 95%", stroke: "transparent", width: 0, points: { show: false } },
                  { label: s.label + " 5%", stroke: "transparent", width: 0, points: { show: false } });
      var hi = series.length - 2, lo = series.length - 1;
      bands.push({ series: [hi, lo], fill: PS.hexA(color.charAt(0) === "#" ? color : "#888888", 0.16) });
      hidden.push(hi, lo);
    }
  });
  var width = Math.max(320, (box.clientWidth || parent.clientWidth || 600) - 14);
  var opts = {
    width: width, height: spec.height || 230,
    scales: { x: { time: false }, y: spec.yRange ? { range: spec.yRange } : {} },
    series: series, bands: bands,
    axes: [{ values: function (u, splits) { return splits.map(function (v) {
               return Math.abs(v - Math.round(v)) < 1e-6 ? String(Math.round(v)) : ""; }); },
             space: 50 },
           { size: 56, values: function (u, splits) { return splits.map(PS.tick); } }],
    cursor: { sync: { key: "ps" }, drag: { x: true, y: false } },
    legend: { live: true },
    hooks: { setScale: [syncZoom] }
  };
  var u = new uPlot(opts, data, box);
  var rows = u.root.querySelectorAll(".u-legend .u-series");
  hidden.forEach(function (i) { if (rows[i]) { rows[i].style.display = "none"; } });
  u.psSpec = spec;
  PS.charts.push(u);
  return u;
};

PS.clearCharts = function (parent) {
  PS.charts = PS.charts.filter(function (c) {
    if (parent.contains(c.root)) { c.destroy(); return false; }
    return true;
  });
  parent.innerHTML = "";
};

window.addEventListener("resize", function () {
  PS.charts.forEach(function (c) {
    var box = c.root.parentNode;
    if (box && box.clientWidth) { c.setSize({ width: box.clientWidth - 14, height: c.height }); }
  });
});

/* column k of a [T, S] (or [T, S, n]) nested list */
PS.col = function (rows, k, j) {
  return rows.map(function (r) { var v = r[k]; return j === undefined ? v : (v === null ? null : v[j]); });
};
PS.table = function (parent, head, rows, cls) {
  var t = PS.el("table", { "class": "tab " + (cls || "") }, parent);
  var tr = PS.el("tr", {}, PS.el("thead", {}, t));
  head.forEach(function (h) { PS.el("th", { text: h }, tr); });
  var tb = PS.el("tbody", {}, t);
  rows.forEach(function (r) {
    var row = PS.el("tr", {}, tb);
    r.forEach(function (c) {
      if (c && typeof c === "object") { PS.el("td", c, row); } else { PS.el("td", { text: c }, row); }
    });
  });
  return t;
};
