// The dashboard benchmark's browser part (#12 Speed), after dashboard.mjs set the dashboard up: in
// headless Chromium a signed-in user opens the dashboard page (full navigation) and the time is
// taken from navigation start to the last of its 12 widgets drawn (no spinner left, every widget
// showing its chart, KPI or table):
//   cold — a filter state the server has never run (its query cache holds nothing for it; the
//          API part already ran the default state, so "right after the upload" is the API's cold),
//   warm — the same page opened again (RUNS times, median),
//   filter change — on the open page, the values filter set to new origins (through the page's
//          URL, as its filter bar does) until every widget shows the new numbers.
// Targets: cold ≤ 1.5 s, warm ≤ 300 ms, filter change ≤ 1 s. Prints one JSON line.
// Usage: node dashboard-page.mjs BASE EMAIL PASSWORD PROJECT IDS_JSON
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../webapp/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [base, email, password, project, idsFile] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 5);
const { dashboard } = JSON.parse(readFileSync(idsFile, 'utf8'));
const WIDGETS = 12;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// In the page: true (and the time noted) once every widget section is drawn; with `before`, only
// when each one's text differs from what it showed then.
function drawn({ count, before }) {
  const sections = [...document.querySelectorAll('main section[aria-label]')].filter(
    (s) => !s.querySelector('[role="combobox"], input, select'),
  );
  if (sections.length < count) return false;
  for (const [i, s] of sections.entries()) {
    if ([...s.querySelectorAll('[role="status"]')].some((e) => /Loading/.test(e.textContent ?? ''))) return false;
    const shows = s.querySelector('svg.recharts-surface, table tbody tr, figure') || /\d/.test(s.textContent ?? '');
    if (!shows || /No data yet|could not be loaded/.test(s.textContent ?? '')) return false;
    if (before && before[i] === s.textContent) return false;
  }
  window.__drawnAt = performance.now();
  return true;
}
const texts = (count) =>
  [...document.querySelectorAll('main section[aria-label]')]
    .filter((s) => !s.querySelector('[role="combobox"], input, select'))
    .slice(0, count)
    .map((s) => s.textContent);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await (await browser.newContext({ viewport: { width: 1600, height: 1400 } })).newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const url = (query) => `${base}/projects/${project}/dashboards/${dashboard}${query}`;
  async function open(query) {
    await page.goto(url(query));
    await page.waitForFunction(drawn, { count: WIDGETS }, { polling: 'raf', timeout: 120_000 });
    // performance.now() counts from this document's navigation start; the data request's own span
    // tells what the page spends around it.
    return page.evaluate(() => {
      const data = performance
        .getEntriesByType('resource')
        .filter((e) => /\/dashboards\/[^/]+\/data$/.test(e.name));
      const last = data[data.length - 1];
      return {
        ms: Math.round(window.__drawnAt),
        dataFrom: last ? Math.round(last.startTime) : null,
        dataTo: last ? Math.round(last.responseEnd) : null,
      };
    });
  }
  // A page load of the app first (scripts and styles in the browser's cache, as a returning user).
  await open('?f.origin=ATL&f.origin=ORD&f.origin=DFW');
  const cold = await open('?f.origin=BOS&f.origin=JFK');
  const warmRuns = [];
  for (let i = 0; i < RUNS; i++) warmRuns.push(await open('?f.origin=BOS&f.origin=JFK'));
  const warm = warmRuns.map((r) => r.ms);
  const changes = [];
  for (const next of [['SEA'], ['MIA', 'MCO'], ['IAH'], ['MSP', 'DTW'], ['PHL']].slice(0, RUNS)) {
    const before = await page.evaluate(texts, WIDGETS);
    const search = next.map((o) => `f.origin=${o}`).join('&');
    const answered = page.waitForResponse(
      (r) => /\/dashboards\/[^/]+\/data$/.test(r.url()) && r.request().method() === 'POST',
      { timeout: 120_000 },
    );
    await page.evaluate((s) => {
      window.__changeAt = performance.now();
      history.pushState(history.state, '', `${location.pathname}?${s}`);
      window.dispatchEvent(new PopStateEvent('popstate', { state: history.state }));
    }, search);
    // The new state's answer (its headers: the body may stream), then its widgets redrawn.
    await answered;
    await page.waitForFunction(drawn, { count: WIDGETS, before }, { polling: 'raf', timeout: 120_000 });
    changes.push(Math.round(await page.evaluate(() => window.__drawnAt - window.__changeAt)));
  }
  console.log(
    JSON.stringify({
      browser: {
        coldMs: cold.ms,
        warmMs: median(warm),
        filterChangeMs: median(changes),
        cold,
        warm: warmRuns,
        changes,
      },
    }),
  );
} finally {
  await browser.close();
}
