// The page while the index is down: a visible banner and a red indicator, never "Index live".
// Usage: node src/test/js/index-down.mjs GATEWAY_URL SCREENSHOT_DIR   (exit code 0 = the banner showed)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, shots] = process.argv.slice(2);
if (!url || !shots) {
  console.error('usage: node index-down.mjs GATEWAY_URL SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20000);
  await page.goto(url);
  await page.waitForSelector('#freshness.down');
  await page.waitForSelector('#index-banner:not([hidden])');
  const banner = await page.textContent('#index-banner');
  if (!/not answering|not live/.test(banner)) throw new Error('banner says: ' + banner);
  const indicator = await page.textContent('#freshness-text');
  if (indicator.includes('Index live')) throw new Error('the indicator still says: ' + indicator);
  console.log('ok - banner shown: ' + banner);
  await page.screenshot({ path: join(shots, '07-index-down.png'), fullPage: true });
  console.log('index-down page passed');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
