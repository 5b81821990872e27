// Signs in, then RUNS times (after one warm-up): a fresh builder page on the dataset, add the row
// count (its preview first), then click "Add origin" and time click → the grouped rows drawn.
// Prints one JSON line a run and writes the compiled SQL of the grouped preview to SQL_FILE.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../webapp/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [base, email, password, project, dataset, runsArg, sqlFile] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
try {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${base}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  for (let run = 0; run <= Number(runsArg); run++) {
    await page.goto(`${base}/projects/${project}/builder?dataset=${dataset}`);
    const fields = page.getByRole('region', { name: 'Fields' });
    await fields.getByRole('button', { name: /^Add Number of / }).click();
    const table = page.getByRole('table', { name: 'Preview rows' });
    await table.waitFor({ state: 'visible', timeout: 120_000 });
    // Let the row count's preview settle, so the click below starts a quiet spell's first change.
    await page.waitForTimeout(400);
    const answers = [];
    const onResponse = (r) => {
      if (r.url().includes('/semantic/query')) answers.push(r);
    };
    page.on('response', onResponse);
    const button = fields.getByRole('button', { name: 'Add origin', exact: true });
    await button.evaluate((el) => {
      window.__clickAt = performance.now();
      el.click();
    });
    await page.waitForFunction(
      () => {
        const t = document.querySelector('table[aria-label="Preview rows"]');
        const grouped =
          t && [...t.querySelectorAll('th')].some((th) => /origin/.test(th.textContent ?? ''));
        if (grouped && t.querySelectorAll('tbody tr').length > 1) {
          window.__drawnAt = performance.now();
          return true;
        }
        return false;
      },
      null,
      { polling: 'raf', timeout: 120_000 },
    );
    const previewMs = Math.round(await page.evaluate(() => window.__drawnAt - window.__clickAt));
    page.off('response', onResponse);
    // The request body is not visible to the browser's tooling (openapi-fetch streams it), so the
    // grouped answer is told by its columns.
    const bodies = await Promise.all(answers.map((r) => r.json()));
    const body = bodies.findLast((b) => b.columns?.some((c) => c.name === 'origin'));
    if (!body) throw new Error(`no grouped preview among ${bodies.length} answers`);
    if (run === 0) writeFileSync(sqlFile, body.sql);
    else console.log(JSON.stringify({ run, previewMs, serverElapsedMs: Math.round(body.elapsedMs ?? -1), rows: body.rowCount }));
  }
} catch (error) {
  const [page] = browser.contexts()[0]?.pages() ?? [];
  if (page) await page.screenshot({ path: `${sqlFile}.failure.png`, fullPage: true });
  throw error;
} finally {
  await browser.close();
}
