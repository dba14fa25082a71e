// The dashboard's loop: every POLL_MILLIS it reads /-/status (replicas, canaries), /observe/metrics
// (every counter and histogram) and /dashboard/application.json (the graph, the deployment YAML, recent
// errors), and writes what changed into the page. Every number shown comes from those three answers.

import {increase, parse, quantile, rate, Scrape, ScrapeWindow} from './prometheus.js';
import {drawGraph} from './graph.js';

const POLL_MILLIS = 1000;
/** Rates and quantiles cover the last few seconds: long enough to be steady, short enough to be live. */
const WINDOW_MILLIS = 5000;
// A caller that gave up, or whose arguments were refused, is not the deployment's failure.
const NOT_AN_ERROR = ['ok', 'cancelled', 'user_error'];

const window5s = new ScrapeWindow(WINDOW_MILLIS);
let drawn = null; // per deployment, the elements of its node
let drawnNames = '';

function byId(id) {
  return document.getElementById(id);
}

// An ingress with a token guards the status and the page's data: open the page as /dashboard#token=<token>.
// The token is kept for this tab only and taken out of the address bar (and so of its history).
const TOKEN_KEY = 'trellis-ingress-token';
if (location.hash.startsWith('#token=')) {
  sessionStorage.setItem(TOKEN_KEY, decodeURIComponent(location.hash.substring('#token='.length)));
  history.replaceState(null, '', location.pathname + location.search);
}

async function fetchText(path, accept) {
  const headers = {Accept: accept};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const response = await fetch(path, {headers, cache: 'no-store'});
  if (!response.ok) {
    throw new Error(`${path} answered ${response.status}`);
  }
  return response.text();
}

async function poll() {
  let texts;
  try {
    texts = await Promise.all([
      fetchText('/-/status', 'application/json'),
      fetchText('/observe/metrics', 'text/plain'),
      fetchText('/dashboard/application.json', 'application/json'),
    ]);
  } catch (failure) {
    byId('poll-error').textContent = 'cannot reach the server: ' + failure.message; // the last figures stay
    setTimeout(poll, POLL_MILLIS);
    return;
  }
  try {
    const [statusText, metricsText, modelText] = texts;
    const status = JSON.parse(statusText);
    const model = JSON.parse(modelText);
    // Several applications may share one registry: only this one's series count.
    const samples = parse(metricsText).filter(sample => sample.labels.application === model.application);
    window5s.add(new Scrape(samples, performance.now())); // monotonic: a clock change does not skew a rate
    render(model, status);
    byId('poll-error').textContent = '';
    byId('updated').textContent = 'updated ' + clock(new Date());
  } catch (failure) {
    console.error(failure);
    byId('poll-error').textContent = 'the page could not show what the server answered: ' + failure.message;
  } finally {
    setTimeout(poll, POLL_MILLIS);
  }
}

function render(model, status) {
  byId('app-name').textContent = model.application;
  byId('app-state').textContent = status.state + (status.ready ? ', ready' : ', not ready');
  byId('app-state').className = status.ready ? 'good' : 'bad';
  byId('topology').textContent = 'topology ' + model.topology;
  byId('routes').textContent = model.routes.map(route => `${route.method} ${route.path}`).join('  ');
  const names = model.deployments.map(node => node.name).join(',');
  if (drawn === null || names !== drawnNames) {
    drawn = drawGraph(byId('graph'), model);
    drawnNames = names;
  }
  const ends = window5s.ends();
  renderIngress(model, ends);
  const statusByName = new Map(status.deployments.map(deployment => [deployment.name, deployment]));
  for (const deployment of model.deployments) {
    renderNode(drawn.get(deployment.name), deployment, statusByName.get(deployment.name), ends);
  }
  renderUpdates(model, statusByName);
  renderReplicas(status, ends);
  renderErrors(model.errors);
  const yaml = byId('deployment-yaml');
  if (yaml.textContent !== model.deploymentYaml) {
    yaml.textContent = model.deploymentYaml;
  }
}

/** The requests at the ingress's routes: what clients see. */
function renderIngress(model, ends) {
  const latest = window5s.latest();
  byId('requests-total').textContent = count(latest.sum('trellis_requests_total'));
  byId('requests-failed').textContent = count(latest.sum('trellis_requests_total', {outcome: o => o !== 'ok'}));
  if (ends === null) {
    return;
  }
  const [before, after] = ends;
  byId('ingress-qps').textContent = decimal(rate(before, after, 'trellis_requests_total'));
  byId('ingress-p50').textContent = millis(quantile(before, after, 'trellis_request_duration_seconds', 0.5));
  byId('ingress-p99').textContent = millis(quantile(before, after, 'trellis_request_duration_seconds', 0.99));
}

function renderNode(elements, deployment, status, ends) {
  const latest = window5s.latest();
  const name = deployment.name;
  elements.hints.textContent = hints(deployment);
  elements.batchHint.textContent = batchHint(deployment);
  elements.node.dataset.health = status ? status.health : 'UNKNOWN';
  elements.canary.textContent = status?.canary ? `canary ${percent(status.canary.servingPercent / 100)}` : '';
  const fields = elements.fields;
  fields.queue.textContent = count(latest.sum('trellis_queued_calls', {deployment: name}));
  fields.ongoing.textContent = count(latest.sum('trellis_replica_ongoing_calls', {deployment: name}));
  fields['replica-states'].textContent = status ? replicaStates(status) : '–';
  if (ends === null) {
    return;
  }
  const [before, after] = ends;
  const calls = {deployment: name};
  fields.qps.textContent = decimal(rate(before, after, 'trellis_replica_calls_total', calls));
  fields.errors.textContent = decimal(rate(before, after, 'trellis_replica_calls_total',
      {deployment: name, outcome: o => !NOT_AN_ERROR.includes(o)}));
  fields.p50.textContent = millis(quantile(before, after, 'trellis_replica_processing_seconds', 0.5, calls));
  fields.p99.textContent = millis(quantile(before, after, 'trellis_replica_processing_seconds', 0.99, calls));
  fields['batch-sizes'].textContent = batchSizes(deployment, before, after);
}

function hints(deployment) {
  const resources = deployment.resources;
  const parts = [`${resources.cpus} cpu`];
  if (resources.gpus > 0) {
    parts.push(`${resources.gpus} gpu`);
  }
  if (resources.memoryMb > 0) {
    parts.push(resources.memoryMb % 1024 === 0 ? `${resources.memoryMb / 1024} GiB` : `${resources.memoryMb} MiB`);
  }
  parts.push(scaling(deployment.scaling));
  parts.push(`≤${deployment.maxOngoingRequests} ongoing`);
  if (deployment.maxQueuedRequests >= 0) {
    parts.push(`≤${deployment.maxQueuedRequests} queued`);
  }
  if (deployment.version) {
    parts.push('v ' + deployment.version);
  }
  return parts.join(' · ');
}

function scaling(fields) {
  if (fields.autoscaling) {
    return `auto ${fields.autoscaling.min}–${fields.autoscaling.max}`;
  }
  return `${fields.replicas} replica${fields.replicas === 1 ? '' : 's'}`;
}

function batchHint(deployment) {
  const batched = deployment.methods.filter(method => method.batch);
  if (batched.length === 0) {
    return 'no @Batch method';
  }
  return '@Batch ' + batched.map(method => `${method.name} ≤${method.batch.maxSize} in ${method.batch.maxWaitMillis} ms`)
      .join(', ');
}

/** The batches run in the window: their mean and largest size, and how many. */
function batchSizes(deployment, before, after) {
  if (!deployment.methods.some(method => method.batch)) {
    return '–';
  }
  let batches = 0;
  let calls = 0;
  let largest = 0;
  for (const sample of after.select('trellis_batches_total', {deployment: deployment.name})) {
    const size = Number(sample.labels.size);
    const ran = increase(before, after, 'trellis_batches_total', {deployment: deployment.name,
      method: sample.labels.method, size: sample.labels.size});
    if (ran > 0) {
      batches += ran;
      calls += ran * size;
      largest = Math.max(largest, size);
    }
  }
  const seconds = Math.round((after.time - before.time) / 1000);
  if (batches === 0) {
    return `none in ${seconds} s`;
  }
  return `mean ${(calls / batches).toFixed(1)} · max ${largest} · ${Math.round(batches)} in ${seconds} s`;
}

/** "2 running · 1 starting", the canary's replicas after a "+". */
function replicaStates(status) {
  const describe = replicas => {
    const counts = new Map();
    for (const replica of replicas) {
      const state = replica.state.toLowerCase();
      counts.set(state, (counts.get(state) ?? 0) + 1);
    }
    return counts.size === 0 ? 'none' : [...counts].map(([state, n]) => `${n} ${state}`).join(' · ');
  };
  let text = describe(status.replicas);
  if (status.canary) {
    text += ' + canary ' + describe(status.canary.replicas);
  }
  return text;
}

/** A progress bar per deployment with an update or a canary under way. */
function renderUpdates(model, statusByName) {
  const latest = window5s.latest();
  const rows = [];
  for (const deployment of model.deployments) {
    const status = statusByName.get(deployment.name);
    const progress = latest.sum('trellis_update_progress_ratio', {deployment: deployment.name});
    if (status?.canary) {
      // The share asked for applies once every canary replica runs; until then the deployment serves alone.
      rows.push(progressRow(deployment.name, 'canary', status.canary.servingPercent / 100,
          `canary ${status.canary.version ?? ''} serves ${percent(status.canary.servingPercent / 100)} of the calls`
          + ` (${percent(status.canary.trafficPercent / 100)} asked)`));
    }
    if (progress !== null && progress < 1) {
      rows.push(progressRow(deployment.name, 'rollout', progress,
          `rolling to version ${status?.version ?? ''}: ${percent(progress)} of its replicas run it`));
    }
  }
  const list = byId('update-list');
  if (rows.length === 0) {
    const none = document.createElement('p');
    none.className = 'quiet';
    none.textContent = 'No update in progress.';
    rows.push(none);
  }
  list.replaceChildren(...rows);
}

function progressRow(deployment, kind, ratio, text) {
  const row = document.createElement('div');
  row.className = 'update';
  row.dataset.deployment = deployment;
  row.dataset.kind = kind;
  const label = document.createElement('span');
  label.textContent = `${deployment}: ${text}`;
  const bar = document.createElement('progress');
  bar.max = 1;
  bar.value = Math.max(0, Math.min(1, ratio));
  row.append(label, bar);
  return row;
}

function renderReplicas(status, ends) {
  const rows = [];
  for (const deployment of status.deployments) {
    const tracks = [['', deployment]];
    if (deployment.canary) {
      tracks.push(['canary', deployment.canary]);
    }
    for (const [track, replicas] of tracks) {
      for (const replica of replicas.replicas) {
        rows.push(replicaRow(deployment.name, track, replica, ends));
      }
    }
  }
  byId('replica-rows').replaceChildren(...rows);
}

function replicaRow(deployment, track, replica, ends) {
  const latest = window5s.latest();
  const series = {deployment, replica: replica.id};
  const cells = [
    deployment + (track ? ` (${track})` : ''),
    replica.id,
    replica.state.toLowerCase(),
    replica.version ?? '',
    replica.placement + (replica.gpuDevice !== undefined ? ` gpu ${replica.gpuDevice}` : '')
        + (replica.pid !== undefined ? ` pid ${replica.pid}` : ''),
    ends ? decimal(rate(ends[0], ends[1], 'trellis_replica_calls_total', series)) : '–',
    count(latest.sum('trellis_replica_ongoing_calls', series)),
    ends ? millis(quantile(ends[0], ends[1], 'trellis_replica_processing_seconds', 0.5, series)) : '–',
    ends ? millis(quantile(ends[0], ends[1], 'trellis_replica_processing_seconds', 0.99, series)) : '–',
    ends ? millis(quantile(ends[0], ends[1], 'trellis_replica_queue_wait_seconds', 0.99, series)) : '–',
    replica.reason,
  ];
  const row = document.createElement('tr');
  row.dataset.replica = replica.id;
  row.dataset.state = replica.state;
  for (const text of cells) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  return row;
}

function renderErrors(errors) {
  byId('errors-total').textContent = count(errors.total);
  const rows = errors.recent.map(error => {
    const row = document.createElement('tr');
    for (const text of [clock(new Date(error.time)), error.route, String(error.status), error.message]) {
      const cell = document.createElement('td');
      cell.textContent = text; // the message is the client's text: never markup
      row.append(cell);
    }
    return row;
  });
  if (rows.length === 0) {
    const row = document.createElement('tr');
    const cell = document.createElement('td');
    cell.colSpan = 4;
    cell.className = 'quiet';
    cell.textContent = 'No error answered since the server started.';
    row.append(cell);
    rows.push(row);
  }
  byId('error-rows').replaceChildren(...rows);
}

/** 14:20:19, in the browser's time zone: short enough for a table cell. */
function clock(date) {
  return date.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false});
}

function count(value) {
  return value === null ? '–' : String(Math.round(value));
}

function decimal(value) {
  return value === null ? '–' : value.toFixed(1);
}

function millis(seconds) {
  if (seconds === null) {
    return '–';
  }
  const ms = seconds * 1000;
  if (ms >= 1000) {
    return (ms / 1000).toFixed(2) + ' s';
  }
  return ms < 10 ? ms.toFixed(1) + ' ms' : Math.round(ms) + ' ms';
}

function percent(ratio) {
  return Math.round(ratio * 100) + '%';
}

poll();
