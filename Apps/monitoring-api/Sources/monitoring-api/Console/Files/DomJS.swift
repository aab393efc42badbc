// swift-format-ignore-file
// The console's dom.js, served at /assets/dom.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let domJS = ConsoleAssetFile(
        name: "dom.js",
        text: ##"""
// DOM building and number formatting. Every string reaches the page as a text node or a property
// (textContent, value, dataset), never as markup: queue names, job data and errors render inert.

const SVG = 'http://www.w3.org/2000/svg';

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else if (child instanceof Node) node.appendChild(child);
    else node.appendChild(document.createTextNode(String(child)));
  }
  return node;
}

// h('a', {href: '#/', class: 'x', dataset: {queue: name}, on: {click: fn}}, 'text', child…)
export function h(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'on') for (const [event, fn] of Object.entries(value)) node.addEventListener(event, fn);
    else if (key in node && key !== 'list') node[key] = value;
    else node.setAttribute(key, String(value));
  }
  return append(node, children);
}

// An SVG element; attributes are set with setAttribute (numbers and fixed names only).
export function s(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, String(value));
  }
  return append(node, children);
}

export function replace(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

const missing = '—';

export function int(n) {
  return n === null || n === undefined ? missing : Math.round(n).toLocaleString('en-US');
}

export function num(x, digits = 1) {
  return x === null || x === undefined || !isFinite(x) ? missing : Number(x).toFixed(digits);
}

// A ratio 0–1 as a percentage.
export function percent(ratio, digits = 1) {
  return ratio === null || ratio === undefined ? missing : (ratio * 100).toFixed(digits) + ' %';
}

export function duration(ms) {
  if (ms === null || ms === undefined) return missing;
  if (ms < 1000) return Math.round(ms) + ' ms';
  if (ms < 60000) return (ms / 1000).toFixed(1) + ' s';
  if (ms < 3600000) return (ms / 60000).toFixed(1) + ' min';
  if (ms < 86400000) return (ms / 3600000).toFixed(1) + ' h';
  return (ms / 86400000).toFixed(1) + ' d';
}

export function bytes(n) {
  if (n === null || n === undefined) return missing;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return (unit === 0 ? value : value.toFixed(1)) + ' ' + units[unit];
}

// An instant (ms since 1970 or an ISO 8601 string) in local time, to the second.
export function time(value) {
  if (value === null || value === undefined || value === '') return missing;
  const date = new Date(typeof value === 'number' ? value : Date.parse(value));
  if (isNaN(date.getTime())) return missing;
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

// Any JSON value, pretty-printed, for a <pre> (as text).
export function json(value) {
  if (value === undefined) return missing;
  try {
    return JSON.stringify(value, null, 2);
  } catch (error) {
    return String(value);
  }
}

export function statusDot(status) {
  return h('span', {class: 'dot ' + (status || 'unknown'), title: status || 'unknown'});
}

// A titled block of the page.
export function panel(title, ...children) {
  return h('section', {class: 'panel'}, title ? h('h2', {}, title) : null, ...children);
}

// Label/value rows; each value cell carries data-field for the browser tests.
export function facts(rows) {
  return h('dl', {class: 'facts'}, rows.map(([label, value, field]) => [
    h('dt', {}, label), h('dd', {dataset: field ? {field} : {}}, value),
  ]));
}

export function errorPanel(title, error) {
  return h('section', {class: 'panel error-panel', dataset: {error: (error && error.code) || 'error'}},
    h('h2', {}, title), h('p', {}, error ? error.message : ''));
}

"""##)
}
