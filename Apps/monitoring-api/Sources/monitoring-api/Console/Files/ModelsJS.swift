// swift-format-ignore-file
// The console's models.js, served at /assets/models.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let modelsJS = ConsoleAssetFile(
        name: "models.js",
        text: ##"""
// The AI model caches: utilisation, hit rate, loads and load time, evictions, memory trend, per instance.

import {get} from './api.js';
import {lineChart} from './charts.js';
import {bytes, errorPanel, facts, h, int, num, panel, percent, replace, time} from './dom.js';

function cacheFacts(name, cache) {
  return panel(name === 'social' ? 'Social cache' : 'Advertising cache', facts([
    ['Models', `${int(cache.currentSize)} / ${int(cache.maxSize)}`, name + '-size'],
    ['Utilisation', num(cache.utilizationPercent) + ' %', name + '-utilization'],
    ['Hit rate', `${num(cache.hitRatePercent)} % (${int(cache.hits)} hits, ${int(cache.misses)} misses)`,
      name + '-hit-rate'],
    ['Loads', `${int(cache.totalLoads)} (${int(cache.loadsFailed)} failed, ${int(cache.loadsInFlight)} in flight)`,
      name + '-loads'],
    ['Load time', `${num(cache.averageLoadTimeMs)} ms average, ${num(cache.p95LoadTimeMs)} ms p95`, name + '-load-time'],
    ['Evictions', `${int(cache.totalEvictions)} (LRU ${int(cache.evictions.lru)}, idle ${int(cache.evictions.timeout)},` +
      ` manual ${int(cache.evictions.manual)})`, name + '-evictions'],
    ['Model memory', num(cache.estimatedModelMB, 2) + ' MB', name + '-memory'],
  ]));
}

function trend(samples, key, title, format) {
  return h('figure', {}, lineChart(title, (samples || []).map((s) => ({t: s.timestamp, v: s[key]})), [], format),
    h('figcaption', {}, title));
}

export function mount(root) {
  const top = h('div', {class: 'cards', id: 'models-summary'});
  const charts = h('div', {class: 'charts', id: 'models-history'});
  const instances = h('div', {id: 'models-instances'});
  const evictions = h('div', {id: 'models-evictions'});
  replace(root, top, panel('Trends', charts), panel('Per instance', instances), panel('Recent evictions', evictions));
  return {
    async update() {
      let report;
      try {
        report = await get('/api/monitoring/ai-models');
      } catch (error) {
        replace(top, errorPanel('Model telemetry unavailable', error));
        return;
      }
      replace(top, cacheFacts('social', report.social), cacheFacts('advertising', report.advertising),
        panel('Process memory', facts([
          ['Heap in use', num(report.memory.heapUsedMB) + ' MB', 'heap'],
          ['Resident', num(report.memory.residentMB) + ' MB', 'resident'],
          ['Models (estimate)', num(report.memory.estimatedModelMB, 2) + ' MB', 'models'],
          ['Instances', int(report.instances), 'instances'],
        ])));
      replace(instances, report.instanceDetail && report.instanceDetail.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['Instance', 'Social', 'Advertising', 'Resident'].map((l) => h('th', {}, l)))),
        h('tbody', {}, report.instanceDetail.map((line) => h('tr', {},
          h('td', {}, line.instance),
          h('td', {}, `${int(line.social.currentSize)} / ${int(line.social.maxSize)}`),
          h('td', {}, `${int(line.advertising.currentSize)} / ${int(line.advertising.maxSize)}`),
          h('td', {class: 'num'}, num(line.memory.residentMB) + ' MB'))))) :
        h('p', {class: 'muted'}, 'Figures are this server process\'s own (no worker publishes telemetry).'));
      const recent = report.recentEvictions || [];
      replace(evictions, recent.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['Time', 'User', 'Model', 'Reason', 'Idle'].map((l) => h('th', {}, l)))),
        h('tbody', {}, recent.slice().reverse().map((e) => h('tr', {},
          h('td', {}, time(e.timestamp)), h('td', {}, e.userId), h('td', {}, e.modelType), h('td', {}, e.reason),
          h('td', {class: 'num'}, num(e.idleTimeMs / 1000) + ' s'))))) :
        h('p', {class: 'muted'}, 'No eviction yet.'));
      try {
        const history = await get('/api/monitoring/ai-models/history?points=100');
        const caches = history.caches || {};
        replace(charts,
          trend(caches.social, 'utilization', 'Social utilisation', (v) => percent(v, 0)),
          trend(caches.social, 'hitRate', 'Social hit rate', (v) => percent(v, 0)),
          trend(caches.advertising, 'utilization', 'Advertising utilisation', (v) => percent(v, 0)),
          trend(caches.advertising, 'hitRate', 'Advertising hit rate', (v) => percent(v, 0)),
          trend(caches.social, 'averageLoadMs', 'Social load time', (v) => num(v) + ' ms'),
          trend(caches.advertising, 'averageLoadMs', 'Advertising load time', (v) => num(v) + ' ms'),
          trend(caches.social, 'memoryBytes', 'Social model memory', bytes),
          trend(caches.advertising, 'memoryBytes', 'Advertising model memory', bytes));
      } catch (error) {
        replace(charts, errorPanel('Cache history unavailable', error));
      }
    },
  };
}

"""##)
}
