// A draft reply reviewed in Camunda Tasklist, in headless Chromium: the reviewer sees what the reply check found, is
// refused while a gap is left in the text, mends the text in the form and approves. Started by ReplyReviewIT, which
// passes the waiting task in the environment. Exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { env, launchChromium, logIn, OUTPUT, step } from './browser.mjs';

const BASE_URL = env('BASE_URL');
const TASK = env('REPLY_TASK_ID');
const MENDED_TEXT = env('MENDED_TEXT');
const PASSWORD = env('DEMO_PASSWORD', 'demo');
const TASKLIST = `${BASE_URL}/camunda/app/tasklist/default/`;

const browser = await launchChromium();
const field = (page, id) => page.locator(`.fjs-container [id$="-${id}"]`);
const completeButton = (page) => page.locator('.form-actions button', { hasText: 'Complete' });

async function approve(page) {
  await page.getByLabel('Approve and execute').check();
  await page.waitForFunction(() => {
    const button = [...document.querySelectorAll('.form-actions button')].find((b) => b.textContent.includes('Complete'));
    return button && !button.disabled;
  }, null, { timeout: 5000 });
  await completeButton(page).click();
}

try {
  const context = await browser.newContext({ viewport: { width: 1500, height: 1400 } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${TASKLIST}#/login`);
  await logIn(page, 'reviewer', PASSWORD);

  await step('a reviewer opens a draft reply and sees what the reply check found beside the text', async () => {
    await page.goto(`${TASKLIST}#/?task=${TASK}`);
    await field(page, 'Field_ReplyFindings').waitFor({ timeout: 20000 });
    const findings = await field(page, 'Field_ReplyFindings').inputValue();
    assert.match(findings, /a gap is left to fill in: \[Customer Name\] \(must be fixed before it is sent\)/);
    assert.match(findings, /it says "refund"/, 'the forbidden promise is named');
    assert.match(await field(page, 'Field_ActionBody_0').inputValue(), /^Dear \[Customer Name\],/,
      'the drafted text is in the form');
    await page.screenshot({ path: join(OUTPUT, 'reply-01-findings.png'), fullPage: true });
  });

  await step('approving the reply with the gap is refused with the reason and the task stays open', async () => {
    await page.locator('.task-card a, .task-card button', { hasText: /^\s*Claim\s*$/ }).first().click();
    await page.locator('.task-card .assignee').filter({ hasText: /Reviewer/ }).first().waitFor();
    await approve(page);
    const notification = page.locator('.notifications .alert').last();
    await notification.waitFor({ timeout: 10000 });
    assert.match(await notification.innerText(), /The reply cannot be sent as it is/);
    await page.screenshot({ path: join(OUTPUT, 'reply-02-refused.png'), fullPage: true });
    assert.equal(await field(page, 'Field_ActionBody_0').count(), 1, 'the form is still there');
  });

  await step('the reviewer mends the text in the form and approves it', async () => {
    await page.locator('.page-notifications .alert button.close:not(.ng-hide)').first().click();
    await field(page, 'Field_ActionBody_0').fill(MENDED_TEXT);
    await approve(page);
    await page.locator('.fjs-container').waitFor({ state: 'detached', timeout: 15000 });
    assert.deepEqual(problems, [], 'no script errors');
  });
  await context.close();
} finally {
  await browser.close();
}
