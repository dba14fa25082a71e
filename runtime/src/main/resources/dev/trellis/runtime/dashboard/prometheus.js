// Reads Prometheus' text format as /observe/metrics writes it, and turns two scrapes into rates and
// quantiles the way Prometheus' rate() and histogram_quantile() would: a dashboard shows what happened
// between polls, while the endpoint only has totals since the server started.

/** Every sample of a scrape: {name, labels, value}. Comments, blank and malformed lines are skipped. */
export function parse(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) {
      continue;
    }
    const sample = parseLine(line);
    if (sample !== null) {
      samples.push(sample);
    }
  }
  return samples;
}

function parseLine(line) {
  const brace = line.indexOf('{');
  const space = line.indexOf(' ');
  if (brace < 0 || (space >= 0 && space < brace)) {
    const [name, value] = line.trim().split(/\s+/);
    return name && value !== undefined ? {name, labels: {}, value: number(value)} : null;
  }
  const name = line.substring(0, brace);
  const labels = {};
  let i = brace + 1;
  // Label values are quoted and may hold escaped quotes, backslashes and newlines: read them a character at a time.
  while (i < line.length && line[i] !== '}') {
    if (line[i] === ',' || line[i] === ' ') {
      i++;
      continue;
    }
    const equals = line.indexOf('=', i);
    if (equals < 0 || line[equals + 1] !== '"') {
      return null;
    }
    const key = line.substring(i, equals);
    let value = '';
    let j = equals + 2;
    for (; j < line.length && line[j] !== '"'; j++) {
      if (line[j] === '\\' && j + 1 < line.length) {
        j++;
        value += line[j] === 'n' ? '\n' : line[j];
      } else {
        value += line[j];
      }
    }
    if (j >= line.length) {
      return null;
    }
    labels[key] = value;
    i = j + 1;
  }
  if (i >= line.length) {
    return null;
  }
  const rest = line.substring(i + 1).trim().split(/\s+/);
  return rest[0] ? {name, labels, value: number(rest[0])} : null;
}

function number(text) {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text); // NaN stays NaN
}

/** One scrape, indexed by metric name, taken at a time in milliseconds. */
export class Scrape {
  constructor(samples, timeMillis) {
    this.time = timeMillis;
    this.byName = new Map();
    for (const sample of samples) {
      if (!this.byName.has(sample.name)) {
        this.byName.set(sample.name, []);
      }
      this.byName.get(sample.name).push(sample);
    }
  }

  /** The samples of `name` whose labels pass `filter`. */
  select(name, filter = {}) {
    return (this.byName.get(name) ?? []).filter(sample => matches(sample.labels, filter));
  }

  /** The sum of the values of `name` whose labels pass `filter`; null when there is no such series. */
  sum(name, filter = {}) {
    const samples = this.select(name, filter);
    return samples.length === 0 ? null : samples.reduce((total, sample) => total + sample.value, 0);
  }
}

/**
 * `filter` maps a label to the value it must have, or to an array of values it may have, or to a function
 * that decides.
 */
function matches(labels, filter) {
  for (const [key, wanted] of Object.entries(filter)) {
    const value = labels[key];
    if (typeof wanted === 'function' ? !wanted(value) : Array.isArray(wanted) ? !wanted.includes(value) : value !== wanted) {
      return false;
    }
  }
  return true;
}

function seriesKey(labels, without = '') {
  return Object.keys(labels).filter(key => key !== without).sort().map(key => key + '=' + labels[key]).join(',');
}

/**
 * How much the counters `name` passing `filter` grew from `before` to `after`, summed. A series missing
 * from `before` counted from 0 (a replica that started between the scrapes); one that went down was
 * reset and counts from 0 again.
 */
export function increase(before, after, name, filter = {}) {
  const old = new Map(before.select(name, filter).map(sample => [seriesKey(sample.labels), sample.value]));
  let total = 0;
  for (const sample of after.select(name, filter)) {
    const previous = old.get(seriesKey(sample.labels)) ?? 0;
    total += sample.value >= previous ? sample.value - previous : sample.value;
  }
  return total;
}

/** Per second, from `before` to `after`; null when they are the same scrape. */
export function rate(before, after, name, filter = {}) {
  const seconds = (after.time - before.time) / 1000;
  return seconds > 0 ? increase(before, after, name, filter) / seconds : null;
}

/**
 * The `q` quantile (0.5 for p50) of the observations the histogram `name` (its `_bucket` series, summed
 * over every series passing `filter`) made between the two scrapes, in the histogram's unit, interpolated
 * inside its bucket as histogram_quantile() does; null when it observed nothing.
 */
export function quantile(before, after, name, q, filter = {}) {
  const counts = new Map(); // upper bound -> observations at or below it
  for (const sample of after.select(name + '_bucket', filter)) {
    const bound = number(sample.labels.le);
    if (!counts.has(bound)) {
      counts.set(bound, 0);
    }
  }
  for (const bound of counts.keys()) {
    const le = label => number(label) === bound;
    counts.set(bound, increase(before, after, name + '_bucket', {...filter, le}));
  }
  const bounds = [...counts.keys()].sort((a, b) => a - b);
  if (bounds.length === 0) {
    return null;
  }
  const total = counts.get(bounds[bounds.length - 1]);
  if (!(total > 0)) {
    return null;
  }
  const rank = q * total;
  let lower = 0;
  let below = 0;
  for (const bound of bounds) {
    const count = counts.get(bound);
    if (count >= rank) {
      if (bound === Infinity) {
        return lower; // above the largest finite bucket: all that can be said is "at least"
      }
      const inBucket = count - below;
      return inBucket > 0 ? lower + (bound - lower) * ((rank - below) / inBucket) : bound;
    }
    lower = bound;
    below = count;
  }
  return lower;
}

/**
 * The last scrapes, so that rates cover a few seconds rather than one poll: the replicas' figures are
 * refreshed once a second, and a rate over one second would jump between 0 and twice the truth.
 */
export class ScrapeWindow {
  constructor(spanMillis) {
    this.spanMillis = spanMillis;
    this.scrapes = [];
  }

  add(scrape) {
    this.scrapes.push(scrape);
    // Keep one scrape at or before the start of the span, so that the span is covered whole.
    while (this.scrapes.length > 2 && scrape.time - this.scrapes[1].time >= this.spanMillis) {
      this.scrapes.shift();
    }
  }

  /** The oldest scrape of the span and the newest; null until there are two. */
  ends() {
    return this.scrapes.length < 2 ? null : [this.scrapes[0], this.scrapes[this.scrapes.length - 1]];
  }

  latest() {
    return this.scrapes.length === 0 ? null : this.scrapes[this.scrapes.length - 1];
  }
}
