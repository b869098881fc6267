// One request: what it was, the path it took, the decisions with their inputs and matched rules, the review,
// the Jira actions, failures and retries, and the outcome, with export of the whole record.
import { h, clear, time, duration, labelFor, download } from './dom.js';
import { NotAuthorized } from './history-api.js';
import { OUTCOME_LABELS, ROUTE_LABELS } from './request-list.js';
import { renderDiagram } from './bpmn-diagram.js';
import { toCsv, flatten } from './export.js';

const ANALYSIS_FIELDS = [['summary', 'Summary'], ['category', 'Category'], ['urgency', 'Urgency'],
  ['sentiment', 'Sentiment'], ['confidenceSummary', 'Confidence'], ['explanation', 'Explanation'],
  ['analysisSource', 'Analysed by'], ['llmModel', 'Model'], ['fallbackReason', 'Fallback reason']];

/** Everything the plugin knows about one request, from the history API and the decision record. */
async function loadRequest(history, processInstanceId) {
  const byInstance = { processInstanceId };
  const [instance, activities, tasks, decisions, variables, incidents, jobFailures, taskFailures] = await Promise.all([
    history.get(`/history/process-instance/${encodeURIComponent(processInstanceId)}`),
    history.post('/history/activity-instance', {}, { processInstanceId,
      sorting: [{ sortBy: 'startTime', sortOrder: 'asc' }, { sortBy: 'occurrence', sortOrder: 'asc' }] }),
    history.get('/history/task', byInstance),
    history.get('/history/decision-instance', { ...byInstance, includeInputs: true, includeOutputs: true,
      disableBinaryFetching: true, disableCustomObjectDeserialization: true, sortBy: 'evaluationTime', sortOrder: 'asc' }),
    history.get('/history/variable-instance', { ...byInstance, deserializeValues: false }),
    history.get('/history/incident', byInstance),
    history.get('/history/job-log', { ...byInstance, failureLog: true, sortBy: 'timestamp', sortOrder: 'asc' }),
    history.get('/history/external-task-log', { ...byInstance, failureLog: true, sortBy: 'timestamp', sortOrder: 'asc' })
  ]);
  // Only the request's own values: not a task's (the review form's working copies) nor a step's (the priority
  // table's inputs for one new issue), which would shadow them by name.
  const values = Object.fromEntries(variables
    .filter((variable) => !variable.taskId && variable.activityInstanceId === processInstanceId)
    .map((variable) => [variable.name, variable.value]));
  let record = null;
  let recordProblem = null;
  try {
    record = await history.record(instance.businessKey);
  } catch (e) {
    recordProblem = e instanceof NotAuthorized ? `The decision record is not available to you: ${e.message}` : e.message;
  }
  let xml = null;
  try {
    xml = (await history.get(`/process-definition/${encodeURIComponent(instance.processDefinitionId)}/xml`)).bpmn20Xml;
  } catch (e) {
    xml = null;
  }
  return { instance, activities, tasks, decisions, values, incidents, jobFailures, taskFailures, record, recordProblem, xml };
}

export async function renderDetail(node, history, processInstanceId, backToList) {
  clear(node);
  node.appendChild(h('p', { className: 'text-muted' }, 'Loading the request…'));
  const request = await loadRequest(history, processInstanceId);
  clear(node);
  const { instance, values } = request;
  const outcome = values.outcome || (instance.state === 'ACTIVE' ? null : instance.state);

  node.appendChild(h('div', { className: 'ts-request', 'data-test': 'request-detail',
    'data-request-id': instance.businessKey },
  h('p', {}, h('a', { href: '#', 'data-test': 'back-to-list', onClick: (event) => {
    event.preventDefault();
    backToList();
  } }, '← All requests')),
  h('h2', {}, 'Request ', h('code', {}, instance.businessKey)),
  h('div', { className: 'ts-facts' },
    fact('State', instance.state === 'ACTIVE' ? 'running' : instance.state.toLowerCase()),
    fact('Received', time(instance.startTime)),
    fact('Ended', time(instance.endTime)),
    fact('Took', duration(instance.durationInMillis)),
    fact('Route', labelFor(values.route, ROUTE_LABELS)),
    fact('Outcome', labelFor(outcome, OUTCOME_LABELS), 'outcome'),
    fact('Source', values.source || '–'),
    fact('Reporter', values.reporter || '–'),
    fact('Jira issues', values.jiraIssueKeys || '–')),
  h('div', { className: 'btn-group ts-export' },
    h('button', { type: 'button', className: 'btn btn-default btn-sm', 'data-test': 'export-record-json',
      onClick: () => exportRecord(request, 'json') }, 'Export record as JSON'),
    h('button', { type: 'button', className: 'btn btn-default btn-sm', 'data-test': 'export-record-csv',
      onClick: () => exportRecord(request, 'csv') }, 'Export record as CSV'),
    instance.state === 'ACTIVE'
      ? h('a', { className: 'btn btn-default btn-sm', href: `#/process-instance/${instance.id}/runtime` },
        'Open in Cockpit\'s instance view') : null),
  request.recordProblem ? h('div', { className: 'alert alert-warning' }, request.recordProblem) : null,
  section('Path taken', 'diagram', diagram(request)),
  section('Timeline', 'timeline', timeline(request)),
  section('Analysis', 'analysis', analysis(request)),
  section('Decisions', 'decisions', decisions(request)),
  section('Review', 'review', review(request)),
  section('Jira actions', 'jira', jira(request)),
  section('Incidents and retries', 'failures', failures(request)),
  section('Outcome', 'final-outcome', finalOutcome(request, outcome))));
}

function fact(label, value, test) {
  return h('div', { className: 'ts-fact', 'data-test': test ? `fact-${test}` : null },
    h('div', { className: 'ts-fact-label' }, label), h('div', { className: 'ts-fact-value' }, value));
}

function section(title, test, ...content) {
  return h('section', { className: 'ts-section', 'data-test': `section-${test}` }, h('h3', {}, title), ...content);
}

function table(test, headers, rows) {
  return h('table', { className: 'table table-condensed table-bordered', 'data-test': test },
    h('thead', {}, h('tr', {}, headers.map((title) => h('th', {}, title)))),
    h('tbody', {}, rows));
}

function diagram(request) {
  if (!request.xml) {
    return h('p', { className: 'text-muted' }, 'The process diagram could not be read.');
  }
  const container = h('div', { className: 'ts-diagram' });
  try {
    renderDiagram(container, request.xml, request.activities, request.incidents);
  } catch (e) {
    container.appendChild(h('p', { className: 'text-danger' }, `The diagram could not be drawn: ${e.message}`));
  }
  return container;
}

function timeline(request) {
  const tasksByActivityInstance = new Map(request.tasks.map((task) => [task.activityInstanceId, task]));
  const steps = request.activities.filter((activity) => activity.activityName || activity.activityType === 'userTask');
  return table('timeline', ['Step', 'Type', 'Started', 'Ended', 'Took', 'By'], steps.map((activity) => {
    const task = tasksByActivityInstance.get(activity.id);
    const by = task ? whoCompleted(task, request) : null;
    return h('tr', { 'data-activity-id': activity.activityId, className: activity.canceled ? 'text-muted' : null },
      h('td', {}, activity.activityName || activity.activityId, activity.canceled ? ' (cancelled)' : ''),
      h('td', {}, activity.activityType),
      h('td', {}, time(activity.startTime)),
      h('td', {}, activity.endTime ? time(activity.endTime) : h('span', { className: 'label label-info' }, 'waiting')),
      h('td', {}, duration(activity.durationInMillis)),
      h('td', { 'data-test': 'completed-by' }, by || ''));
  }));
}

function whoCompleted(task, request) {
  if (!task.endTime) {
    return task.assignee ? `claimed by ${task.assignee}` : 'open';
  }
  if (task.deleteReason && task.deleteReason !== 'completed') {
    return task.deleteReason;
  }
  if (task.assignee) {
    return task.assignee;
  }
  // Completed without a claim: the review record says who decided.
  const reviews = request.record && Array.isArray(request.record.reviews) ? request.record.reviews : [];
  const match = reviews.find((review) => review.at && Math.abs(new Date(review.at) - new Date(task.endTime)) < 5000);
  return match ? match.by : 'completed';
}

function analysis(request) {
  const { values, record } = request;
  const rows = ANALYSIS_FIELDS.filter(([name]) => values[name] !== undefined && values[name] !== null)
    .map(([name, label]) => h('tr', {}, h('th', {}, label), h('td', {}, String(values[name]))));
  const proposed = record && record.analysis && record.analysis.result && Array.isArray(record.analysis.result.actions)
    ? record.analysis.result.actions : [];
  const input = record && record.input;
  return [
    rows.length ? h('table', { className: 'table table-condensed ts-keyvalue', 'data-test': 'analysis' }, h('tbody', {}, rows))
      : h('p', { className: 'text-muted' }, 'Not analysed yet.'),
    proposed.length ? h('div', {}, h('h4', {}, 'Proposed actions'), actionsTable('proposed-actions', proposed)) : null,
    input ? h('div', { className: 'ts-input' }, h('h4', {}, 'Input (as the model saw it, personal data removed)'),
      h('pre', { 'data-test': 'redacted-input' }, input.redactedText || ''),
      h('p', { className: 'text-muted' }, `Personal data removed: ${JSON.stringify(input.personalDataRemoved || {})}; `
        + `injection screening: ${input.injectionLevel || '–'} (${input.injectionScore ?? '–'})`)) : null,
    record && record.analysis && record.analysis.llmCall
      ? h('p', { className: 'text-muted' }, `LLM call: ${describeLlmCall(record.analysis.llmCall)}`) : null
  ];
}

function describeLlmCall(call) {
  return Object.entries(call).map(([key, value]) => `${key} ${typeof value === 'object' ? JSON.stringify(value) : value}`)
    .join(', ');
}

function actionsTable(test, actions) {
  return table(test, ['#', 'Type', 'Project', 'Issue', 'Details', 'Confidence'], actions.map((action, index) => {
    const { type, project, issueKey, confidence, ...details } = action;
    return h('tr', {}, h('td', {}, String(index + 1)), h('td', {}, type || ''), h('td', {}, project || ''),
      h('td', {}, issueKey || ''), h('td', {}, Object.entries(details).filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`).join('; ')),
      h('td', {}, confidence === undefined || confidence === null ? '' : String(confidence)));
  }));
}

function decisions(request) {
  if (request.decisions.length === 0) {
    return h('p', { className: 'text-muted' }, 'No decision evaluated yet.');
  }
  return request.decisions.map((decision) => {
    const matchedRules = [...new Set((decision.outputs || []).map((output) => output.ruleId).filter(Boolean))];
    return h('div', { className: 'ts-decision', 'data-test': 'decision', 'data-decision-key': decision.decisionDefinitionKey },
      h('h4', {}, decision.decisionDefinitionName || decision.decisionDefinitionKey, ' ',
        h('small', {}, `${decision.decisionDefinitionKey} · evaluated `, time(decision.evaluationTime), ' · ',
          h('a', { href: `#/decision-instance/${decision.id}`, 'data-test': 'decision-instance-link' },
            'open in Cockpit'))),
      h('p', {}, 'Matched rule', matchedRules.length === 1 ? ': ' : 's: ',
        matchedRules.length ? matchedRules.map((rule) => h('code', { 'data-test': 'matched-rule' }, rule))
          : h('em', {}, 'none (no rule matched)')),
      h('div', { className: 'row' },
        h('div', { className: 'col-md-6' }, table('decision-inputs', ['Input', 'Value'],
          (decision.inputs || []).map((input) => h('tr', {}, h('td', {}, input.clauseName || input.clauseId),
            h('td', {}, format(input.value)))))),
        h('div', { className: 'col-md-6' }, table('decision-outputs', ['Output', 'Value', 'Rule'],
          (decision.outputs || []).map((output) => h('tr', {}, h('td', {}, output.clauseName || output.variableName),
            h('td', {}, format(output.value)), h('td', {}, h('code', {}, output.ruleId || ''))))))));
  });
}

function format(value) {
  if (value === undefined || value === null) {
    return '–';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function review(request) {
  const reviews = request.record && Array.isArray(request.record.reviews) ? request.record.reviews : [];
  const openTask = request.tasks.find((task) => !task.endTime);
  const parts = [];
  if (openTask) {
    parts.push(h('p', { 'data-test': 'open-review' }, 'Waiting for review by ',
      h('strong', {}, openTask.assignee || request.values.reviewerGroup || 'a reviewer'),
      openTask.due ? [' (due ', time(openTask.due), ')'] : ''));
  }
  if (!request.record) {
    parts.push(h('p', { className: 'text-muted', 'data-test': 'reviews-unavailable' },
      'The reviews are part of the decision record, which is not available to you.'));
    return parts;
  }
  if (reviews.length === 0 && !openTask) {
    parts.push(h('p', { className: 'text-muted' }, request.values.route === 'AUTO'
      ? 'No review: the guardrails let the actions run automatically.' : 'No review recorded.'));
  }
  for (const entry of reviews) {
    const changes = Array.isArray(entry.changes) ? entry.changes : [];
    parts.push(h('div', { className: 'ts-review', 'data-test': 'review' },
      h('p', {}, h('strong', { 'data-test': 'reviewer' }, entry.by || 'unknown'), ' ',
        labelFor(entry.decision, { approve: 'label-success', reject: 'label-danger' }), ' ', time(entry.at)),
      entry.comment ? h('blockquote', {}, entry.comment) : null,
      entry.jiraError ? h('p', { className: 'text-warning' }, `Sent back by Jira: ${entry.jiraError}`) : null,
      changes.length === 0 ? h('p', { className: 'text-muted' }, 'Approved as proposed, no edits.')
        : table('review-changes', ['Action', 'Change', 'Field', 'Proposed', 'Approved'], changes.map((change) =>
          h('tr', {}, h('td', {}, String(Number(change.action) + 1)), h('td', {}, change.kind || ''),
            h('td', {}, change.field || ''), h('td', { className: 'ts-from' }, format(change.from)),
            h('td', { className: 'ts-to' }, format(change.to)))))));
  }
  return parts;
}

function jira(request) {
  const jiraRecord = request.record && request.record.jira;
  if (!jiraRecord) {
    return h('p', { className: 'text-muted' }, 'Not available.');
  }
  const results = Array.isArray(jiraRecord.results) ? jiraRecord.results : [];
  const calls = Array.isArray(jiraRecord.calls) ? jiraRecord.calls : [];
  const executed = new Map((jiraRecord.executed || []).map((entry) => [entry.actionIndex, entry]));
  return [
    results.length === 0 ? h('p', { className: 'text-muted' }, 'No action carried out.')
      : table('jira-actions', ['#', 'Action', 'Status', 'Issue', 'Carried out'], results.map((result) => h('tr', {},
        h('td', {}, String(result.index + 1)), h('td', {}, result.type || ''), h('td', {}, result.status || ''),
        h('td', {}, result.issueKey ? (result.url
          ? h('a', { href: result.url, target: '_blank', rel: 'noopener noreferrer' }, result.issueKey) : result.issueKey) : ''),
        h('td', {}, executed.has(result.index) ? time(executed.get(result.index).executedAt) : '')))),
    jiraRecord.lastError ? h('p', { className: 'text-warning' }, `Last Jira error: ${jiraRecord.lastError}`) : null,
    calls.length ? h('details', {}, h('summary', {}, `${calls.length} Jira API call(s)`),
      table('jira-calls', ['At', 'Operation', 'Status', 'Took'], calls.map((call) => h('tr', {},
        h('td', {}, time(call.calledAt)), h('td', {}, call.operation), h('td', {}, call.status),
        h('td', {}, duration(call.durationMillis)))))) : null
  ];
}

function failures(request) {
  const rows = [
    ...request.incidents.map((incident) => ({ at: incident.createTime, kind: `incident (${incident.open ? 'open'
      : incident.resolved ? 'resolved' : 'deleted'})`, activity: incident.activityId, message: incident.incidentMessage })),
    ...request.jobFailures.map((entry) => ({ at: entry.timestamp, kind: `job failed, ${entry.jobRetries} retries left`,
      activity: entry.activityId, message: entry.jobExceptionMessage })),
    ...request.taskFailures.map((entry) => ({ at: entry.timestamp, kind: `analysis failed, ${entry.retries ?? 0} retries left`,
      activity: entry.activityId, message: entry.errorMessage }))
  ].sort((a, b) => new Date(a.at) - new Date(b.at));
  if (rows.length === 0) {
    return h('p', { className: 'text-muted', 'data-test': 'no-failures' }, 'No incident, no retry.');
  }
  return table('failures', ['At', 'What', 'Step', 'Message'], rows.map((row) => h('tr', {},
    h('td', {}, time(row.at)), h('td', {}, row.kind), h('td', {}, row.activity || ''), h('td', {}, row.message || ''))));
}

function finalOutcome(request, outcome) {
  const { instance, values } = request;
  if (instance.state === 'ACTIVE') {
    return h('p', {}, 'Still running.');
  }
  return h('p', {}, labelFor(outcome, OUTCOME_LABELS), ' ', time(instance.endTime),
    values.guardrailReason ? ` · guardrails: ${values.guardrailReason}` : '',
    instance.deleteReason ? ` · ${instance.deleteReason}` : '');
}

function exportRecord(request, format) {
  const { instance, activities, tasks, decisions: decisionInstances, values, incidents, jobFailures, taskFailures, record } = request;
  const exported = {
    exportedAt: new Date().toISOString(),
    requestId: instance.businessKey,
    processInstance: instance,
    variables: values,
    timeline: activities,
    tasks,
    decisions: decisionInstances,
    incidents,
    jobFailures,
    analysisFailures: taskFailures,
    decisionRecord: record
  };
  const name = `ticketsmith-request-${instance.businessKey}`;
  if (format === 'json') {
    download(`${name}.json`, 'application/json', JSON.stringify(exported, null, 2));
  } else {
    download(`${name}.csv`, 'text/csv', toCsv(['field', 'value'], flatten(exported)));
  }
}
