// swift-format-ignore-file
// The console's overview.js, served at /assets/overview.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let overviewJS = ConsoleAssetFile(
        name: "overview.js",
        text: ##"""
// The overview: every queue (counts, status, workers, sparklines), Redis, both model caches, the active
// alerts and the posts, from one request (/api/console/overview), sortable and filterable.

import {seg} from './api.js';
import {bytes, duration, facts, h, int, num, panel, percent, replace, statusDot, time} from './dom.js';
import {sparkline} from './charts.js';

const severity = {critical: 0, warning: 1, unknown: 2, healthy: 3};
const sorts = {
  name: (a, b) => a.name.localeCompare(b.name),
  status: (a, b) => (severity[a.status] ?? 9) - (severity[b.status] ?? 9) || a.name.localeCompare(b.name),
  waiting: (a, b) => count(b, 'waiting') - count(a, 'waiting'),
  failed: (a, b) => count(b, 'failed') - count(a, 'failed'),
  failedRate: (a, b) => (b.failedRate ?? -1) - (a.failedRate ?? -1),
  oldest: (a, b) => (b.oldestWaitingAgeMs ?? -1) - (a.oldestWaitingAgeMs ?? -1),
};

function count(queue, state) {
  return queue.counts ? queue.counts[state] ?? 0 : -1;
}

export function mount(root, route, context) {
  const filter = h('input', {type: 'search', id: 'queue-filter', placeholder: 'Filter queues', 'aria-label': 'Filter'});
  const sort = h('select', {id: 'queue-sort', 'aria-label': 'Sort'},
    [['status', 'Sort: status'], ['name', 'Sort: name'], ['waiting', 'Sort: waiting'], ['failed', 'Sort: failed'],
      ['failedRate', 'Sort: failed rate'], ['oldest', 'Sort: oldest waiting']]
      .map(([value, label]) => h('option', {value}, label)));
  const summary = h('div', {class: 'cards', id: 'summary'});
  const body = h('tbody', {id: 'queue-rows'});
  const shown = h('span', {class: 'muted', id: 'queue-count'});
  let last = null;
  const redraw = () => last && rows(body, shown, last, filter.value, sort.value);
  filter.addEventListener('input', redraw);
  sort.addEventListener('change', redraw);
  replace(root,
    summary,
    panel(null,
      h('div', {class: 'toolbar'}, h('h2', {}, 'Queues'), shown, h('span', {class: 'spacer'}), filter, sort),
      h('table', {class: 'queues'},
        h('thead', {}, h('tr', {},
          ['Queue', 'Waiting', 'Active', 'Delayed', 'Failed', 'Completed', 'Workers', 'Waiting', 'Active',
            'Done / min', 'Failed rate', 'Oldest wait'].map((label, i) => h('th', {class: i >= 7 ? 'spark-h' : ''},
            label)))),
        body)));
  return {
    async update(overview) {
      if (!overview) return;
      last = overview;
      replace(summary, redisCard(overview), cachesCard(overview.caches), postsCard(overview), alertsCard(overview));
      redraw();
    },
  };
}

function rows(body, shown, overview, text, order) {
  const needle = text.trim().toLowerCase();
  const queues = overview.queues.filter((q) => !needle || q.name.toLowerCase().includes(needle));
  queues.sort(sorts[order] || sorts.status);
  shown.textContent = `${queues.length} of ${overview.queues.length}`;
  replace(body, queues.map((q) => {
    const c = q.counts || {};
    const cell = (field, value) => h('td', {class: 'num', dataset: {field}}, int(value));
    const spark = (values, label, format) => h('td', {class: 'spark-c'}, sparkline(values, label, format));
    return h('tr', {dataset: {queue: q.name, status: q.status}},
      h('td', {class: 'name'}, statusDot(q.status),
        h('a', {href: '#/queue/' + seg(q.name), class: 'queue-link'}, q.name),
        q.paused ? h('span', {class: 'badge paused'}, 'paused') : null),
      cell('waiting', c.waiting), cell('active', c.active), cell('delayed', c.delayed), cell('failed', c.failed),
      cell('completed', c.completed), cell('workers', q.workers),
      spark(q.sparklines.waiting, 'waiting', int), spark(q.sparklines.active, 'active', int),
      spark(q.sparklines.completedPerMinute, 'completed per minute', (v) => num(v)),
      spark(q.sparklines.failedRate, 'failed rate', (v) => percent(v)),
      spark(q.sparklines.oldestWaitingAgeMs, 'oldest waiting age', duration));
  }));
  if (!queues.length) {
    body.appendChild(h('tr', {}, h('td', {colSpan: 12, class: 'muted'},
      overview.queues.length ? 'No queue matches the filter.' : 'No queue found yet.')));
  }
}

function redisCard(overview) {
  const redis = overview.redis;
  const policy = redis.maxmemoryPolicy;
  return panel('Redis',
    h('p', {}, statusDot(redis.ok ? 'healthy' : 'critical'), redis.ok ? ' reachable' : ' unreachable'),
    facts([
      ['Latency', redis.latencyMs === null ? '—' : num(redis.latencyMs, 2) + ' ms', 'redis-latency'],
      ['Memory', bytes(redis.usedMemoryBytes) + (redis.maxMemoryBytes ? ' of ' + bytes(redis.maxMemoryBytes) : ''),
        'redis-memory'],
      ['Eviction policy', h('span', {class: policy && policy !== 'noeviction' ? 'warn' : ''}, policy || '—'),
        'redis-policy'],
      ['Clients', int(redis.connectedClients), 'redis-clients'],
      ['Last collection', time(redis.lastSuccessAt), 'redis-last'],
    ]));
}

function cachesCard(caches) {
  const line = (name, cache) => [
    [name + ' models', `${int(cache.currentSize)} / ${int(cache.maxSize)}`, name + '-size'],
    [name + ' hit rate', num(cache.hitRatePercent) + ' %', name + '-hit-rate'],
  ];
  return panel('AI model caches',
    facts([...line('social', caches.social), ...line('advertising', caches.advertising),
      ['Memory (resident)', num(caches.memory.residentMB) + ' MB', 'models-memory']]),
    h('a', {href: '#/models'}, 'Model details →'));
}

function postsCard(overview) {
  const posts = overview.posts;
  if (!posts) {
    return panel('Posts', h('p', {class: 'muted', dataset: {field: 'posts-none'}},
      overview.postsError || 'No database on this server (--no-workers).'));
  }
  return panel('Posts', facts([
    ['Scheduled', int(posts.scheduled), 'posts-scheduled'],
    ['Published', int(posts.published), 'posts-published'],
    ['Failed', int(posts.failed), 'posts-failed'],
  ]));
}

function alertsCard(overview) {
  const active = overview.alerts.active;
  return panel('Active alerts',
    active.length ? h('ul', {class: 'alerts', id: 'active-alerts'}, active.map((alert) =>
      h('li', {class: alert.severity}, statusDot(alert.severity === 'info' ? 'healthy' : alert.severity),
        h('strong', {}, alert.alert), ' on ', h('span', {class: 'subject'}, alert.subject), ': ',
        h('span', {class: 'muted'}, alert.message)))) :
      h('p', {class: 'muted', id: 'active-alerts'}, 'None firing.'),
    h('a', {href: '#/alerts'}, 'Alert history →'));
}

"""##)
}
