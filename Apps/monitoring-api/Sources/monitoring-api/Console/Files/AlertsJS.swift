// swift-format-ignore-file
// The console's alerts.js, served at /assets/alerts.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let alertsJS = ConsoleAssetFile(
        name: "alerts.js",
        text: ##"""
// Alerts: those active now and the history of the last 24 hours, each with the value that crossed and when.

import {get} from './api.js';
import {errorPanel, h, num, panel, replace, statusDot, time} from './dom.js';

function value(alert) {
  return `${num(alert.value, 3)} (threshold ${num(alert.threshold, 3)})`;
}

export function mount(root) {
  const active = h('div', {id: 'alerts-active'});
  const history = h('div', {id: 'alerts-history'});
  replace(root, panel('Active alerts', active), panel('Last 24 hours', history));
  return {
    async update() {
      let report;
      try {
        report = await get('/api/monitoring/alerts?since=24h');
      } catch (error) {
        replace(active, errorPanel('Alerts unavailable', error));
        replace(history);
        return;
      }
      replace(active, report.active.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['', 'Rule', 'Subject', 'Value', 'Since', 'State', 'Message']
          .map((label) => h('th', {}, label)))),
        h('tbody', {}, report.active.map((alert) => h('tr', {class: alert.severity},
          h('td', {}, statusDot(alert.severity === 'info' ? 'healthy' : alert.severity)), h('td', {}, alert.alert),
          h('td', {}, alert.subject), h('td', {class: 'num'}, value(alert)), h('td', {}, time(alert.since)),
          h('td', {}, alert.state), h('td', {class: 'muted'}, alert.message))))) :
        h('p', {class: 'muted'}, 'No alert is firing.'));
      replace(history, report.history.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['Time', 'Change', 'Rule', 'Subject', 'Severity', 'Value', 'Message']
          .map((label) => h('th', {}, label)))),
        h('tbody', {}, report.history.map((entry) => h('tr', {class: entry.kind},
          h('td', {}, time(entry.time)), h('td', {}, entry.kind), h('td', {}, entry.alert),
          h('td', {}, entry.subject), h('td', {}, entry.severity), h('td', {class: 'num'}, value(entry)),
          h('td', {class: 'muted'}, entry.message))))) :
        h('p', {class: 'muted'}, `No alert changed state since ${time(report.since)}.`));
    },
  };
}

"""##)
}
