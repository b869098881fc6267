// Draws a BPMN diagram from its DI (shapes and edges) as SVG and marks the path a request took: steps it
// passed, the step it waits at, steps with an incident, and the flows it took. Drawing from
// the DI needs no third-party viewer in the page and shows the model exactly as deployed for that instance.

const SVG = 'http://www.w3.org/2000/svg';
const BPMNDI = 'http://www.omg.org/spec/BPMN/20100524/DI';
const DC = 'http://www.omg.org/spec/DD/20100524/DC';
const DI = 'http://www.omg.org/spec/DD/20100524/DI';

function svg(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== undefined && value !== null) {
      element.setAttribute(name, String(value));
    }
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/**
 * History names a multi-instance activity's body "<id>#multiInstanceBody" next to its instances "<id>"; both are the
 * one element of the model. A body without instances (e.g. no new issue to decide a priority for) was still passed.
 */
function elementIdOf(activity) {
  return activity.activityId.replace(/#multiInstanceBody$/, '');
}

/** Every element of the model with an id, so shapes can be matched to their type and name. */
function semanticElements(xml) {
  const elements = new Map();
  for (const element of xml.getElementsByTagNameNS('*', '*')) {
    const id = element.getAttribute('id');
    if (id && element.namespaceURI !== BPMNDI && element.namespaceURI !== DC && element.namespaceURI !== DI) {
      elements.set(id, element);
    }
  }
  return elements;
}

function kindOf(localName) {
  if (/Event$/.test(localName)) {
    return 'event';
  }
  if (/Gateway$/.test(localName)) {
    return 'gateway';
  }
  if (localName === 'participant' || localName === 'lane') {
    return 'pool';
  }
  if (localName === 'textAnnotation' || localName === 'dataObjectReference' || localName === 'dataStoreReference') {
    return 'artifact';
  }
  return 'activity';
}

/** Splits a name into lines of about maxChars characters. */
function lines(text, maxChars) {
  const words = (text || '').split(/\s+/).filter(Boolean);
  const result = [];
  let line = '';
  for (const word of words) {
    if (line && (line + ' ' + word).length > maxChars) {
      result.push(line);
      line = word;
    } else {
      line = line ? line + ' ' + word : word;
    }
  }
  if (line) {
    result.push(line);
  }
  return result;
}

function label(group, text, x, y, maxChars, anchor) {
  const textLines = lines(text, maxChars);
  textLines.forEach((line, index) => {
    group.appendChild(svg('text', { x, y: y + (index - (textLines.length - 1) / 2) * 12, 'text-anchor': anchor || 'middle',
      'dominant-baseline': 'middle', class: 'ts-bpmn-label' }, line));
  });
}

/**
 * The sequence flows the request took. History records steps, not flows, so each step is credited to the incoming
 * flow whose source step ended last before it started (a gateway's chosen branch, a boundary event's path).
 */
function takenFlows(elements, activities) {
  const incoming = new Map();
  for (const element of elements.values()) {
    if (element.localName === 'sequenceFlow') {
      const target = element.getAttribute('targetRef');
      if (!incoming.has(target)) {
        incoming.set(target, []);
      }
      incoming.get(target).push(element);
    }
  }
  const taken = new Set();
  activities.forEach((step, index) => {
    const start = new Date(step.startTime).getTime();
    let best = null;
    for (const flow of incoming.get(elementIdOf(step)) || []) {
      activities.forEach((source, sourceIndex) => {
        if (elementIdOf(source) !== flow.getAttribute('sourceRef') || !source.endTime || sourceIndex >= index) {
          return;
        }
        const end = new Date(source.endTime).getTime();
        if (end <= start && (!best || end > best.end || (end === best.end && sourceIndex > best.index))) {
          best = { flowId: flow.getAttribute('id'), end, index: sourceIndex };
        }
      });
    }
    if (best) {
      taken.add(best.flowId);
    }
  });
  return taken;
}

export function renderDiagram(container, bpmnXml, activities, incidents) {
  const xml = new DOMParser().parseFromString(bpmnXml, 'application/xml');
  if (xml.getElementsByTagName('parsererror').length > 0) {
    throw new Error('the model is not valid XML');
  }
  const elements = semanticElements(xml);
  const passed = new Set(activities.filter((activity) => activity.endTime).map(elementIdOf));
  const active = new Set(activities.filter((activity) => !activity.endTime).map(elementIdOf));
  const failed = new Set((incidents || []).filter((incident) => incident.open).map((incident) => incident.activityId));
  const taken = takenFlows(elements, activities);

  const root = svg('svg', { class: 'ts-bpmn', 'data-test': 'diagram' });
  const defs = svg('defs');
  for (const [id, cls] of [['ts-arrow', 'ts-bpmn-arrow'], ['ts-arrow-taken', 'ts-bpmn-arrow-taken']]) {
    const marker = svg('marker', { id, viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8, markerHeight: 8,
      orient: 'auto-start-reverse' });
    marker.appendChild(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: cls }));
    defs.appendChild(marker);
  }
  root.appendChild(defs);
  const edgesLayer = svg('g');
  const shapesLayer = svg('g');
  root.appendChild(shapesLayer);
  root.appendChild(edgesLayer);

  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  const extend = (x, y) => {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  };

  for (const shape of xml.getElementsByTagNameNS(BPMNDI, 'BPMNShape')) {
    const elementId = shape.getAttribute('bpmnElement');
    const element = elements.get(elementId);
    const bounds = shape.getElementsByTagNameNS(DC, 'Bounds')[0];
    if (!element || !bounds) {
      continue;
    }
    const x = Number(bounds.getAttribute('x'));
    const y = Number(bounds.getAttribute('y'));
    const width = Number(bounds.getAttribute('width'));
    const height = Number(bounds.getAttribute('height'));
    extend(x, y);
    extend(x + width, y + height + 30);
    const kind = kindOf(element.localName);
    const state = failed.has(elementId) ? 'failed' : active.has(elementId) ? 'active' : passed.has(elementId) ? 'passed' : 'idle';
    const group = svg('g', { class: `ts-bpmn-${kind} ts-bpmn-${state}`, 'data-element-id': elementId,
      'data-state': state });
    const title = svg('title', {}, `${element.getAttribute('name') || elementId} (${element.localName})`);
    group.appendChild(title);
    const name = element.getAttribute('name') || '';
    if (kind === 'event') {
      const radius = width / 2;
      const end = element.localName === 'endEvent';
      group.appendChild(svg('circle', { cx: x + radius, cy: y + radius, r: radius, class: 'ts-bpmn-shape',
        'stroke-width': end ? 3 : 1.5 }));
      if (/^(intermediate|boundary)/.test(element.localName)) {
        group.appendChild(svg('circle', { cx: x + radius, cy: y + radius, r: radius - 3, class: 'ts-bpmn-inner' }));
      }
      label(group, name, x + radius, y + height + 14, 18);
    } else if (kind === 'gateway') {
      const cx = x + width / 2;
      const cy = y + height / 2;
      group.appendChild(svg('polygon', { points: `${cx},${y} ${x + width},${cy} ${cx},${y + height} ${x},${cy}`,
        class: 'ts-bpmn-shape' }));
      label(group, name, cx, y + height + 14, 22);
    } else if (kind === 'pool') {
      group.appendChild(svg('rect', { x, y, width, height, class: 'ts-bpmn-pool' }));
    } else if (kind === 'artifact') {
      group.appendChild(svg('rect', { x, y, width, height, class: 'ts-bpmn-artifact' }));
    } else {
      group.appendChild(svg('rect', { x, y, width, height, rx: 10, ry: 10, class: 'ts-bpmn-shape' }));
      label(group, name, x + width / 2, y + height / 2, Math.max(10, Math.floor(width / 6.5)));
    }
    shapesLayer.appendChild(group);
  }

  for (const edge of xml.getElementsByTagNameNS(BPMNDI, 'BPMNEdge')) {
    const elementId = edge.getAttribute('bpmnElement');
    const element = elements.get(elementId);
    const points = [...edge.getElementsByTagNameNS(DI, 'waypoint')]
      .map((point) => [Number(point.getAttribute('x')), Number(point.getAttribute('y'))]);
    if (!element || points.length < 2) {
      continue;
    }
    points.forEach(([x, y]) => extend(x, y));
    const wasTaken = taken.has(elementId);
    const group = svg('g', { class: wasTaken ? 'ts-bpmn-flow ts-bpmn-taken' : 'ts-bpmn-flow', 'data-element-id': elementId,
      'data-taken': wasTaken ? 'true' : null });
    group.appendChild(svg('polyline', { points: points.map(([x, y]) => `${x},${y}`).join(' '),
      'marker-end': element.localName === 'sequenceFlow' ? `url(#${wasTaken ? 'ts-arrow-taken' : 'ts-arrow'})` : null }));
    const name = element.getAttribute('name');
    if (name) {
      const labelBounds = edge.getElementsByTagNameNS(DC, 'Bounds')[0];
      const [lx, ly] = labelBounds
        ? [Number(labelBounds.getAttribute('x')) + Number(labelBounds.getAttribute('width')) / 2,
          Number(labelBounds.getAttribute('y')) + Number(labelBounds.getAttribute('height')) / 2]
        : points[Math.floor(points.length / 2)];
      label(group, name, lx, ly, 24);
    }
    edgesLayer.appendChild(group);
  }

  if (minX === Infinity) {
    throw new Error('the model has no diagram information');
  }
  const margin = 20;
  const width = maxX - minX + 2 * margin;
  const height = maxY - minY + 2 * margin;
  root.setAttribute('viewBox', `${minX - margin} ${minY - margin} ${width} ${height}`);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  container.appendChild(root);
  container.appendChild(legend());
}

function legend() {
  const item = (state, text) => {
    const swatch = document.createElement('span');
    swatch.className = `ts-legend-swatch ts-legend-${state}`;
    const entry = document.createElement('span');
    entry.className = 'ts-legend-item';
    entry.appendChild(swatch);
    entry.appendChild(document.createTextNode(text));
    return entry;
  };
  const legendNode = document.createElement('p');
  legendNode.className = 'ts-legend text-muted';
  legendNode.appendChild(item('passed', 'passed'));
  legendNode.appendChild(item('active', 'waiting here'));
  legendNode.appendChild(item('failed', 'open incident'));
  legendNode.appendChild(document.createTextNode(' Bold arrows: the flows the request took.'));
  return legendNode;
}
