// Draws the application graph as inline SVG: one column per call depth, the ingress on the left, each
// deployment a box whose live figures dashboard.js fills in, each handle call an arrow.

const SVG = 'http://www.w3.org/2000/svg';
export const NODE_WIDTH = 300;
export const NODE_HEIGHT = 124;
const COLUMN_GAP = 90;
const ROW_GAP = 12;
const MARGIN = 6;

/** The figures each node shows, in rows: the class (and id suffix) of each, and its caption. */
export const FIGURES = [
  [['qps', 'calls/s'], ['p50', 'p50'], ['p99', 'p99']],
  [['queue', 'queued'], ['ongoing', 'ongoing'], ['errors', 'errors/s']],
  [['batch-sizes', 'batches']],
  [['replica-states', 'replicas']],
];

/**
 * Where each deployment goes: its depth is the longest chain of calls from the ingress to it, so that every
 * arrow points right. Deployments come in start order (dependencies first), so callers are walked last to
 * first. Returns {positions: Map name -> {x, y, depth}, width, height}.
 */
export function layout(model) {
  const depth = new Map(model.deployments.map(node => [node.name, 0]));
  for (const node of [...model.deployments].reverse()) {
    for (const called of node.dependencies) {
      depth.set(called, Math.max(depth.get(called) ?? 0, depth.get(node.name) + 1));
    }
  }
  const columns = [];
  for (const node of model.deployments) {
    const column = depth.get(node.name);
    (columns[column] ??= []).push(node.name);
  }
  const tallest = Math.max(1, ...columns.map(names => names?.length ?? 0));
  const height = 2 * MARGIN + tallest * NODE_HEIGHT + (tallest - 1) * ROW_GAP;
  const positions = new Map();
  columns.forEach((names, column) => {
    const columnHeight = names.length * NODE_HEIGHT + (names.length - 1) * ROW_GAP;
    const top = (height - columnHeight) / 2;
    names.forEach((name, row) => positions.set(name, {
      x: MARGIN + column * (NODE_WIDTH + COLUMN_GAP),
      y: top + row * (NODE_HEIGHT + ROW_GAP),
      depth: column,
    }));
  });
  const width = 2 * MARGIN + columns.length * NODE_WIDTH + (columns.length - 1) * COLUMN_GAP;
  return {positions, width, height};
}

function element(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    node.setAttribute(key, value);
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * Replaces what `svg` shows with the graph of `model` (the dashboard's application.json). Returns, per
 * deployment, the elements to fill: {node, hints, batchHint, canary, fields: {qps, p50, …}}.
 */
export function drawGraph(svg, model) {
  const {positions, width, height} = layout(model);
  svg.replaceChildren();
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('height', height);
  const defs = element('defs');
  const marker = element('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7,
    markerHeight: 7, orient: 'auto-start-reverse'});
  marker.append(element('path', {d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrow-head'}));
  defs.append(marker);
  svg.append(defs);

  for (const edge of model.edges) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (!from || !to) {
      continue;
    }
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const bend = (x2 - x1) / 2;
    svg.append(element('path', {class: 'edge', 'data-from': edge.from, 'data-to': edge.to,
      d: `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`, 'marker-end': 'url(#arrow)'}));
  }

  const drawn = new Map();
  for (const deployment of model.deployments) {
    drawn.set(deployment.name, drawNode(svg, deployment, positions.get(deployment.name)));
  }
  return drawn;
}

function drawNode(svg, deployment, position) {
  const name = deployment.name;
  const group = element('g', {class: 'node' + (deployment.ingress ? ' ingress' : ''), 'data-deployment': name,
    id: `node-${name}`, transform: `translate(${position.x} ${position.y})`});
  group.append(element('rect', {class: 'box', width: NODE_WIDTH, height: NODE_HEIGHT, rx: 8}));
  group.append(element('circle', {class: 'health', cx: NODE_WIDTH - 16, cy: 15, r: 6}));
  const canary = element('text', {class: 'canary', id: `node-${name}-canary`, x: NODE_WIDTH - 28, y: 19,
    'text-anchor': 'end'});
  group.append(canary);
  group.append(element('text', {class: 'name', x: 12, y: 20}, name + (deployment.ingress ? '  (ingress)' : '')));
  const hints = element('text', {class: 'hints', id: `node-${name}-hints`, x: 12, y: 36});
  const batchHint = element('text', {class: 'hints batch-hint', id: `node-${name}-batch-hint`, x: 12, y: 50});
  group.append(hints, batchHint);
  const fields = {};
  FIGURES.forEach((row, index) => {
    const line = element('text', {class: 'figures', x: 12, y: 70 + index * 16});
    row.forEach(([key, caption], column) => {
      line.append(element('tspan', {class: 'caption', x: 12 + column * 96}, caption + ' '));
      const value = element('tspan', {class: 'value ' + key, id: `node-${name}-${key}`}, '–');
      line.append(value);
      fields[key] = value;
    });
    group.append(line);
  });
  svg.append(group);
  return {node: group, hints, batchHint, canary, fields};
}
