// swift-format-ignore-file
// The console's queue.js, served at /assets/queue.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let queueJS = ConsoleAssetFile(
        name: "queue.js",
        text: ##"""
// A queue: its counts, history charts with the alert thresholds, jobs by state with paging, schedulers,
// and the admin actions (admin tokens only).

import {get, seg} from './api.js';
import {action} from './admin.js';
import {lineChart} from './charts.js';
import {duration, errorPanel, facts, h, int, num, panel, percent, replace, statusDot, time} from './dom.js';

const states = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'paused', 'waiting-children'];
const pageSize = 25;

// Threshold keys whose lowercase name contains the figure's stem are drawn on its chart.
const charts = [
  {key: 'waiting', stem: 'waiting', title: 'Waiting jobs', format: int},
  {key: 'active', stem: 'active', title: 'Active jobs', format: int},
  {key: 'stalled', stem: 'stalled', title: 'Stalled jobs', format: int},
  {key: 'completedPerMinute', stem: 'completedperminute', title: 'Completed per minute', format: (v) => num(v)},
  {key: 'failedRate', stem: 'failedrate', title: 'Failed rate', format: (v) => percent(v, 0)},
  {key: 'oldestWaitingAgeMs', stem: 'oldestwaiting', title: 'Oldest waiting age', format: duration},
];

// A `<rule>Resolve` threshold equal to its rule's is not drawn twice.
function thresholdsFor(chart, thresholds) {
  const all = thresholds || {};
  return Object.entries(all)
    .filter(([name, value]) => typeof value === 'number' && name.toLowerCase().includes(chart.stem))
    .filter(([name, value]) => !(name.endsWith('Resolve') && all[name.slice(0, -7)] === value))
    .map(([name, value]) => ({label: name, value, severity: name.endsWith('Resolve') ? 'resolve' :
      name.toLowerCase().includes('critical') ? 'critical' : 'warning'}));
}

export function mount(root, route, context) {
  const name = route.queue;
  const base = '/api/queues/' + seg(name);
  const header = h('div', {class: 'queue-head'});
  const history = h('div', {class: 'charts', id: 'history'});
  const jobs = h('div', {id: 'jobs'});
  const schedulers = h('div', {id: 'schedulers'});
  const admin = h('div', {class: 'admin-bar', id: 'queue-admin'});
  replace(root,
    h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Overview'), ' / ', h('span', {}, name)),
    header, admin, panel('History', history), panel('Jobs', jobs), panel('Schedulers', schedulers));

  const cleanState = h('select', {'aria-label': 'State to clean'},
    ['completed', 'failed', 'delayed', 'waiting', 'paused', 'prioritized'].map((s) => h('option', {value: s}, s)));
  const grace = h('input', {type: 'number', min: 0, value: 3600000, 'aria-label': 'Grace (ms)', class: 'short'});
  const limit = h('input', {type: 'number', min: 0, value: 1000, 'aria-label': 'Limit', class: 'short'});

  function adminBar(queue) {
    if (!context.admin) return null;
    const paused = queue && queue.paused;
    return [
      paused ? action(context, 'Resume', `Resume queue "${name}"? Workers will take jobs again.`, base + '/resume') :
        action(context, 'Pause', `Pause queue "${name}"? Workers stop taking new jobs.`, base + '/pause'),
      action(context, 'Retry all failed', `Move every failed job of "${name}" back to waiting?`,
        base + '/retry-failed'),
      h('span', {class: 'clean'}, 'Clean ', cleanState, ' older than ', grace, ' ms, at most ', limit, ' ',
        action(context, 'Clean', `Remove jobs of "${name}" in the chosen state older than the grace period?`,
          base + '/clean', () => ({state: cleanState.value, graceMs: Number(grace.value), limit: Number(limit.value)}))),
    ];
  }

  let adminShownFor = null;
  return {
    async update(overview) {
      const queue = overview ? overview.queues.find((q) => q.name === name) : null;
      const c = (queue && queue.counts) || {};
      replace(header, h('h1', {}, statusDot(queue ? queue.status : 'unknown'), ' ', h('span', {id: 'queue-name'}, name),
        queue && queue.paused ? h('span', {class: 'badge paused'}, 'paused') : null),
      facts(states.filter((s) => s in c || s === 'waiting-children').map((s) =>
        [s, h('a', {href: `#/queue/${seg(name)}/${s}/0`}, int(c[s])), 'count-' + s])
        .concat([['workers', int(queue ? queue.workers : null), 'workers']])));
      const key = queue ? String(queue.paused) : 'none';
      if (adminShownFor !== key) {
        replace(admin, adminBar(queue));
        adminShownFor = key;
      }
      await Promise.all([drawHistory(), drawJobs(), drawSchedulers()]);
    },
  };

  async function drawHistory() {
    try {
      const answer = await get(`/api/monitoring/history/${seg(name)}?points=200`);
      replace(history, charts.map((chart) => h('figure', {},
        lineChart(chart.title, answer.samples.map((sample) => ({t: sample.timestamp, v: sample[chart.key]})),
          thresholdsFor(chart, answer.thresholds), chart.format),
        h('figcaption', {}, chart.title))));
    } catch (error) {
      replace(history, error.status === 404 && error.code === 'unknown_queue' ?
        errorPanel(`Queue "${name}" is not known (404)`, error) : errorPanel('History unavailable', error));
    }
  }

  async function drawJobs() {
    const start = route.page * pageSize;
    const tabs = h('nav', {class: 'tabs'}, states.map((s) => h('a', {href: `#/queue/${seg(name)}/${s}/0`,
      class: s === route.state ? 'active' : ''}, s)));
    try {
      const answer = await get(`${base}/jobs?state=${seg(route.state)}&start=${start}&count=${pageSize}`);
      const pager = h('div', {class: 'pager'},
        route.page > 0 ? h('a', {href: `#/queue/${seg(name)}/${seg(route.state)}/${route.page - 1}`}, '← newer') : null,
        h('span', {class: 'muted', dataset: {field: 'jobs-range'}},
          answer.total ? ` ${start + 1}–${start + answer.jobs.length} of ${int(answer.total)} ` : ' none '),
        start + answer.jobs.length < answer.total ?
          h('a', {href: `#/queue/${seg(name)}/${seg(route.state)}/${route.page + 1}`}, 'older →') : null);
      replace(jobs, tabs, h('table', {class: 'jobs'},
        h('thead', {}, h('tr', {}, ['Id', 'Name', 'Added', 'Processed', 'Finished', 'Attempts', 'Failed reason']
          .map((label) => h('th', {}, label)))),
        h('tbody', {}, answer.jobs.map((job) => h('tr', {dataset: {job: job.id}},
          h('td', {}, h('a', {href: `#/queue/${seg(name)}/job/${seg(job.id)}`, class: 'job-link'}, job.id)),
          h('td', {}, job.name), h('td', {}, time(job.timestamp)), h('td', {}, time(job.processedOn)),
          h('td', {}, time(job.finishedOn)), h('td', {class: 'num'}, int(job.attemptsMade)),
          h('td', {class: 'reason'}, job.failedReason || ''))))), pager);
    } catch (error) {
      replace(jobs, tabs, errorPanel('Jobs unavailable', error));
    }
  }

  async function drawSchedulers() {
    try {
      const answer = await get(`${base}/schedulers`);
      replace(schedulers, answer.schedulers.length ? h('table', {},
        h('thead', {}, h('tr', {}, ['Id', 'Repeats', 'Next', 'Iterations'].map((label) => h('th', {}, label)))),
        h('tbody', {}, answer.schedulers.map((scheduler) => h('tr', {},
          h('td', {}, scheduler.id), h('td', {}, scheduler.pattern || (scheduler.every ? 'every ' +
            duration(scheduler.every) : '—')), h('td', {}, time(scheduler.next)),
          h('td', {class: 'num'}, int(scheduler.iterations)))))) :
        h('p', {class: 'muted'}, 'No job scheduler on this queue.'));
    } catch (error) {
      replace(schedulers, errorPanel('Schedulers unavailable', error));
    }
  }
}

"""##)
}
