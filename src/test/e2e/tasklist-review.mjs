// The review loop in Camunda Tasklist, in headless Chromium, as reviewers, leads and submitters use it.
// Started by TasklistReviewIT, which runs the application with three requests waiting for review (one of them
// already escalated) and passes their ids in the environment. Exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { env, launchChromium, logIn, OUTPUT, step } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const APPROVE_TASK = env('APPROVE_TASK_ID');
const APPROVE_REQUEST = env('APPROVE_REQUEST_ID');
const REJECT_TASK = env('REJECT_TASK_ID');
const ESCALATED_TASK = env('ESCALATED_TASK_ID');
const REVIEW_TASKS = Number(env('REVIEW_TASK_COUNT'));
const START_TEXT = env('START_TEXT');
const PASSWORD = env('DEMO_PASSWORD', 'demo');
const TASKLIST = `${BASE_URL}/camunda/app/tasklist/default/`;
const COCKPIT = `${BASE_URL}/camunda/app/cockpit/default/`;
const REVIEW_FILTER = 'Review tasks for my groups';

/** The fields the review form shows for each action type, and nothing else. */
const FIELDS_BY_TYPE = {
  create_issue: ['Action', 'Project key', 'Issue type', 'Issue summary', 'Description', 'Priority', 'Assignee',
    'Parent issue', 'Labels'],
  comment: ['Action', 'Issue key', 'Text'],
  assign: ['Action', 'Issue key', 'Assignee'],
  transition: ['Action', 'Issue key', 'Move to status'],
  add_labels: ['Action', 'Issue key', 'Labels'],
  draft_reply: ['Action', 'Reply to', 'Subject', 'Text'],
  link_issue: ['Action', 'Issue key', 'Link', 'Linked issue'],
  create_page: ['Action', 'Issue key', 'Confluence space', 'Template', 'Page title', 'Parent page id', 'Text'],
  tag: ['Action', 'Labels', 'Zendesk ticket'],
  set_priority: ['Action', 'Priority', 'Zendesk ticket'],
  internal_note: ['Action', 'Zendesk ticket', 'Text']
};
const TYPE_LABELS = {
  create_issue: 'Create issue', comment: 'Comment', assign: 'Assign', transition: 'Transition',
  add_labels: 'Add labels', draft_reply: 'Draft reply', link_issue: 'Link issue', create_page: 'Create page',
  tag: 'Zendesk: add tags', set_priority: 'Zendesk: set priority', internal_note: 'Zendesk: internal note'
};

const browser = await launchChromium();


async function session(app, userId) {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1200 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${app}#/login`);
  await logIn(page, userId, PASSWORD);
  return { context, page, problems };
}

async function screenshot(page, name) {
  await page.screenshot({ path: join(OUTPUT, `tasklist-${name}.png`), fullPage: true });
}

const filterItem = (page, name) => page.locator('.task-filter', { has: page.locator('h4.name a', { hasText: name }) });
const taskItem = (page, taskId) => page.locator('.tasks-list li.task', {
  has: page.locator(`h4.task a[href="#/?task=${taskId}"]`)
});
const completeButton = (page) => page.locator('.form-actions button', { hasText: 'Complete' });
const field = (page, id) => page.locator(`.fjs-container [id$="-${id}"]`);

async function openFilter(page, name) {
  await filterItem(page, name).locator('h4.name a').click();
  await page.waitForFunction((filterName) => [...document.querySelectorAll('.task-filter.active h4.name a')]
    .some((link) => link.textContent.includes(filterName)), name);
}

/**
 * The count Tasklist shows beside the focused filter. Tasklist fetches the count after the list, so the number is
 * read once it says what is expected (or after 10 s, whatever it says then).
 */
async function filterCount(page, name, expected) {
  const counter = filterItem(page, name).locator('.counter');
  await counter.waitFor({ state: 'visible' });
  await page.waitForFunction(({ filterName, count }) => [...document.querySelectorAll('.task-filter')]
    .some((filter) => filter.querySelector('h4.name a')?.textContent.includes(filterName)
      && filter.querySelector('.counter')?.textContent.trim() === String(count)), { filterName: name, count: expected },
  { timeout: 10000 }).catch(() => {});
  return Number((await counter.innerText()).trim());
}

async function openTask(page, taskId) {
  await taskItem(page, taskId).waitFor({ timeout: 15000 });
  await taskItem(page, taskId).locator('h4.task a').click();
  await page.locator('.fjs-container').waitFor();
  await page.locator('.fjs-container [id$="-Field_RequestText"]').waitFor();
}

async function claim(page) {
  await page.locator('.task-card a, .task-card button', { hasText: /^\s*Claim\s*$/ }).first().click();
  await page.locator('.task-card .assignee').filter({ hasText: /Reviewer|Lead/ }).first().waitFor();
}

async function choose(page, selectId, label) {
  await field(page, `${selectId}-display`).click();
  await page.locator('.fjs-dropdownlist-item').filter({ hasText: new RegExp(`^\\s*${label}\\s*$`) }).click();
}

/** Labels of the fields shown for one action of the dynamic list. */
async function shownFields(page, index) {
  const row = page.locator('.fjs-repeat-row-container').nth(index);
  return (await row.locator('.fjs-form-field-label').allInnerTexts()).map((label) => label.replace('*', '').trim());
}

async function notificationText(page) {
  const notification = page.locator('.notifications .alert').last();
  await notification.waitFor({ timeout: 10000 });
  return notification.innerText();
}

try {
  await step('a reviewer sees every review task offered to the reviewers in the review filter, with its count', async () => {
    const { context, page, problems } = await session(TASKLIST, 'reviewer');
    await openFilter(page, REVIEW_FILTER);
    await taskItem(page, APPROVE_TASK).waitFor({ timeout: 15000 });
    assert.equal(await filterCount(page, REVIEW_FILTER, REVIEW_TASKS), REVIEW_TASKS, 'the filter counts every open review');
    assert.equal(await page.locator('.tasks-list li.task').count(), REVIEW_TASKS, 'and lists each of them');
    assert.match(await taskItem(page, APPROVE_TASK).innerText(), /Summary:/, 'each task shows the request summary');
    assert.equal(await page.locator('.alert-danger:visible').count(), 0, 'no failure in the filter');
    await screenshot(page, '01-reviewer-filter');
    assert.deepEqual(problems, [], 'no script errors');
    await context.close();
  });

  await step('a reviewer claims a request, moves its issue to WEB at priority High, adds a label and approves it', async () => {
    const { context, page, problems } = await session(TASKLIST, 'reviewer');
    await openFilter(page, REVIEW_FILTER);
    await openTask(page, APPROVE_TASK);
    assert.equal(await field(page, 'Field_JiraError').count(), 0, 'no execution error is shown before any execution');
    assert.equal(await page.locator('.fjs-container', { hasText: 'escalated to the leads' }).count(), 0,
      'a review that is not overdue says nothing about escalation');
    assert.equal(await field(page, 'Field_ActionLabels_0').inputValue(), 'ai_fallback', 'the proposed label is shown');
    assert.deepEqual(await shownFields(page, 0), FIELDS_BY_TYPE.create_issue, 'only the fields of a new issue');
    await claim(page);

    await field(page, 'Field_ActionProject_0').fill('WEB');
    await choose(page, 'Field_ActionPriority_0', 'High');
    await field(page, 'Field_ActionLabels_0').fill('ai_fallback, login');
    await page.getByLabel('Approve and execute').check();
    await page.waitForFunction(() => {
      const button = [...document.querySelectorAll('.form-actions button')].find((b) => b.textContent.includes('Complete'));
      return button && !button.disabled;
    }, null, { timeout: 5000 });
    await screenshot(page, '02-reviewer-edits-and-approves');
    await completeButton(page).click();
    await taskItem(page, APPROVE_TASK).waitFor({ state: 'detached', timeout: 15000 });
    assert.deepEqual(problems, [], 'no script errors');
    await context.close();
  });

  await step('a reviewer claims and unclaims, sees the claimed task under "My tasks", and sees the fields of every action type', async () => {
    const { context, page } = await session(TASKLIST, 'reviewer');
    await openFilter(page, REVIEW_FILTER);
    await openTask(page, REJECT_TASK);
    await claim(page);
    await openFilter(page, 'My tasks');
    await taskItem(page, REJECT_TASK).waitFor();
    assert.equal(await filterCount(page, 'My tasks', 1), 1, '"My tasks" counts the claimed task');
    await screenshot(page, '03-my-tasks');

    await taskItem(page, REJECT_TASK).locator('h4.task a').click();
    await page.locator('.fjs-container').waitFor();
    await page.locator('.task-card .assignee .remove, .task-card [ng-click*="unclaim"]').first().click();
    await page.locator('.task-card a, .task-card button', { hasText: /^\s*Claim\s*$/ }).first().waitFor();
    await openFilter(page, 'My tasks');
    await taskItem(page, REJECT_TASK).waitFor({ state: 'detached' });
    assert.equal(await page.locator('.tasks-list li.task').count(), 0, 'unclaimed, it leaves "My tasks"');

    await openFilter(page, REVIEW_FILTER);
    await openTask(page, REJECT_TASK);
    await claim(page);
    const proposed = await page.locator('.fjs-repeat-row-container').count();
    for (const [type, fields] of Object.entries(FIELDS_BY_TYPE)) {
      await page.locator('button.fjs-repeat-render-add').click();
      await choose(page, `Field_ActionType_${proposed}`, TYPE_LABELS[type]);
      assert.deepEqual((await shownFields(page, proposed)).sort(), [...fields].sort(), `only the fields of ${type}`);
      if (type === 'draft_reply') {
        await screenshot(page, '04-added-draft-reply');
      }
      if (type === 'create_page') {
        const row = page.locator('.fjs-repeat-row-container').nth(proposed);
        assert.equal(await row.locator('.fjs-form-field-text', { hasText: 'How the page will look' }).count(), 1,
          'a page shows how it will look');
        await choose(page, `Field_ActionTemplate_${proposed}`, 'Post-mortem');
        await field(page, `Field_ActionSpace_${proposed}`).fill('ENG');
        await field(page, `Field_ActionSummary_${proposed}`).fill('Checkout outage post-mortem');
        await field(page, `Field_ActionBody_${proposed}`).fill('## Summary\nCard payments failed.');
        assert.equal(await field(page, `Field_ActionSpace_${proposed}`).inputValue(), 'ENG', 'the space is editable');
        await screenshot(page, '04-added-create-page');
      } else {
        assert.equal(await page.locator('.fjs-form-field-text', { hasText: 'How the page will look' }).count(), 0,
          `no page note for ${type}`);
      }
      await page.locator('.fjs-repeat-row-container').nth(proposed).locator('button.fjs-repeat-row-remove').click();
      assert.equal(await page.locator('.fjs-repeat-row-container').count(), proposed, `the ${type} action is removed`);
    }
    await context.close();
  });

  await step('a rejection without a comment is refused with a message and the task stays open; with one it ends the request', async () => {
    const { context, page } = await session(TASKLIST, 'reviewer');
    await openFilter(page, REVIEW_FILTER);
    await openTask(page, REJECT_TASK);
    await page.getByLabel('Reject').check();
    await completeButton(page).click();
    assert.match(await notificationText(page), /rejection needs a comment/, 'Tasklist shows why');
    await screenshot(page, '05-reject-without-comment');
    assert.equal(await taskItem(page, REJECT_TASK).count(), 1, 'the task is still open');

    await page.locator('.page-notifications .alert button.close:not(.ng-hide)').first().click();
    await page.locator('.page-notifications .alert').waitFor({ state: 'detached' });
    await field(page, 'Field_ReviewComment').fill('Not a bug: dark mode is on the roadmap for next quarter.');
    await completeButton(page).click();
    await taskItem(page, REJECT_TASK).waitFor({ state: 'detached', timeout: 15000 });
    await context.close();
  });

  await step('a reviewer submits a new request with the start form', async () => {
    const { context, page, problems } = await session(TASKLIST, 'reviewer');
    await page.locator('a', { hasText: 'Start process' }).first().click();
    await page.locator('.modal-dialog a', { hasText: 'Handle request' }).click();
    await page.locator('.modal-dialog .fjs-container [id$="-Field_RequestText"]').fill(START_TEXT);
    await page.locator('.modal-dialog .fjs-container [id$="-Field_Reporter"]').fill('Front desk');
    await choose(page, 'Field_ReplyTone', 'Empathetic');
    await screenshot(page, '06-start-form');
    await page.locator('.modal-dialog button', { hasText: /^\s*Start\s*$/ }).click();
    await page.locator('.modal-dialog').waitFor({ state: 'detached', timeout: 15000 });
    assert.match(await notificationText(page), /started|Handle request/i, 'Tasklist confirms the start');
    assert.deepEqual(problems, [], 'no script errors');
    await context.close();
  });

  await step('a lead finds the escalated review in the review filter, above the others, marked overdue', async () => {
    const { context, page, problems } = await session(TASKLIST, 'lead');
    await openFilter(page, REVIEW_FILTER);
    await taskItem(page, ESCALATED_TASK).waitFor({ timeout: 15000 });
    assert.equal(await filterCount(page, REVIEW_FILTER, 1), 1, 'a lead sees only what was escalated to the leads');
    assert.equal((await taskItem(page, ESCALATED_TASK).locator('.priority').innerText()).trim(), '75',
      'the escalation raised the priority by 25');
    await openTask(page, ESCALATED_TASK);
    assert.equal(await page.locator('.fjs-container', { hasText: 'escalated to the leads' }).count(), 1,
      'the form says the review is overdue');
    await claim(page);
    await screenshot(page, '07-lead-escalated');
    assert.deepEqual(problems, [], 'no script errors');
    await context.close();
  });

  await step('an auditor sees in Cockpit who approved the request and what they changed', async () => {
    const { context, page } = await session(COCKPIT, 'auditor');
    await page.getByRole('link', { name: 'Requests', exact: true }).click();
    await page.waitForSelector('[data-test=request-list]');
    await page.locator(`[data-test=request-list] tr[data-request-id="${APPROVE_REQUEST}"] a.ts-open`).click();
    await page.locator(`[data-test=request-detail][data-request-id="${APPROVE_REQUEST}"]`).waitFor();
    assert.equal(await page.locator('[data-test=review] [data-test=reviewer]').innerText(), 'reviewer');
    const changes = await page.locator('[data-test=review-changes]').innerText();
    assert.match(changes, /project\s+OPS\s+WEB/, 'the project edit is listed');
    assert.match(changes, /priority\s+Medium\s+High\b/, 'the priority edit is listed');
    assert.match(changes, /labels[\s\S]*login/, 'the label edit is listed');
    await screenshot(page, '08-cockpit-review');
    await context.close();
  });
} finally {
  await browser.close();
}
