// The Cockpit "Requests" plugin in headless Chromium, as an auditor, a reviewer and a process owner use it.
// Started by CockpitRequestsPluginIT, which runs the application with a finished and a running request and
// passes what it created in the environment. Exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { env, launchChromium, logIn, OUTPUT, step } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const FINISHED = env('FINISHED_REQUEST_ID');
const RUNNING = env('RUNNING_REQUEST_ID');
const REFUSED = env('REFUSED_REQUEST_ID');
const JIRA_KEY = env('FINISHED_JIRA_KEY');
const GUARDRAIL_RULE = env('FINISHED_GUARDRAIL_RULE');
const REVIEWER = env('FINISHED_REVIEWER');
const PASSWORD = env('DEMO_PASSWORD', 'demo');
const WHATIF_CANDIDATE = env('WHATIF_CANDIDATE');
const COCKPIT = `${BASE_URL}/camunda/app/cockpit/default/`;

const browser = await launchChromium();


async function session(userId) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/favicon|camunda-welcome|status of 40[134]/.test(message.text())) {
      problems.push(message.text());
    }
  });
  await page.goto(`${COCKPIT}#/login`);
  await logIn(page, userId, PASSWORD);
  return { context, page, problems };
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(OUTPUT, `${name}.png`), fullPage: true });
}

async function downloadOf(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = join(OUTPUT, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), content: readFileSync(path, 'utf8') };
}

const rowOf = (page, requestId) => page.locator(`[data-test=request-list] tr[data-request-id="${requestId}"]`);

try {
  await step('the auditor finds "Requests" in Cockpit\'s navigation and sees all three requests', async () => {
    const { page, problems } = await session('auditor');
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await page.waitForSelector('[data-test=request-list]');
    assert.equal(await rowOf(page, FINISHED).count(), 1, 'the finished request is listed');
    assert.equal(await rowOf(page, RUNNING).count(), 1, 'the running request is listed');
    assert.equal(await rowOf(page, REFUSED).count(), 1, 'the refused request is listed');
    assert.ok((await rowOf(page, REFUSED).innerText()).includes('REFUSED'), 'the refused request\'s outcome is REFUSED');
    assert.ok(!(await rowOf(page, REFUSED).innerText()).includes('REJECTED'), 'a refusal is not a reviewer\'s rejection');
    await screenshot(page, '01-auditor-request-list');

    await page.selectOption('#ts-filter-state', 'finished');
    await page.click('[data-test=apply-filters]');
    await page.waitForFunction(() => document.querySelector('[data-test=list-status]')?.textContent.includes('of 2'));
    assert.equal(await rowOf(page, FINISHED).count(), 1, 'the finished filter keeps the finished request');
    assert.equal(await rowOf(page, REFUSED).count(), 1, 'the finished filter keeps the refused request');
    assert.equal(await rowOf(page, RUNNING).count(), 0, 'the finished filter drops the running request');

    await page.selectOption('#ts-filter-outcome', 'REFUSED');
    await page.click('[data-test=apply-filters]');
    await page.waitForFunction(() => document.querySelector('[data-test=list-status]')?.textContent.includes('of 1'));
    assert.equal(await rowOf(page, REFUSED).count(), 1, 'the outcome filter REFUSED finds the refused request');
    assert.equal(await rowOf(page, FINISHED).count(), 0, 'the outcome filter REFUSED drops the done request');
    await page.selectOption('#ts-filter-outcome', 'REJECTED');
    await page.click('[data-test=apply-filters]');
    await page.waitForFunction(() => document.querySelector('[data-test=list-status]')?.textContent
      .includes('No request matches'));
    assert.equal(await rowOf(page, REFUSED).count(), 0, 'the outcome filter REJECTED does not find the refused request');

    await page.click('button:has-text("Clear")');
    await page.waitForSelector(`[data-test=request-list] tr[data-request-id="${RUNNING}"]`);
    await page.fill('#ts-filter-jira', JIRA_KEY);
    await page.click('[data-test=apply-filters]');
    await page.waitForFunction(() => document.querySelector('[data-test=list-status]')?.textContent.includes('of 1'));
    assert.equal(await rowOf(page, FINISHED).count(), 1, `searching ${JIRA_KEY} finds the request that created it`);
    assert.equal(await rowOf(page, RUNNING).count(), 0);
    await screenshot(page, '02-auditor-filtered-by-jira-key');

    const list = await downloadOf(page, '[data-test=export-list-csv]');
    const lines = list.content.trim().split('\r\n');
    assert.match(lines[0], /^requestId,processInstanceId,state,/, 'the list CSV has a header');
    assert.equal(lines.length, 2, 'the list CSV holds exactly the filtered request');
    assert.ok(lines[1].startsWith(FINISHED), 'the list CSV row is the finished request');
    assert.ok(lines[1].includes(JIRA_KEY));

    await rowOf(page, FINISHED).locator('a.ts-open').click();
    const detail = page.locator(`[data-test=request-detail][data-request-id="${FINISHED}"]`);
    await detail.waitFor();
    const reviewStep = page.locator('[data-test=timeline] tr[data-activity-id=Task_ReviewProposedActions]');
    assert.equal(await reviewStep.locator('[data-test=completed-by]').innerText(), REVIEWER,
      'the timeline says who completed the review');
    assert.ok(await page.locator('[data-test=timeline] tr[data-activity-id=Task_ExecuteActions]').count() === 1,
      'the timeline shows the execution step');
    const decisions = page.locator('[data-test=decision][data-decision-key=guardrails]');
    assert.equal(await decisions.count(), 2, 'the guardrails decided on the proposal and again on the approved actions');
    const guardrails = decisions.first();
    assert.deepEqual(await guardrails.locator('[data-test=matched-rule]').allInnerTexts(), [GUARDRAIL_RULE],
      'the guardrail decision shows the rule that matched');
    assert.match(await guardrails.locator('[data-test=decision-instance-link]').getAttribute('href'),
      /^#\/decision-instance\/[0-9a-z-]+$/, 'the decision links to Cockpit\'s decision instance view');
    assert.equal(await page.locator('[data-test=review] [data-test=reviewer]').innerText(), REVIEWER,
      'the review section names the reviewer');
    assert.ok(await page.locator('[data-test=review-changes] tr').count() > 1, 'the reviewer\'s edits are listed');
    assert.equal(await page.locator('[data-test=jira-actions] a', { hasText: JIRA_KEY }).count(), 1,
      'the Jira action links to the issue');
    assert.equal(await page.locator('[data-test=fact-outcome]').innerText().then((text) => text.includes('DONE')), true);
    assert.equal(await page.locator('[data-test=diagram] [data-element-id=Task_ReviewProposedActions][data-state=passed]')
      .count(), 1, 'the diagram marks the review step as passed');
    const taken = await page.locator('[data-test=diagram] [data-taken=true]')
      .evaluateAll((flows) => flows.map((flow) => flow.getAttribute('data-element-id')));
    assert.equal(await page.locator('[data-test=diagram] [data-element-id=Task_DecidePriority][data-state=passed]')
      .count(), 1, 'the diagram marks the priority decision as passed');
    for (const flow of ['Flow_BudgetRouteToAnalyzeRequest', 'Flow_LlmUnavailableToAnalyzeWithRules', 'Flow_RouteNeedsReview',
      'Flow_AnalysisJoinedToDecidePriority', 'Flow_DecidePriorityToCheckGuardrails',
      'Flow_ReviewDecisionToCheckReviewedActions', 'Flow_CheckReviewedActionsToReviewedActions',
      'Flow_ReviewedActionsToExecuteActions', 'Flow_RecordDoneToRequestDone']) {
      assert.ok(taken.includes(flow), `the diagram marks ${flow} as taken (marked: ${taken})`);
    }
    for (const flow of ['Flow_BudgetRouteToAnalyzeWithRules', 'Flow_RouteToExecuteActions', 'Flow_RouteToRecordRefused',
      'Flow_ReviewedActionsToRecordRefused', 'Flow_ReviewedActionsToReviewProposedActions']) {
      assert.ok(!taken.includes(flow), `the diagram does not mark ${flow}, which the request did not take`);
    }
    await screenshot(page, '03-auditor-finished-request');

    const record = await downloadOf(page, '[data-test=export-record-csv]');
    assert.equal(record.name, `ticketsmith-request-${FINISHED}.csv`);
    assert.match(record.content, /^field,value\r\n/, 'the record CSV has a header');
    assert.ok(record.content.includes(`requestId,${FINISHED}`), 'the record CSV names the request');
    assert.ok(record.content.includes(GUARDRAIL_RULE), 'the record CSV holds the matched rule');
    assert.ok(record.content.includes(REVIEWER), 'the record CSV holds the reviewer');
    const json = await downloadOf(page, '[data-test=export-record-json]');
    assert.equal(JSON.parse(json.content).requestId, FINISHED, 'the JSON export is the whole record');

    await page.click('[data-test=back-to-list]');
    await page.waitForFunction((key) => document.querySelector('#ts-filter-jira')?.value === key, JIRA_KEY);
    await page.click('button:has-text("Clear")');
    await page.waitForSelector(`[data-test=request-list] tr[data-request-id="${REFUSED}"]`);
    await rowOf(page, REFUSED).locator('a.ts-open').click();
    await page.locator(`[data-test=request-detail][data-request-id="${REFUSED}"]`).waitFor();
    assert.ok((await page.locator('[data-test=fact-outcome]').innerText()).includes('REFUSED'),
      'the refused request\'s outcome is REFUSED');
    const refusedPath = await page.locator('[data-test=diagram] [data-taken=true]')
      .evaluateAll((flows) => flows.map((flow) => flow.getAttribute('data-element-id')));
    for (const flow of ['Flow_RouteToRecordRefused', 'Flow_RecordRefusedToRequestRefused']) {
      assert.ok(refusedPath.includes(flow), `the refused request's diagram marks ${flow} as taken (marked: ${refusedPath})`);
    }
    assert.ok(!refusedPath.includes('Flow_RouteNeedsReview'), 'the refused request never went to review');
    await screenshot(page, '03b-auditor-refused-request');

    await page.click('[data-test=back-to-list]');
    await page.waitForSelector(`[data-test=request-list] tr[data-request-id="${RUNNING}"]`);
    await rowOf(page, RUNNING).locator('a.ts-open').click();
    await page.locator(`[data-test=request-detail][data-request-id="${RUNNING}"]`).waitFor();
    assert.equal(await page.locator('[data-test=diagram] [data-element-id=Task_ReviewProposedActions][data-state=active]')
      .count(), 1, 'a running request shows where it waits');
    assert.equal(await page.locator('[data-test=open-review]').count(), 1, 'a running request shows its open review');
    const forged = page.locator('[data-test=jira-actions] td', { hasText: 'WEB-666' });
    assert.equal(await forged.count(), 1, 'a result someone else wrote is shown');
    assert.equal(await page.locator('[data-test=request-detail] a[href^="javascript" i]').count(), 0,
      'but its javascript: address is no link');
    await screenshot(page, '04-auditor-running-request');
    assert.deepEqual(problems, [], 'no script errors in the page');
  });

  await step('an operator reads the history but not the decision record, and is told so', async () => {
    const { page } = await session('operator');
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await page.waitForSelector('[data-test=request-list]');
    await rowOf(page, FINISHED).locator('a.ts-open').click();
    await page.locator(`[data-test=request-detail][data-request-id="${FINISHED}"]`).waitFor();
    assert.equal(await page.locator('[data-test=reviews-unavailable]').count(), 1,
      'the review section says the record is not available instead of claiming there was no review');
    assert.equal(await page.locator('[data-test=review]').count(), 0);
    assert.ok(await page.locator('[data-test=timeline] tr').count() > 5, 'the history itself is shown');
    await screenshot(page, '05-operator-finished-request');
  });

  await step('a reviewer gets no request history in Cockpit', async () => {
    const { page } = await session('reviewer');
    await page.waitForTimeout(1500);
    await page.goto(`${COCKPIT}#/requests`);
    await page.waitForTimeout(2500);
    await screenshot(page, '06-reviewer');
    const text = await page.locator('body').innerText();
    assert.equal(await page.locator('[data-test=request-list]').count(), 0, 'no request list for a reviewer');
    assert.ok(!text.includes(FINISHED.substring(0, 8)) && !text.includes(RUNNING.substring(0, 8)),
      'no request id appears for a reviewer');
  });

  await step('a process owner, in Cockpit but without history rights, is told so and sees no request', async () => {
    const { page } = await session('owner');
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await page.waitForSelector('[data-test=not-authorized]');
    await screenshot(page, '07-process-owner');
    assert.equal(await page.locator('[data-test=request-list]').count(), 0);
    const text = await page.locator('body').innerText();
    assert.ok(!text.includes(FINISHED.substring(0, 8)), 'no request id appears for a process owner');
  });

  await step('an auditor replays the finished requests through a candidate table on the What-if page', async () => {
    const { page, problems } = await session('auditor');
    await page.getByRole('link', { name: 'What-if', exact: true }).click();
    await page.waitForSelector('[data-test=whatif-form]');
    await page.setInputFiles('#ts-whatif-file', WHATIF_CANDIDATE);
    await page.click('[data-test=whatif-run]');
    await page.waitForSelector('[data-test=whatif-figures], [data-test=whatif-error]', { timeout: 20000 })
      .catch(async (error) => {
        throw new Error(`${error.message}; the page shows: ${await page.locator('[data-test=whatif-result]').innerText()}`
          + `; script errors: ${problems}`);
      });
    const refusal = page.locator('[data-test=whatif-error]');
    assert.equal(await refusal.count(), 0, `the replay ran: ${await refusal.allInnerTexts()}`);
    const change = page.locator('[data-test=whatif-changes] tbody tr');
    assert.equal(await change.count(), 1, 'one route changes');
    const cells = await change.first().locator('td').allInnerTexts();
    assert.deepEqual(cells.slice(0, 3), ['REJECT', 'REVIEW', '1'], 'the refused request would have been reviewed');
    assert.match(cells[3], new RegExp(REFUSED), 'and it is named, linked to its record');
    assert.equal(await page.locator(`[data-test=whatif-changes] a[href*="${REFUSED}"]`).count(), 1);
    const csv = await downloadOf(page, '[data-test=whatif-csv]');
    assert.match(csv.content, new RegExp(`REJECT.*REVIEW.*${REFUSED}|${REFUSED}.*REJECT.*REVIEW`), 'the CSV lists it');
    await screenshot(page, '08-whatif');
    assert.deepEqual(problems, [], 'no script errors');
  });
} finally {
  await browser.close();
}
