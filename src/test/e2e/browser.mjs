// What the browser tests share: their settings from the environment, the system's Chromium (never a downloaded
// browser), and how a step reports that it passed.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const env = (name, fallback) => {
  const value = process.env[name] ?? fallback;
  if (value === undefined) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

export const OUTPUT = env('OUTPUT_DIR', 'target/e2e-output');

export async function launchChromium() {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: env('CHROMIUM_PATH', '/usr/bin/chromium'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync']
  });
}

export async function step(name, action) {
  const started = Date.now();
  await action();
  console.log(`ok - ${name} (${Date.now() - started} ms)`);
}

/**
 * Logs in on a webapp's login page. The page focuses its user field a moment after it is shown, which can pull
 * typing meant for the password into the user name, so the fields are checked and filled again until both hold
 * what was typed.
 */
export async function logIn(page, userId, password) {
  const user = page.locator('input[type=text]');
  const secret = page.locator('input[type=password]');
  for (let attempt = 1; ; attempt++) {
    await user.fill(userId);
    await secret.fill(password);
    if (await user.inputValue() === userId && await secret.inputValue() === password) {
      break;
    }
    if (attempt === 5) {
      throw new Error('the login form did not keep what was typed');
    }
  }
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === 'POST'
      && /\/api\/admin\/auth\/user\/[^/]+\/login\//.test(response.url())),
    page.click('button[type=submit]')]);
  // An accepted login makes the webapp leave its login page by itself; a click made before it has done so is undone
  // when it does, and the step finds itself on the dashboard. A refused one (no access to the app) stays.
  if (answer.ok()) {
    await page.waitForFunction(() => !window.location.hash.startsWith('#/login'));
  }
}
