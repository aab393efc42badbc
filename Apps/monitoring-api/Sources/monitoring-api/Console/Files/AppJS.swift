// swift-format-ignore-file
// The console's app.js, served at /assets/app.js: JavaScript in a Swift raw string (ADR 11), edited here.

extension ConsoleAssetFiles {
    static let appJS = ConsoleAssetFile(
        name: "app.js",
        text: ##"""
// The console: hash routing, the token, polling at the collection interval, the outage banner.

import {ApiError, forgetToken, get, setToken, token} from './api.js';
import {duration, h, replace, time} from './dom.js';
import * as overviewPage from './overview.js';
import * as queuePage from './queue.js';
import * as jobPage from './job.js';
import * as alertsPage from './alerts.js';
import * as modelsPage from './models.js';

const pages = {overview: overviewPage, queue: queuePage, job: jobPage, alerts: alertsPage, models: modelsPage};
const root = document.getElementById('page');
const banner = document.getElementById('banner');
let role = null;
let current = null;
let generation = 0;
let timer = null;
let intervalMs = 30000;
let renders = 0;

// '#/queue/<name>[/<state>/<page>]', '#/queue/<name>/job/<id>', '#/alerts', '#/models', else the overview.
function parseRoute() {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map((part) => {
    try {
      return decodeURIComponent(part);
    } catch (error) {
      return part;
    }
  });
  if (parts[0] === 'queue' && parts.length >= 2 && parts[1] !== '') {
    if (parts[2] === 'job' && parts.length >= 4) return {name: 'job', queue: parts[1], job: parts.slice(3).join('/')};
    return {name: 'queue', queue: parts[1], state: parts[2] || 'failed', page: Number(parts[3]) || 0};
  }
  if (parts[0] === 'alerts') return {name: 'alerts'};
  if (parts[0] === 'models') return {name: 'models'};
  return {name: 'overview'};
}

const context = {
  get role() {
    return role;
  },
  // Admin controls exist only for an admin token, or an open server (no token configured).
  get admin() {
    return role === 'admin' || role === 'open';
  },
  confirm,
  toast,
  refresh: () => tick(generation),
};

function confirm(title, message) {
  const dialog = document.getElementById('confirm-dialog');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-message').textContent = message;
  return new Promise((resolve) => {
    const form = document.getElementById('confirm-form');
    const cancel = document.getElementById('confirm-cancel');
    const done = (answer) => {
      form.removeEventListener('submit', onSubmit);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('cancel', onCancel);
      dialog.close();
      resolve(answer);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      done(true);
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(false);
    };
    form.addEventListener('submit', onSubmit);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('cancel', onCancel);
    dialog.showModal();
  });
}

function toast(message, isError = false) {
  const node = document.getElementById('toast');
  node.textContent = message;
  node.className = isError ? 'error' : '';
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => {
    node.hidden = true;
  }, 6000);
}

function askToken(message) {
  // Nothing is shown without a token: the page is not rendered while it waits for one.
  clearTimeout(timer);
  delete document.body.dataset.rendered;
  const dialog = document.getElementById('token-dialog');
  const error = document.getElementById('token-error');
  error.textContent = message || '';
  error.hidden = !message;
  if (!dialog.open) dialog.showModal();
  document.getElementById('token-input').focus();
}

document.getElementById('token-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const input = document.getElementById('token-input');
  if (!input.value) return;
  setToken(input.value.trim());
  input.value = '';
  document.getElementById('token-dialog').close();
  start();
});

document.getElementById('token-dialog').addEventListener('cancel', (event) => event.preventDefault());

document.getElementById('forget-token').addEventListener('click', () => {
  forgetToken();
  role = null;
  start();
});

function showRole() {
  const badge = document.getElementById('role');
  badge.textContent = role === 'open' ? 'open (no token)' : role || '';
  badge.className = 'badge role-' + (role || 'none');
  document.body.dataset.role = role || '';
  document.getElementById('forget-token').hidden = !token();
}

// The banner says what is wrong now; the page greys the figures it cannot vouch for.
function showOutage(overview, failure) {
  let message = null;
  if (failure) {
    message = `The console cannot reach the server: ${failure.message}. Figures below are stale; retrying every ` +
      `${duration(intervalMs)}.`;
  } else if (overview && !overview.redis.ok) {
    const since = overview.redis.lastSuccessAt ? ` Figures are from ${time(overview.redis.lastSuccessAt)} and stale.` : '';
    const waiting = overview.redis.lastSuccessAt === null && overview.redis.error === 'waiting for the first collection';
    message = waiting ? 'Waiting for the first collection…' :
      `Redis is unreachable: ${overview.redis.error}.${since} Retrying every ${duration(intervalMs)}.`;
  }
  banner.hidden = !message;
  banner.textContent = message || '';
  banner.className = failure || (overview && overview.redis.error !== 'waiting for the first collection') ?
    'outage' : 'info';
  document.body.classList.toggle('stale', Boolean(message));
}

async function tick(mine) {
  clearTimeout(timer);
  let overview = null;
  let failure = null;
  try {
    overview = await get('/api/console/overview?points=60');
    intervalMs = Math.min(Math.max(overview.intervalMs || 30000, 500), 60000);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      askToken(token() ? 'That token was refused (401).' : null);
      return;
    }
    failure = error;
  }
  if (mine !== generation) return;
  showOutage(overview, failure);
  document.getElementById('updated').textContent = overview ? 'updated ' + time(overview.generatedAt) : '';
  try {
    await current.update(overview);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      askToken('That token was refused (401).');
      return;
    }
    console.warn('page update failed', error);
  }
  if (mine !== generation) return;
  renders += 1;
  document.body.dataset.rendered = String(renders);
  // After the frame that shows the first render is painted (a timeout queued from the frame's callback).
  if (renders === 1) requestAnimationFrame(() => setTimeout(() => performance.mark('console-first-render')));
  timer = setTimeout(() => tick(mine), intervalMs);
}

function mount() {
  generation += 1;
  clearTimeout(timer);
  const route = parseRoute();
  document.body.dataset.page = route.name;
  delete document.body.dataset.rendered;
  for (const link of document.querySelectorAll('[data-nav]')) {
    link.classList.toggle('active', link.dataset.nav === route.name ||
      (link.dataset.nav === 'overview' && (route.name === 'queue' || route.name === 'job')));
  }
  replace(root, h('p', {class: 'muted'}, 'Loading…'));
  current = pages[route.name].mount(root, route, context);
  tick(generation);
}

async function start() {
  try {
    const answer = await get('/api/console/whoami');
    role = answer.role;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      showRole();
      askToken(token() ? 'That token was refused (401).' : null);
      return;
    }
    // A server without roles: every accepted token is an admin token.
    role = error instanceof ApiError && error.status === 404 ? 'open' : null;
  }
  showRole();
  mount();
}

window.addEventListener('hashchange', () => {
  if (role !== null) mount();
});
start();

"""##)
}
