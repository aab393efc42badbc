// swift-format-ignore-file
// The console's charts.js, served at /assets/charts.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let chartsJS = ConsoleAssetFile(
        name: "charts.js",
        text: ##"""
// Small hand-written SVG charts: a sparkline per figure and a line chart with threshold lines.
// Gaps (null values) break the line; the y axis starts at 0.

import {s} from './dom.js';

function extent(values, extra = []) {
  let max = 0;
  for (const v of values.concat(extra)) if (v !== null && v !== undefined && isFinite(v) && v > max) max = v;
  return max > 0 ? max : 1;
}

// The polyline paths of `values` over a width × height box (x evenly spaced), split at nulls.
function paths(values, width, height, max, pad) {
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const parts = [];
  let current = '';
  values.forEach((v, i) => {
    if (v === null || v === undefined || !isFinite(v)) {
      if (current) parts.push(current);
      current = '';
      return;
    }
    const x = (pad + i * step).toFixed(1);
    const y = (height - pad - (v / max) * (height - 2 * pad)).toFixed(1);
    current += (current ? ' L' : 'M') + x + ' ' + y;
  });
  if (current) parts.push(current);
  return parts;
}

// The smallest of 1, 2, 2.5 or 5 times a power of ten at or above `x`: axis ends that halve into round labels.
function niceCeil(x) {
  const power = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= x * (1 - 1e-9)) return m * power;
  return 10 * power;
}

// A sparkline of `values` (oldest first); `label` names it for screen readers and the tooltip.
export function sparkline(values, label, format = (v) => String(v)) {
  const width = 96;
  const height = 24;
  const list = values || [];
  const max = extent(list);
  const last = [...list].reverse().find((v) => v !== null && v !== undefined);
  const svg = s('svg', {class: 'spark', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img'},
    s('title', {}, `${label}: ${last === undefined ? 'no data' : format(last)} (max ${format(max)})`));
  for (const d of paths(list, width, height, max, 2)) svg.appendChild(s('path', {d, class: 'line'}));
  if (list.length === 1 && last !== undefined) {
    svg.appendChild(s('circle', {cx: width / 2, cy: height / 2, r: 2, class: 'point'}));
  }
  return svg;
}

// A line chart: `points` [{t, v}] oldest first, `thresholds` [{label, value, severity}] drawn as dashed
// lines, `format` for the axis labels.
export function lineChart(title, points, thresholds = [], format = (v) => String(v)) {
  const width = 520;
  const height = 150;
  const left = 56;
  const bottom = 18;
  const values = points.map((p) => p.v);
  const max = niceCeil(extent(values, thresholds.map((t) => t.value)) * 1.05);
  const plotW = width - left - 8;
  const plotH = height - bottom - 8;
  const svg = s('svg', {class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img'},
    s('title', {}, title));
  const g = s('g', {transform: `translate(${left},8)`});
  svg.appendChild(g);
  g.appendChild(s('rect', {x: 0, y: 0, width: plotW, height: plotH, class: 'frame'}));
  for (const fraction of [0, 0.5, 1]) {
    const y = plotH - fraction * plotH;
    g.appendChild(s('line', {x1: 0, x2: plotW, y1: y, y2: y, class: 'grid'}));
    svg.appendChild(s('text', {x: left - 4, y: y + 12, class: 'axis', 'text-anchor': 'end'}, format(max * fraction)));
  }
  for (const d of paths(values, plotW, plotH, max, 0)) g.appendChild(s('path', {d, class: 'line'}));
  for (const threshold of thresholds) {
    if (threshold.value === null || threshold.value === undefined || !isFinite(threshold.value)) continue;
    const y = plotH - (threshold.value / max) * plotH;
    g.appendChild(s('line', {x1: 0, x2: plotW, y1: y, y2: y, class: 'threshold ' + (threshold.severity || '')}));
    g.appendChild(s('text', {x: plotW - 2, y: y - 3, class: 'threshold-label', 'text-anchor': 'end'},
      `${threshold.label} ${format(threshold.value)}`));
  }
  if (points.length) {
    const clock = (t) => new Date(t).toLocaleTimeString('en-GB');
    svg.appendChild(s('text', {x: left, y: height - 3, class: 'axis'}, clock(points[0].t)));
    svg.appendChild(s('text', {x: width - 8, y: height - 3, class: 'axis', 'text-anchor': 'end'},
      clock(points[points.length - 1].t)));
  } else {
    svg.appendChild(s('text', {x: left + plotW / 2, y: plotH / 2, class: 'axis', 'text-anchor': 'middle'},
      'no samples yet'));
  }
  return svg;
}

"""##)
}
