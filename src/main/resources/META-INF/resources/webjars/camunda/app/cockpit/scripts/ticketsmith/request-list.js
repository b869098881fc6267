// The list of requests: filters, a page of process instances of the request process, newest first, and export.
import { h, clear, time, duration, labelFor, download } from './dom.js';
import { PROCESS_KEY } from './history-api.js';
import { toCsv } from './export.js';

// REFUSED: the guardrails refused the actions, nobody reviewed them; REJECTED: a reviewer did.
export const OUTCOME_LABELS = { DONE: 'label-success', REFUSED: 'label-danger', REJECTED: 'label-warning',
  EXPIRED: 'label-warning', FAILED: 'label-danger' };
export const ROUTE_LABELS = { AUTO: 'label-info', REVIEW: 'label-primary', REJECT: 'label-danger' };

/** The variables shown per row; all of them plain strings the history API can filter on. */
const ROW_VARIABLES = ['route', 'outcome', 'jiraIssueKeys', 'reporter', 'source', 'summary'];
const PAGE_SIZES = [20, 50, 100];
/** An export reads the filtered list in pages of this size, up to EXPORT_LIMIT requests. */
const EXPORT_PAGE = 500;
const EXPORT_LIMIT = 10000;

export function filterFromParams(params) {
  const size = Number(params.get('size'));
  return {
    id: params.get('id') || '',
    jira: params.get('jira') || '',
    reporter: params.get('reporter') || '',
    outcome: params.get('outcome') || '',
    route: params.get('route') || '',
    state: params.get('state') || '',
    from: params.get('from') || '',
    to: params.get('to') || '',
    page: Math.max(0, Number(params.get('page')) || 0),
    size: PAGE_SIZES.includes(size) ? size : PAGE_SIZES[0]
  };
}

/** The history API query (POST /history/process-instance) of a filter. */
export function historyQuery(filter) {
  const query = {
    processDefinitionKey: PROCESS_KEY,
    sorting: [{ sortBy: 'startTime', sortOrder: 'desc' }],
    variables: [],
    variableValuesIgnoreCase: true
  };
  if (filter.id) {
    query.processInstanceBusinessKeyLike = `%${filter.id.trim()}%`;
  }
  if (filter.jira) {
    query.variables.push({ name: 'jiraIssueKeys', operator: 'like', value: `%${filter.jira.trim()}%` });
  }
  if (filter.reporter) {
    query.variables.push({ name: 'reporter', operator: 'like', value: `%${filter.reporter.trim()}%` });
  }
  if (filter.outcome) {
    query.variables.push({ name: 'outcome', operator: 'eq', value: filter.outcome });
  }
  if (filter.route) {
    query.variables.push({ name: 'route', operator: 'eq', value: filter.route });
  }
  if (filter.state === 'running') {
    query.unfinished = true;
  } else if (filter.state === 'finished') {
    query.finished = true;
  }
  if (filter.from) {
    query.startedAfter = engineDate(filter.from, false);
  }
  if (filter.to) {
    query.startedBefore = engineDate(filter.to, true);
  }
  return query;
}

/** A yyyy-MM-dd day of the auditor's time zone as the engine's date format, at its first or last millisecond. */
function engineDate(day, endOfDay) {
  const [year, month, date] = day.split('-').map(Number);
  const local = endOfDay ? new Date(year, month - 1, date, 23, 59, 59, 999) : new Date(year, month - 1, date, 0, 0, 0, 0);
  const pad = (n, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const offset = -local.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}T${pad(local.getHours())}:`
    + `${pad(local.getMinutes())}:${pad(local.getSeconds())}.${pad(local.getMilliseconds(), 3)}`
    + `${sign}${pad(Math.floor(Math.abs(offset) / 60))}${pad(Math.abs(offset) % 60)}`;
}

/** Process instances of one page with the row variables merged in. */
async function loadRows(history, filter, firstResult, maxResults) {
  const instances = await history.post('/history/process-instance', { firstResult, maxResults }, historyQuery(filter));
  if (instances.length === 0) {
    return [];
  }
  const variables = await history.post('/history/variable-instance', { deserializeValues: false },
    { processInstanceIdIn: instances.map((instance) => instance.id), variableNameIn: ROW_VARIABLES });
  const byInstance = new Map(instances.map((instance) => [instance.id, {}]));
  for (const variable of variables) {
    const values = byInstance.get(variable.processInstanceId);
    if (values && !variable.taskId && variable.activityInstanceId === variable.processInstanceId) {
      values[variable.name] = variable.value;
    }
  }
  return instances.map((instance) => row(instance, byInstance.get(instance.id)));
}

function row(instance, variables) {
  return {
    requestId: instance.businessKey,
    processInstanceId: instance.id,
    state: instance.state,
    startedAt: instance.startTime,
    endedAt: instance.endTime,
    durationMillis: instance.durationInMillis,
    route: variables.route ?? null,
    outcome: variables.outcome ?? null,
    jiraIssueKeys: variables.jiraIssueKeys ?? null,
    reporter: variables.reporter ?? null,
    source: variables.source ?? null,
    summary: variables.summary ?? null
  };
}

export const LIST_COLUMNS = ['requestId', 'processInstanceId', 'state', 'startedAt', 'endedAt', 'durationMillis',
  'route', 'outcome', 'jiraIssueKeys', 'reporter', 'source', 'summary'];

export async function renderList(node, history, filter, navigate) {
  clear(node);
  const form = filterForm(filter, navigate);
  const status = h('p', { className: 'text-muted', 'data-test': 'list-status' }, 'Loading requests…');
  const table = h('div');
  const exportButtons = h('div', { className: 'btn-group ts-export' },
    h('button', { type: 'button', className: 'btn btn-default btn-sm', 'data-test': 'export-list-json',
      onClick: () => exportList(history, filter, 'json', status) }, 'Export list as JSON'),
    h('button', { type: 'button', className: 'btn btn-default btn-sm', 'data-test': 'export-list-csv',
      onClick: () => exportList(history, filter, 'csv', status) }, 'Export list as CSV'));
  node.appendChild(h('div', { className: 'ts-requests' },
    h('h2', {}, 'Requests'),
    h('p', { className: 'text-muted' }, 'Every request Ticketsmith received, running and finished, newest first. '
      + 'Open one to see what happened to it and why.'),
    form, h('div', { className: 'ts-toolbar' }, status, exportButtons), table));

  const [count, rows] = await Promise.all([
    history.post('/history/process-instance/count', {}, historyQuery(filter)),
    loadRows(history, filter, filter.page * filter.size, filter.size)
  ]);
  const total = count.count;
  clear(status);
  status.appendChild(document.createTextNode(total === 0 ? 'No request matches these filters.'
    : `Requests ${filter.page * filter.size + 1}–${filter.page * filter.size + rows.length} of ${total}`));
  if (rows.length > 0) {
    table.appendChild(listTable(rows, filter, navigate));
  }
  table.appendChild(pager(filter, total, navigate));
}

function filterForm(filter, navigate) {
  const field = (name, label, input) => h('div', { className: 'form-group' },
    h('label', { for: `ts-filter-${name}` }, label), input);
  const text = (name, placeholder) => h('input', { id: `ts-filter-${name}`, name, className: 'form-control input-sm',
    type: 'text', value: filter[name], placeholder });
  const select = (name, options) => {
    const element = h('select', { id: `ts-filter-${name}`, name, className: 'form-control input-sm' },
      options.map(([value, label]) => h('option', { value }, label)));
    element.value = filter[name];
    return element;
  };
  const date = (name) => h('input', { id: `ts-filter-${name}`, name, className: 'form-control input-sm', type: 'date',
    value: filter[name] });
  const form = h('form', { className: 'form-inline ts-filters', 'data-test': 'filters' },
    field('id', 'Request id', text('id', 'id or part of it')),
    field('jira', 'Jira issue', text('jira', 'e.g. WEB-42')),
    field('reporter', 'Reporter', text('reporter', 'name or address')),
    field('state', 'State', select('state', [['', 'Any'], ['running', 'Running'], ['finished', 'Finished']])),
    field('route', 'Route', select('route', [['', 'Any'], ['AUTO', 'AUTO'], ['REVIEW', 'REVIEW'], ['REJECT', 'REJECT']])),
    field('outcome', 'Outcome', select('outcome', [['', 'Any'], ['DONE', 'DONE'],
      ['REFUSED', 'REFUSED (by the guardrails)'], ['REJECTED', 'REJECTED (by a reviewer)'],
      ['EXPIRED', 'EXPIRED'], ['FAILED', 'FAILED']])),
    field('from', 'Received from', date('from')),
    field('to', 'to', date('to')),
    field('size', 'Per page', select('size', PAGE_SIZES.map((size) => [String(size), String(size)]))),
    h('div', { className: 'form-group' },
      h('button', { type: 'submit', className: 'btn btn-primary btn-sm', 'data-test': 'apply-filters' }, 'Search'),
      ' ',
      h('button', { type: 'button', className: 'btn btn-link btn-sm', onClick: () => navigate({}) }, 'Clear')));
  form.elements.size.value = String(filter.size);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(form).entries());
    navigate(Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '')));
  });
  return form;
}

function listTable(rows, filter, navigate) {
  return h('table', { className: 'table table-striped table-condensed ts-list', 'data-test': 'request-list' },
    h('thead', {}, h('tr', {}, ['Request', 'Summary', 'Received', 'Ended', 'Duration', 'State', 'Route', 'Outcome',
      'Jira issues', 'Reporter'].map((title) => h('th', {}, title)))),
    h('tbody', {}, rows.map((request) => h('tr', { 'data-request-id': request.requestId },
      h('td', {}, h('a', { href: '#', className: 'ts-open', title: request.requestId,
        onClick: (event) => {
          event.preventDefault();
          // The list's filters stay in the URL, so "All requests" returns to this very page of results.
          navigate({ ...listParams(filter), request: request.processInstanceId });
        } }, shortId(request.requestId))),
      h('td', { className: 'ts-summary' }, request.summary || ''),
      h('td', {}, time(request.startedAt)),
      h('td', {}, time(request.endedAt)),
      h('td', {}, duration(request.durationMillis)),
      h('td', {}, request.state === 'ACTIVE' ? 'running' : (request.state || '').toLowerCase()),
      h('td', {}, labelFor(request.route, ROUTE_LABELS)),
      h('td', {}, labelFor(request.outcome, OUTCOME_LABELS)),
      h('td', {}, request.jiraIssueKeys || ''),
      h('td', {}, request.reporter || '')))));
}

function pager(filter, total, navigate) {
  const pages = Math.max(1, Math.ceil(total / filter.size));
  const go = (page) => navigate({ ...listParams(filter), page: String(page) });
  return h('nav', {}, h('ul', { className: 'pager' },
    h('li', { className: filter.page === 0 ? 'previous disabled' : 'previous' },
      h('a', { href: '#', 'data-test': 'previous-page', onClick: (event) => {
        event.preventDefault();
        if (filter.page > 0) {
          go(filter.page - 1);
        }
      } }, '← Newer')),
    h('li', {}, h('span', { className: 'ts-page' }, `Page ${filter.page + 1} of ${pages}`)),
    h('li', { className: filter.page + 1 >= pages ? 'next disabled' : 'next' },
      h('a', { href: '#', 'data-test': 'next-page', onClick: (event) => {
        event.preventDefault();
        if (filter.page + 1 < pages) {
          go(filter.page + 1);
        }
      } }, 'Older →'))));
}

function listParams(filter) {
  return { ...withoutPaging(filter), page: String(filter.page), size: String(filter.size) };
}

function withoutPaging(filter) {
  const { page, size, ...rest } = filter;
  return Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== ''));
}

export function shortId(id) {
  return id && id.length > 13 ? `${id.substring(0, 8)}…` : id || '–';
}

async function exportList(history, filter, format, status) {
  const rows = [];
  let truncated = false;
  for (let first = 0; ; first += EXPORT_PAGE) {
    const page = await loadRows(history, filter, first, EXPORT_PAGE);
    rows.push(...page);
    if (page.length < EXPORT_PAGE) {
      break;
    }
    if (rows.length >= EXPORT_LIMIT) {
      truncated = true;
      break;
    }
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  if (format === 'json') {
    download(`ticketsmith-requests-${stamp}.json`, 'application/json',
      JSON.stringify({ exportedAt: new Date().toISOString(), filter: withoutPaging(filter), truncated, requests: rows },
        null, 2));
  } else {
    download(`ticketsmith-requests-${stamp}.csv`, 'text/csv', toCsv(LIST_COLUMNS, rows));
  }
  if (truncated) {
    status.appendChild(h('span', { className: 'text-warning' },
      ` The export holds the newest ${rows.length} requests only; narrow the filters to export the rest.`));
  }
}
