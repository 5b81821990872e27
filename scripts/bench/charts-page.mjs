// Signs in through the form once, then opens the charts page RUNS times (after one warm-up) as a
// full navigation and prints one JSON line each: ms from navigation start to the 50th card.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../../webapp/package.json', import.meta.url));
const { chromium } = require('playwright-core');
const [base, email, password, project, runsArg] = process.argv.slice(2);
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
  const cards = page.getByRole('list', { name: 'Saved charts' }).getByRole('listitem');
  for (let run = 0; run <= Number(runsArg); run++) {
    await page.goto(`${base}/projects/${project}/charts`, { waitUntil: 'commit' });
    await cards.nth(49).waitFor({ state: 'visible', timeout: 30_000 });
    const lastCardMs = Math.round(await page.evaluate(() => performance.now()));
    const count = await cards.count();
    if (count !== 50) throw new Error(`expected 50 chart cards, saw ${count}`);
    if (run > 0) console.log(JSON.stringify({ run, lastCardMs, cards: count }));
  }
} finally {
  await browser.close();
}
