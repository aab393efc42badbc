// swift-format-ignore-file
// The console's job.js, served at /assets/job.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let jobJS = ConsoleAssetFile(
        name: "job.js",
        text: ##"""
// One job, whole: data, options, attempts, timings, failed reason and stack, logs; admin actions.

import {get, seg} from './api.js';
import {action} from './admin.js';
import {duration, errorPanel, facts, h, int, json, panel, replace, time} from './dom.js';

export function mount(root, route, context) {
  const path = `/api/queues/${seg(route.queue)}/jobs/${seg(route.job)}`;
  const body = h('div', {id: 'job'});
  replace(root, h('p', {class: 'crumbs'}, h('a', {href: '#/'}, 'Overview'), ' / ',
    h('a', {href: '#/queue/' + seg(route.queue)}, route.queue), ' / ', h('span', {}, 'job ' + route.job)), body);
  let shown = null;
  return {
    async update() {
      let job;
      try {
        job = await get(path);
      } catch (error) {
        replace(body, errorPanel(error.status === 404 ? `Not found (404): ${error.message}` : 'Job unavailable',
          error));
        shown = null;
        return;
      }
      const text = JSON.stringify(job);
      if (text === shown) return;
      shown = text;
      const waited = job.processedOn && job.timestamp ? job.processedOn - job.timestamp - (job.delay || 0) : null;
      const ran = job.finishedOn && job.processedOn ? job.finishedOn - job.processedOn : null;
      const logs = (job.logs && job.logs.lines) || [];
      replace(body,
        h('h1', {}, 'Job ', h('span', {id: 'job-id'}, job.id), ' ', h('span', {class: 'badge state-' + job.state,
          id: 'job-state'}, job.state)),
        context.admin ? h('div', {class: 'admin-bar'},
          job.state === 'failed' ? action(context, 'Retry job', `Retry job ${job.id} of "${route.queue}"?`,
            path + '/retry') : null,
          job.state === 'delayed' ? action(context, 'Promote job', `Run delayed job ${job.id} now?`,
            path + '/promote') : null,
          action(context, 'Remove job', `Remove job ${job.id} of "${route.queue}" for good?`, path + '/remove',
            undefined, () => {
              location.hash = '#/queue/' + seg(route.queue);
            })) : null,
        panel('Summary', facts([
          ['Name', job.name, 'job-name'], ['State', job.state, 'job-state'],
          ['Attempts', `${int(job.attemptsMade)} made, ${int(job.attemptsStarted)} started`, 'job-attempts'],
          ['Stalled', int(job.stalledCounter), 'job-stalled'], ['Priority', int(job.priority), 'job-priority'],
          ['Added', time(job.timestamp), 'job-added'], ['Delay', duration(job.delay), 'job-delay'],
          ['Processed', time(job.processedOn), 'job-processed'], ['Finished', time(job.finishedOn), 'job-finished'],
          ['Waited', duration(waited), 'job-waited'], ['Ran', duration(ran), 'job-ran'],
          ['Parent', job.parent ? json(job.parent) : '—', 'job-parent'],
        ])),
        job.failedReason ? panel('Failed reason', h('pre', {id: 'job-failed-reason', class: 'error'},
          job.failedReason)) : null,
        job.stacktrace && job.stacktrace.length ? panel('Stack', h('pre', {id: 'job-stack'},
          job.stacktrace.join('\n\n'))) : null,
        panel('Data', h('pre', {id: 'job-data'}, json(job.data))),
        panel('Options', h('pre', {id: 'job-opts'}, json(job.opts))),
        panel('Return value', h('pre', {}, json(job.returnvalue))),
        panel('Progress', h('pre', {}, json(job.progress))),
        panel(`Logs (${int(job.logs ? job.logs.count : 0)})`, logs.length ?
          h('pre', {id: 'job-logs'}, logs.join('\n')) : h('p', {class: 'muted'}, 'No log lines.')));
    },
  };
}

"""##)
}
