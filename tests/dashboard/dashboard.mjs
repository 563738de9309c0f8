// Drives petrel's dashboard in a real headless Chromium (Debian's `chromium`) through
// playwright-core: every panel draws, a country filter changes the table and the chart and the
// URL, a row opens its evidence, story search finds snippets, and a screenshot is saved.
// Usage: node dashboard.mjs BASE_URL SCREENSHOT.png   (run by tests/dashboard.rs)
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';

const [base, shot] = process.argv.slice(2);
assert.ok(base && shot, 'usage: node dashboard.mjs BASE_URL SCREENSHOT.png');
const executablePath = process.env.PETREL_CHROMIUM || '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  page.on('pageerror', (e) => failures.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') failures.push(`console error: ${m.text()}`); });
  // Nothing may come from anywhere but petrel itself.
  const origin = new URL(base).origin;
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (!url.startsWith(origin)) { failures.push(`request outside petrel: ${url}`); return route.abort(); }
    return route.continue();
  });

  const ready = async (sel) => page.waitForSelector(`${sel}[data-state="ready"]`, { timeout: 20000 });
  const panels = async () => Promise.all(['#timeseries', '#map', '#network', '#events'].map(ready));

  await page.goto(base + '/');
  await panels();
  const before = await page.evaluate(() => ({
    canvas: document.querySelectorAll('#timeseries canvas').length,
    total: Number(document.querySelector('#timeseries').dataset.total),
    land: document.querySelectorAll('#map path.land').length,
    places: document.querySelectorAll('#map circle.place').length,
    edges: document.querySelectorAll('#network line').length,
    nodes: document.querySelectorAll('#network circle').length,
    rows: document.querySelectorAll('#events tbody tr').length,
    summary: document.querySelector('#summary').textContent,
  }));
  console.log('before filter', JSON.stringify(before));
  assert.ok(before.canvas >= 1, 'the time series draws a canvas');
  assert.ok(before.total > 0, 'the time series counts events');
  assert.ok(before.land > 100, 'the map draws country outlines');
  assert.ok(before.places >= 1, 'the map draws places');
  assert.ok(before.edges >= 1 && before.nodes >= 2, 'the network draws dyads');
  assert.ok(before.rows >= 5, 'the table lists events');
  assert.match(before.summary, /\d+ stories, \d+ events/);

  // The country with the fewest events (but some) changes every panel when chosen.
  const all = await (await fetch(`${base}/api/events?limit=1000`)).json();
  const counts = new Map();
  for (const e of all.events) {
    for (const c of new Set([e.source.country, e.target && e.target.country])) if (c) counts.set(c, (counts.get(c) || 0) + 1);
  }
  const [country] = [...counts.entries()].filter(([, n]) => n < all.events.length).sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
  await page.fill('#filters input[name=country]', country);
  await page.click('#filters button[type=submit]');
  await page.waitForFunction((c) => new URLSearchParams(location.search).get('country') === c, country);
  await panels();
  const after = await page.evaluate(() => ({
    total: Number(document.querySelector('#timeseries').dataset.total),
    rows: [...document.querySelectorAll('#events tbody tr')].map((r) => r.dataset.id),
  }));
  console.log('after filter', country, JSON.stringify({ total: after.total, rows: after.rows.length }));
  assert.ok(after.rows.length >= 1 && after.rows.length < before.rows, 'the table changes with the country');
  assert.ok(after.total >= 1 && after.total < before.total, 'the chart changes with the country');
  for (const id of after.rows) {
    const e = all.events.find((x) => x.id === id);
    assert.ok(e && (e.source.country === country || (e.target && e.target.country === country)), `${id} involves ${country}`);
  }

  // A bookmarked view comes back the same.
  await page.reload();
  await panels();
  assert.equal(await page.inputValue('#filters input[name=country]'), country);
  assert.equal(await page.locator('#events tbody tr').count(), after.rows.length);

  // A row opens its evidence: the sentence with source, target and trigger marked, and the
  // dictionary lines that fired.
  await page.click('#events tbody tr:first-child');
  await page.waitForSelector('#evidence[data-state="ready"]', { timeout: 10000 });
  const evidence = await page.evaluate(() => ({
    trigger: document.querySelectorAll('#evidence mark.trigger').length,
    source: document.querySelectorAll('#evidence mark.source').length,
    lines: document.querySelectorAll('#evidence dd code').length,
    text: document.querySelector('#evidence').textContent,
  }));
  console.log('evidence', JSON.stringify({ ...evidence, text: evidence.text.slice(0, 120) }));
  assert.ok(evidence.trigger === 1 && evidence.source >= 1, 'the sentence marks source and trigger');
  assert.ok(evidence.lines >= 1, 'the evidence lists dictionary lines');

  // Story search.
  await page.fill('#search input[name=q]', 'minister');
  await page.click('#search button[type=submit]');
  await page.waitForSelector('#stories[data-state="ready"]', { timeout: 10000 });
  assert.ok(await page.locator('#stories mark.hit').count() >= 1, 'story search marks its hits');

  // Back to everything for the picture, with one event's evidence open.
  await page.click('#clear');
  await panels();
  await page.click('#events tbody tr:nth-child(2)');
  await page.waitForSelector('#evidence[data-state="ready"]');
  await page.screenshot({ path: shot, fullPage: true });
  console.log('screenshot', shot);
} finally {
  await browser.close();
}
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
