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
