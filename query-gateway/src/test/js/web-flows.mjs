// Clicks through the web page's flows in headless Chromium (Debian's /usr/bin/chromium) and saves screenshots.
// Usage: node src/test/js/web-flows.mjs GATEWAY_URL SCREENSHOT_DIR   (exit code 0 = every flow passed)
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [url, shots] = process.argv.slice(2);
if (!url || !shots) {
  console.error('usage: node web-flows.mjs GATEWAY_URL SCREENSHOT_DIR');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const TIMEOUT = 20000;

function check(condition, message) {
  if (!condition) throw new Error('check failed: ' + message);
  console.log('ok - ' + message);
}

async function cardIds(page, grid) {
  return page.$$eval(`#${grid} .card`, (cards) => cards.map((c) => Number(c.dataset.id)));
}

async function pickGodfather(page) {
  await page.fill('#title-input', 'godf');
  const option = page.locator('#suggestions li', { hasText: 'Godfather, The' }).first();
  await option.waitFor({ timeout: TIMEOUT });
  await option.click();
  await page.locator('#details h3', { hasText: 'Godfather' }).waitFor({ timeout: TIMEOUT });
  await page.waitForFunction(() => document.querySelectorAll('#similar-grid .card').length >= 5, null,
    { timeout: TIMEOUT });
}

async function desktop(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(url);

  // freshness indicator
  await page.waitForSelector('#freshness.fresh');
  const freshness = await page.textContent('#freshness-text');
  check(/Index live · \d+ films · last change .* · generation \d+/.test(freshness), 'freshness shown: ' + freshness);
  check(await page.locator('#index-banner').isHidden(), 'no banner while the index is live and fresh');
  await page.screenshot({ path: join(shots, '01-home.png'), fullPage: true });

  // autocomplete -> details + similar grid with reasons and poster placeholders
  await pickGodfather(page);
  const details = await page.textContent('#details');
  check(details.includes('Francis Ford Coppola'), 'details name the director');
  const reasons = await page.$$eval('#similar-grid .reason', (nodes) => nodes.map((n) => n.textContent));
  check(reasons.some((r) => r.includes('Coppola')), 'a similar film says why: ' + reasons[0]);
  check(await page.locator('#similar-grid .placeholder').count() > 0, 'films without a poster get a placeholder');
  check(!(await cardIds(page, 'similar-grid')).includes(858), 'the film itself is not among the similar');
  await page.screenshot({ path: join(shots, '02-similar.png'), fullPage: true });

  // genre and year filters
  await page.selectOption('#genre', 'Drama');
  await page.fill('#year-from', '1970');
  await page.fill('#year-to', '1999');
  await page.dispatchEvent('#year-to', 'change');
  await page.waitForFunction(() => {
    const metas = [...document.querySelectorAll('#similar-grid .card .meta')].map((m) => m.textContent);
    return metas.length > 0 && metas.every((m) => m.includes('Drama') && +m.slice(0, 4) >= 1970 && +m.slice(0, 4) <= 1999);
  });
  check(true, 'filters narrow the similar films to Drama, 1970-1999');
  await page.screenshot({ path: join(shots, '03-filtered.png'), fullPage: true });
  await page.selectOption('#genre', '');
  await page.fill('#year-from', '');
  await page.fill('#year-to', '');
  await page.dispatchEvent('#year-to', 'change');
  await page.waitForFunction(() => [...document.querySelectorAll('#similar-grid .card .meta')]
    .some((m) => !m.textContent.includes('Drama') || +m.textContent.slice(0, 4) < 1970 || +m.textContent.slice(0, 4) > 1999));

  // free text
  await page.fill('#describe-input', 'toys that come alive when nobody is watching');
  await page.click('#describe-go');
  await page.waitForSelector('#search-grid .card');
  const firstFound = await page.textContent('#search-grid .card .title');
  check(firstFound.startsWith('Toy Story'), 'free text finds ' + firstFound);
  await page.screenshot({ path: join(shots, '04-describe.png'), fullPage: true });

  // like two films -> recommendations without them
  const liked = (await cardIds(page, 'similar-grid')).slice(0, 2);
  await page.locator('#similar-grid .card .like').nth(0).click();
  await page.locator('#similar-grid .card .like').nth(1).click();
  check(await page.locator('#liked-list .chip').count() === 2, 'two films in the liked list');
  await page.click('#recommend-go');
  await page.waitForSelector('#recs-grid .card');
  const recommended = await cardIds(page, 'recs-grid');
  check(recommended.length >= 5 && liked.every((id) => !recommended.includes(id)),
    'recommendations leave the liked films out: ' + recommended.slice(0, 5));
  const recReasons = await page.$$eval('#recs-grid .reason', (nodes) => nodes.map((n) => n.textContent));
  check(recReasons.some((r) => r.includes(', like ')), 'a recommendation says which liked film it follows');
  await page.screenshot({ path: join(shots, '05-recommendations.png'), fullPage: true });
  await page.close();
}

async function phone(browser) {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true,
    hasTouch: true });
  page.setDefaultTimeout(TIMEOUT);
  await page.goto(url);
  await page.waitForSelector('#freshness.fresh');
  await pickGodfather(page);
  const columns = await page.$eval('#similar-grid', (g) => getComputedStyle(g).gridTemplateColumns.split(' ').length);
  check(columns === 2, 'two columns of films at phone width');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(overflow <= 0, 'no sideways scrolling at phone width');
  await page.screenshot({ path: join(shots, '06-phone.png'), fullPage: true });
  await page.close();
}

const browser = await chromium.launch({ executablePath, headless: true, args: ['--no-sandbox'] });
try {
  await desktop(browser);
  await phone(browser);
  console.log('all web flows passed');
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
