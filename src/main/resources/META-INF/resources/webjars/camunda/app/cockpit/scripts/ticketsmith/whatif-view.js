// The "What-if" page: replays the recorded guardrails decisions of a period through a deployed version of
// guardrails.dmn or an uploaded file (POST /api/replays, with the Cockpit login) and shows what would have changed,
// with links to the requests behind each route change. A replay changes nothing: no deployment, no request.
import { h, clear } from './dom.js';

const TABLES = [['recorded', 'What happened'], ['current', 'Current table'], ['candidate', 'Candidate']];

function apiRoot() {
  const appRoot = document.querySelector('base').getAttribute('app-root') || '';
  return appRoot.replace(/\/[^/]*$/, '');
}

export function renderWhatIf(node, api) {
  const root = h('div', { className: 'ts-plugin ctn-content-container' });
  node.appendChild(root);
  const result = h('div', { 'data-test': 'whatif-result' });
  const version = h('input', { id: 'ts-whatif-version', name: 'version', type: 'number', min: '1',
    className: 'form-control input-sm', placeholder: 'deployed version' });
  const file = h('input', { id: 'ts-whatif-file', name: 'file', type: 'file', accept: '.dmn,.xml' });
  const from = h('input', { id: 'ts-whatif-from', name: 'from', type: 'date', className: 'form-control input-sm' });
  const to = h('input', { id: 'ts-whatif-to', name: 'to', type: 'date', className: 'form-control input-sm' });
  const field = (label, input) => h('div', { className: 'form-group' }, h('label', {}, label, ' '), input, ' ');
  const form = h('form', { className: 'form-inline', 'data-test': 'whatif-form', onSubmit: (event) => {
    event.preventDefault();
    run(api, { version: version.value, file: file.files[0], from: from.value, to: to.value }, result);
  } },
  field('Deployed version of guardrails', version), field('or a file', file),
  field('From', from), field('To', to),
  h('button', { type: 'submit', className: 'btn btn-primary btn-sm', 'data-test': 'whatif-run' }, 'Run replay'));
  root.appendChild(h('h2', {}, 'What-if: replay the guardrails'));
  root.appendChild(h('p', { className: 'text-muted' }, 'Replays the finished requests of a period through another '
    + 'version of guardrails.dmn and compares it with what reviewers decided. Nothing is deployed or changed.'));
  root.appendChild(form);
  root.appendChild(result);
}

async function run(api, input, result) {
  clear(result);
  result.appendChild(h('p', {}, 'Replaying…'));
  const params = {};
  if (input.from) {
    params.from = new Date(input.from + 'T00:00:00Z').toISOString();
  }
  if (input.to) {
    params.to = new Date(input.to + 'T00:00:00Z').toISOString();
  }
  let request;
  if (input.file) {
    const body = new FormData();
    body.append('file', input.file);
    Object.entries(params).forEach(([name, value]) => body.append(name, value));
    request = { method: 'POST', body, headers: { Accept: 'application/json' } };
  } else {
    const body = { ...params, deployedVersion: input.version ? Number(input.version) : undefined };
    if (!input.version) {
      body.currentFile = true;
    }
    request = { method: 'POST', body: JSON.stringify(body),
      headers: { Accept: 'application/json', 'Content-Type': 'application/json' } };
  }
  if (api.CSRFToken) {
    request.headers['X-XSRF-TOKEN'] = api.CSRFToken;
  }
  const response = await fetch(`${apiRoot()}/api/replays`, { ...request, credentials: 'same-origin' });
  const answer = await response.json().catch(() => ({}));
  clear(result);
  if (!response.ok) {
    result.appendChild(h('div', { className: 'alert alert-danger', 'data-test': 'whatif-error' },
      response.status === 403 ? 'Only process owners, auditors and administrators may run replays.'
        : answer.detail || `The replay answered ${response.status}`));
    return;
  }
  showReport(result, answer);
}

function percent(value) {
  return value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)} %`;
}

function showReport(result, run) {
  const report = run.report;
  const link = `${apiRoot()}/api/replays/${encodeURIComponent(run.id)}`;
  result.appendChild(h('p', {}, `${report.requests} requests replayed: ${report.candidate}`,
    report.current ? ` against ${report.current}` : ' against the recorded routes', '. ',
    h('a', { href: link, 'data-test': 'whatif-json', download: `replay-${run.id}.json` }, 'Export JSON'), ' · ',
    h('a', { href: `${link}?format=csv`, 'data-test': 'whatif-csv' }, 'Export route changes as CSV')));
  const tables = TABLES.filter(([name]) => report.figures[name]);
  result.appendChild(h('table', { className: 'table table-condensed', 'data-test': 'whatif-figures' },
    h('thead', {}, h('tr', {}, h('th', {}, ''), tables.map(([, label]) => h('th', {}, label)))),
    h('tbody', {}, [['AUTO share', (f) => percent(f.autoShare)], ['AUTO precision', (f) => percent(f.autoPrecision)],
      ['AUTO, reviewed', (f) => f.autoReviewed], ['… approved unchanged', (f) => f.autoApprovedUnchanged],
      ['… edited', (f) => f.autoEdited], ['… rejected', (f) => f.autoRejected]]
      .map(([label, value]) => h('tr', {}, h('th', {}, label),
        tables.map(([name]) => h('td', {}, String(value(report.figures[name])))))))));
  result.appendChild(h('h3', {}, 'Route changes'));
  if (report.routeChanges.length === 0) {
    result.appendChild(h('p', { 'data-test': 'whatif-no-changes' }, 'No request would take another route.'));
  } else {
    result.appendChild(h('table', { className: 'table table-condensed', 'data-test': 'whatif-changes' },
      h('thead', {}, h('tr', {}, h('th', {}, 'From'), h('th', {}, 'To'), h('th', {}, 'Requests'), h('th', {}, 'Which'))),
      h('tbody', {}, report.routeChanges.map((change) => h('tr', {},
        h('td', {}, change.from), h('td', {}, change.to), h('td', {}, String(change.count)),
        h('td', {}, change.requestIds.map((id) => h('a', { href: `#/requests?id=${encodeURIComponent(id)}`,
          className: 'ts-whatif-request' }, id, ' ')), change.idsTruncated ? '…' : ''))))));
  }
  if (report.neverMatched.length || report.alwaysMatched.length) {
    result.appendChild(h('p', { 'data-test': 'whatif-rules' },
      report.neverMatched.length ? `Rules that decided no request: ${report.neverMatched.join(', ')}. ` : '',
      report.alwaysMatched.length ? `Rules that decided every request: ${report.alwaysMatched.join(', ')}.` : ''));
  }
}
