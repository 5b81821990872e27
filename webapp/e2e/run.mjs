#!/usr/bin/env node
// End-to-end check of the web app against a running server that implements the contract
// (and serves the built app at / with an index.html fallback for client routes).
//
//   E2E_BASE_URL=http://localhost:8000 node e2e/run.mjs
//
// Plain Node + playwright-core driving Debian's /usr/bin/chromium: no browser download, no
// test-runner download. Each step asserts what a person would see (by role and text), fails
// on any browser console error, and leaves a screenshot in test-results/e2e/NN-step.png.
// Options: E2E_BASE_URL, E2E_CHROMIUM (browser path), E2E_HEADED=1, E2E_TIMEOUT_MS (per wait).

/* global window, document, MutationObserver -- used inside page.evaluate, which runs in the browser */
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://localhost:8000').replace(/\/+$/, '');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
// Generous: waits end as soon as the thing appears, and a machine running other builds is slow.
const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
const OUT_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results', 'e2e');

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
const owner = {
  name: `E2E Owner ${run}`,
  email: `e2e-owner-${run}@example.com`,
  password: `Pw-${run}-42`,
};
const teammate = {
  name: `E2E Teammate ${run}`,
  email: `e2e-mate-${run}@example.com`,
  password: `Pw-${run}-43`,
};
const projectName = `E2E Project ${run}`;
/** What the sharing steps hand on: the public link, and the fresh browser that opened it. */
const shared = { url: '', context: null, visitor: null };
const renamedProject = `E2E Renamed ${run}`;
const WEATHER_CSV = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'src',
  'test',
  'resources',
  'ingest',
  'seattle-weather.csv',
);

/** Wait until the locator is visible; the error names what was expected. */
async function see(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT });
  } catch {
    throw new Error(`expected to see ${what}`);
  }
}

async function signUpThroughApi(user) {
  const response = await fetch(`${BASE_URL}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(user),
  });
  if (response.status !== 201)
    throw new Error(
      `API sign-up of ${user.email} answered ${response.status}: ${await response.text()}`,
    );
}

/**
 * Prints the first page load's DOMContentLoaded and load times, for the record only: a test asserts
 * behaviour, and on a busy machine a time budget fails for reasons that are not the app's (timings
 * are measured in scripts/bench instead).
 */
async function firstScreenTiming(page) {
  // page.goto resolves on the load event; loadEventEnd is set once its handlers have run.
  await page.waitForFunction(
    () => (performance.getEntriesByType('navigation')[0]?.loadEventEnd ?? 0) > 0,
    null,
    { timeout: TIMEOUT },
  );
  const timing = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation');
    return { domContentLoaded: navigation.domContentLoadedEventEnd, load: navigation.loadEventEnd };
  });
  const domContentLoaded = Math.round(timing.domContentLoaded);
  const load = Math.round(timing.load);
  console.log(`first screen: DOMContentLoaded ${domContentLoaded} ms, load ${load} ms`);
}

/** The shared dashboard in the visitor's browser: drawn through the link, then filtered. */
async function openAndFilter(visitor) {
  await visitor.goto(shared.url);
  await see(visitor.getByRole('heading', { level: 1, name: 'Weather' }), 'the shared dashboard');
  await see(
    visitor.getByRole('region', { name: 'Days by weather' }).getByRole('figure'),
    'the weather chart drawn through the link',
  );
  await see(
    visitor.getByRole('region', { name: 'Days by month' }).getByRole('figure'),
    'the month chart drawn through the link',
  );
  if (!visitor.url().startsWith(shared.url))
    throw new Error(`expected to stay on the link, went to ${visitor.url()}`);
  if ((await visitor.getByRole('button', { name: /^(Edit|Share)$/ }).count()) > 0)
    throw new Error('expected no edit or share button on the public page');
  if ((await visitor.getByRole('navigation', { name: 'Main' }).count()) > 0)
    throw new Error('expected no app navigation on the public page');
  await visitor.getByRole('button', { name: 'Weather: Any' }).click();
  await visitor.getByRole('checkbox', { name: 'sun', exact: true }).click();
  await visitor.getByRole('checkbox', { name: 'rain', exact: true }).click();
  await visitor.keyboard.press('Escape');
  await visitor.waitForURL(/f\.f1=sun&f\.f1=rain/);
  // Two columns left in the weather chart: its screen-reader table has a header and two rows.
  await visitor.waitForFunction(
    () =>
      [...document.querySelectorAll('table')].some(
        (t) =>
          t.getAttribute('aria-label') === 'Days by weather: data drawn' && t.rows.length === 3,
      ),
    null,
    { timeout: TIMEOUT },
  );
}

const steps = [
  {
    name: 'sign-up',
    title: 'Sign up a new user',
    async run(page) {
      await page.goto(`${BASE_URL}/signup`);
      await see(page.getByRole('heading', { name: 'Create your account' }), 'the sign-up form');
      await firstScreenTiming(page);
      await page.getByLabel('Name').fill(owner.name);
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await page.getByRole('button', { name: 'Create account' }).click();
      await see(
        page.getByRole('heading', { name: 'Create your first project to upload data' }),
        'the empty projects page',
      );
      await see(
        page.getByRole('button', { name: `Account: ${owner.name}` }),
        'the user menu with the new name',
      );
    },
  },
  {
    name: 'create-project',
    title: 'Create a project',
    async run(page) {
      await page.getByRole('button', { name: 'Create project' }).click();
      const dialog = page.getByRole('dialog', { name: 'New project' });
      await see(dialog, 'the new-project dialog');
      await dialog.getByLabel('Project name').fill(projectName);
      await dialog.getByLabel('Description (optional)').fill('Made by the end-to-end test');
      await dialog.getByRole('button', { name: 'Create project' }).click();
      await see(page.getByRole('heading', { level: 1, name: projectName }), 'the project overview');
      await see(
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: projectName }),
        'the project in the sidebar',
      );
    },
  },
  {
    name: 'rename-project',
    title: 'Rename the project',
    async run(page) {
      await page.getByRole('main').getByRole('button', { name: 'Rename' }).click();
      const dialog = page.getByRole('dialog', { name: `Rename “${projectName}”` });
      await see(dialog, 'the rename dialog');
      await dialog.getByLabel('Project name').fill(renamedProject);
      await dialog.getByRole('button', { name: 'Save' }).click();
      await see(
        page.getByRole('heading', { level: 1, name: renamedProject }),
        'the new name as the page title',
      );
      await see(
        page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: renamedProject }),
        'the new name in the sidebar',
      );
    },
  },
  {
    name: 'add-member',
    title: 'Add a member',
    async run(page) {
      await signUpThroughApi(teammate);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Members' })
        .click();
      await see(page.getByRole('heading', { level: 1, name: 'Members' }), 'the members page');
      await page.getByRole('textbox', { name: 'Email' }).fill(teammate.email);
      await page.getByRole('combobox', { name: 'Role', exact: true }).selectOption('viewer');
      await page.getByRole('button', { name: 'Add member' }).click();
      await see(page.getByText(`Added ${teammate.name} as viewer.`), 'the confirmation');
      const row = page.getByRole('row').filter({ hasText: teammate.email });
      await see(row, 'the new member in the table');
      await see(
        row.getByRole('combobox', { name: `Role for ${teammate.name}` }),
        'a role control for the owner',
      );
    },
  },
  {
    name: 'activity',
    title: 'View activity',
    async run(page) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Activity' })
        .click();
      await see(page.getByRole('heading', { level: 1, name: 'Activity' }), 'the activity page');
      const log = page.getByRole('list', { name: 'Activity' });
      await see(log, 'the activity list');
      // Action names and before/after shapes are the backend's to choose, so check what any
      // implementation must show: entries for our changes (the rename and the new member at
      // least), made by the owner.
      await see(log.getByText(owner.email), 'the owner as the actor');
      const entries = await log.locator(':scope > li').count();
      if (entries < 2) throw new Error(`expected at least 2 activity entries, saw ${entries}`);
      await see(page.getByText(/Showing 1–\d+ of \d+/), 'the paging summary');
    },
  },
  {
    name: 'log-out-and-in',
    title: 'Log out and log in again',
    async run(page) {
      await page.getByRole('button', { name: `Account: ${owner.name}` }).click();
      await page.getByRole('menuitem', { name: 'Log out' }).click();
      await see(page.getByRole('heading', { name: 'Sign in' }), 'the sign-in page');
      await see(page.getByText('You have signed out.'), 'the signed-out notice');
      await page.getByLabel('Email').fill(owner.email);
      await page.getByLabel('Password').fill(owner.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await see(page.getByRole('heading', { level: 1, name: 'Projects' }), 'the projects page');
      await see(
        page.getByRole('main').getByRole('link', { name: renamedProject }),
        'the renamed project',
      );
    },
  },
  {
    name: 'datasets-empty',
    title: 'Open the empty Datasets section',
    async run(page) {
      await page.getByRole('main').getByRole('link', { name: renamedProject }).click();
      await see(
        page.getByRole('heading', { level: 1, name: renamedProject }),
        'the project overview',
      );
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Datasets' })
        .click();
      await see(
        page.getByRole('heading', { name: 'Upload a CSV or Excel file to get started' }),
        'the teaching empty state',
      );
      await see(
        page.getByRole('button', { name: /Drop a CSV or Excel file here/ }),
        'the drop zone',
      );
    },
  },
  {
    name: 'upload-csv',
    title: 'Upload a CSV and watch it load',
    async run(page) {
      // Record every state of the progress bar: a 48 KB file loads too fast to poll for.
      await page.evaluate(() => {
        const seen = [];
        window.__progress = seen;
        const record = () => {
          for (const bar of document.querySelectorAll('[role="progressbar"]')) {
            const text = bar.getAttribute('aria-valuetext');
            if (text && seen[seen.length - 1] !== text) seen.push(text);
          }
        };
        new MutationObserver(record).observe(document.body, {
          subtree: true,
          childList: true,
          attributes: true,
          attributeFilter: ['aria-valuetext'],
        });
      });
      await page.getByLabel('File to upload').setInputFiles(WEATHER_CSV);
      await see(
        page.getByRole('heading', { level: 1, name: 'seattle-weather' }),
        'the dataset page once the load is ready',
      );
      const progress = await page.evaluate(() => window.__progress);
      if (!progress.some((text) => text.startsWith('Uploading ')))
        throw new Error(`expected an upload phase, saw ${JSON.stringify(progress)}`);
      if (!progress.some((text) => /^(Upload complete|Parsing|Loading|Ready)/.test(text)))
        throw new Error(`expected a server phase, saw ${JSON.stringify(progress)}`);
      console.log(`    progress: ${progress.join(' → ')}`);
      const facts = page.getByRole('main').locator('dl').first();
      await see(facts.getByText('Ready', { exact: true }), 'the Ready status');
      await see(facts.getByText('1,461', { exact: true }), 'the row count');
      await see(
        page
          .getByRole('table', { name: 'Columns of seattle-weather' })
          .getByRole('rowheader', { name: 'temp_max' }),
        'the schema',
      );
    },
  },
  {
    name: 'preview',
    title: 'Preview the rows',
    async run(page) {
      await page.getByRole('tab', { name: 'Preview' }).click();
      const table = page.getByRole('table', { name: 'Preview of seattle-weather' });
      await see(table, 'the preview table');
      const firstRow = table.locator('[role="row"][aria-rowindex="2"]');
      await see(firstRow.getByRole('cell', { name: 'Jan 1, 2012' }), 'the first row of the file');
      const rendered = await table.locator('[role="row"]').count();
      if (rendered > 80)
        throw new Error(`expected only the rows in view to be rendered, saw ${rendered}`);
    },
  },
  {
    name: 'sort',
    title: 'Sort the preview by a column',
    async run(page) {
      const table = page.getByRole('table', { name: 'Preview of seattle-weather' });
      const header = table.getByRole('button', { name: 'temp_max' });
      const firstRow = table.locator('[role="row"][aria-rowindex="2"]');
      await header.click();
      await see(
        table.locator('[role="columnheader"][aria-sort="ascending"]'),
        'temp_max sorted ascending',
      );
      await see(firstRow.getByRole('cell', { name: '-1.6', exact: true }), 'the coldest day first');
      await header.click();
      await see(
        table.locator('[role="columnheader"][aria-sort="descending"]'),
        'temp_max sorted descending',
      );
      await see(firstRow.getByRole('cell', { name: '35.6', exact: true }), 'the hottest day first');
    },
  },
  {
    name: 'profile',
    title: 'Open the column profiles',
    async run(page) {
      await page.getByRole('tab', { name: 'Profile' }).click();
      const temp = page.getByRole('article', { name: 'temp_max' });
      await see(temp, 'the temp_max profile');
      await see(
        temp.getByRole('img', { name: /^Histogram of temp_max/ }),
        'a histogram of temp_max',
      );
      await see(
        page.getByRole('list', { name: 'Most common values of weather' }).getByText('sun'),
        'the most common weather',
      );
    },
  },
  {
    name: 'model-measure',
    title: 'Define a calculated measure in the Model tab and see its value',
    async run(page) {
      await page.getByRole('tab', { name: 'Model' }).click();
      await see(page.getByRole('table', { name: 'Measures' }), 'the measures of the model');
      const form = page.getByRole('form', { name: 'Add a measure' });
      await form.getByRole('textbox', { name: 'Measure name' }).fill('avg_range');
      await form.getByRole('textbox', { name: 'Measure label' }).fill('Average daily range');
      await form.getByRole('combobox', { name: 'Kind' }).selectOption('formula');
      await form.getByRole('textbox', { name: 'Formula' }).click();
      // insertText types without opening the completion popup on every word.
      await page.keyboard.insertText('avg(temp_max - temp_mn)');
      await see(
        form.getByRole('alert').getByText(/did you mean "temp_min"/),
        'the error with a suggestion',
      );
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText('avg(temp_max - temp_min)');
      const preview = form.getByRole('status', { name: 'Preview value' });
      await see(preview, 'the live preview');
      const value = (await preview.textContent())?.trim() ?? '';
      if (!/^\d+(\.\d+)?$/.test(value.replace(/,/g, '')))
        throw new Error(`expected a number as the preview, saw ${JSON.stringify(value)}`);
      console.log(`    avg(temp_max - temp_min) = ${value}`);
      await form.getByRole('button', { name: 'Add measure' }).click();
      await page.getByRole('button', { name: 'Save model' }).click();
      await see(page.getByText(/^Model version 2 /), 'the saved model version');
      await see(
        page.getByRole('table', { name: 'Measures' }).getByText('avg(temp_max - temp_min)'),
        'the new measure',
      );
    },
  },
  {
    name: 'sql',
    title: 'Run SQL in the editor',
    async run(page) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'SQL', exact: true })
        .click();
      await see(page.getByRole('heading', { level: 1, name: 'SQL' }), 'the SQL page');
      const editor = page.getByRole('textbox', { name: 'SQL query' });
      await see(editor, 'the SQL editor');
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      // insertText types without opening the completion popup on every word.
      await page.keyboard.insertText(
        'SELECT weather, count(*) FROM seattle_weather GROUP BY weather',
      );
      await page.keyboard.press('ControlOrMeta+Enter');
      const table = page.getByRole('table', { name: 'Query result rows' });
      await see(table, 'the query result');
      await see(
        page.getByRole('region', { name: 'Query result' }).getByText(/^5 rows/),
        '"5 rows"',
      );
      const rows = await table.getByRole('row').count();
      if (rows !== 6) throw new Error(`expected 5 result rows and a header, saw ${rows} rows`);
      await see(table.getByRole('cell', { name: 'rain', exact: true }), 'the rain group');
    },
  },
  {
    name: 'sql-export',
    title: 'Export the result as CSV and XLSX',
    async run(page) {
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: TIMEOUT }),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      const path = await download.path();
      const { readFile } = await import('node:fs/promises');
      const text = await readFile(path, 'utf8');
      const lines = text.trim().split(/\r?\n/);
      if (lines.length !== 6 || !/weather/.test(lines[0]))
        throw new Error(`expected a header and 5 lines, got ${JSON.stringify(text.slice(0, 200))}`);
      console.log(`    ${download.suggestedFilename()}: ${lines.length} lines`);
      const [workbook] = await Promise.all([
        page.waitForEvent('download', { timeout: TIMEOUT }),
        page.getByRole('button', { name: 'Export XLSX' }).click(),
      ]);
      const bytes = await readFile(await workbook.path());
      // An XLSX file is a zip archive: it starts with "PK".
      if (bytes.subarray(0, 2).toString('latin1') !== 'PK')
        throw new Error(`expected an XLSX (zip) file, got ${bytes.length} bytes`);
      console.log(`    ${workbook.suggestedFilename()}: ${bytes.length} bytes`);
    },
  },
  {
    name: 'sql-cancel',
    title: 'Cancel a long query',
    // The quick request's 422 query_timeout is how the page learns to move the query to a job.
    allowedConsole: [/status of 422 .*\/query\)$/],
    async run(page) {
      const editor = page.getByRole('textbox', { name: 'SQL query' });
      await editor.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText('SELECT count(*) FROM generate_series(1, 2000000000) AS g');
      // After the quick request's 2-second limit the query moves to a background job.
      const jobStarted = page.waitForResponse(
        (r) => r.request().method() === 'POST' && /\/query\/jobs$/.test(new URL(r.url()).pathname),
        { timeout: TIMEOUT },
      );
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      const job = await jobStarted;
      if (job.status() !== 202)
        throw new Error(`expected the job to be accepted, got ${job.status()}`);
      await page.getByRole('button', { name: 'Cancel' }).click();
      await see(page.getByText('The query was cancelled.'), 'the cancellation');
      const { jobId } = await job.json();
      console.log(`    job ${jobId} cancelled`);
    },
  },
  {
    name: 'sql-keeps-work',
    title: 'The SQL editor keeps its text and the last result across a reload',
    async run(page) {
      await page.reload();
      const editor = page.getByRole('textbox', { name: 'SQL query' });
      await see(editor, 'the SQL editor after the reload');
      const text = (await editor.innerText()).replace(/\s+/g, ' ').trim();
      if (!text.includes('generate_series(1, 2000000000)'))
        throw new Error(
          `expected the cancelled query back in the editor, saw ${JSON.stringify(text)}`,
        );
      await page.getByRole('button', { name: 'History' }).click();
      await see(
        page
          .getByRole('region', { name: 'Query history' })
          .getByRole('button', { name: /GROUP BY weather/ }),
        'the earlier GROUP BY query in the history',
      );
      await page.getByRole('button', { name: 'History' }).click();
    },
  },
  {
    name: 'ask',
    title: 'Ask a question in plain language',
    async run(page) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Ask', exact: true })
        .click();
      await see(page.getByRole('heading', { level: 1, name: 'Ask' }), 'the Ask page');
      await see(page.getByRole('list', { name: 'Suggested questions' }), 'suggested questions');
      const question = 'how many rainy days were there?';
      await page.getByRole('textbox', { name: 'Your question' }).fill(question);
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      const answer = page.getByRole('article', { name: question });
      await see(answer, 'the answer');
      await see(answer.getByRole('figure'), 'a chart or a key figure');
      await see(answer.getByText(/^(Model|Built-in planner)$/), 'where the answer came from');
      console.log(`    answer: ${(await answer.locator('p').nth(1).textContent())?.trim()}`);
      await see(
        page.getByRole('navigation', { name: 'Conversations' }).getByRole('link'),
        'the new conversation in the list',
      );
      // A follow-up in the same thread, drawn as a line chart.
      const followUp = 'average temp_max by month';
      await page.getByRole('textbox', { name: 'Your question' }).fill(followUp);
      await page.getByRole('button', { name: 'Ask', exact: true }).click();
      const chart = page
        .getByRole('article', { name: followUp })
        .getByRole('figure', { name: 'Line chart' });
      await see(
        chart.locator('svg.recharts-surface path.recharts-line-curve'),
        'a drawn line chart',
      );
      const answers = await page
        .getByRole('region', { name: 'Conversation' })
        .getByRole('article')
        .count();
      if (answers !== 2)
        throw new Error(`expected both answers in one conversation, saw ${answers}`);
    },
  },
  {
    name: 'ask-open-sql',
    title: "Open an answer's SQL in the editor",
    async run(page) {
      const answer = page.getByRole('article', { name: 'how many rainy days were there?' });
      await answer.getByText('SQL', { exact: true }).click();
      const sql = (await answer.locator('pre').textContent())?.trim() ?? '';
      await answer.getByRole('link', { name: 'Open in SQL editor' }).click();
      await see(page.getByRole('heading', { level: 1, name: 'SQL' }), 'the SQL page');
      const editor = page.getByRole('textbox', { name: 'SQL query' });
      await see(editor, 'the SQL editor');
      const text = (await editor.innerText()).replace(/\s+/g, ' ').trim();
      if (text !== sql.replace(/\s+/g, ' '))
        throw new Error(
          `expected the editor to hold ${JSON.stringify(sql)}, saw ${JSON.stringify(text)}`,
        );
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await see(
        page.getByRole('region', { name: 'Query result' }).getByText(/^1 row/),
        "the answer's single row",
      );
    },
  },
  {
    name: 'builder-bar',
    title: 'Build a bar chart of the dataset without typing SQL',
    async run(page) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Build a chart', exact: true })
        .click();
      const fields = page.getByRole('region', { name: 'Fields' });
      await see(fields, 'the field list');
      await fields.getByRole('button', { name: /^Add Number of / }).click();
      await fields.getByRole('button', { name: 'Add weather', exact: true }).click();
      await see(page.getByRole('figure', { name: /chart/ }), 'the preview chart');
      const picker = page.getByRole('combobox', { name: 'Chart type' });
      await picker.selectOption('bar');
      await see(page.getByRole('figure', { name: 'Bar chart' }), 'the bar chart');
      // Every bar matches the table below it: five weather kinds, 1,461 days in all.
      const table = page.getByRole('table', { name: 'Preview rows' });
      const rows = await table.getByRole('row').count();
      if (rows !== 6) throw new Error(`expected 5 weather kinds and a header, saw ${rows} rows`);
      await see(table.getByRole('cell', { name: 'sun', exact: true }), 'the sun group');
    },
  },
  {
    name: 'builder-line',
    title: 'Change it to a line by month with last year beside it, and save it',
    async run(page) {
      await page.getByRole('button', { name: 'Remove weather' }).click();
      await page
        .getByRole('region', { name: 'Fields' })
        .getByRole('button', { name: 'Add date', exact: true })
        .click();
      await see(page.getByText('date by month'), 'the time axis by month');
      await page.getByRole('combobox', { name: 'Compare to' }).selectOption({
        label: 'Same period last year',
      });
      await page.getByRole('combobox', { name: 'Chart type' }).selectOption('line');
      await see(page.getByRole('figure', { name: 'Line chart' }), 'the line chart');
      await see(
        page.getByRole('columnheader', { name: /same period last year/ }),
        "last year's column in the table",
      );
      await page.getByRole('button', { name: 'Save chart' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: /Chart name/ }).fill('Days by month');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await see(page.getByRole('heading', { level: 1, name: 'Days by month' }), 'the saved chart');
      await see(page.getByRole('figure', { name: 'Line chart' }), 'the saved line chart');
    },
  },
  {
    name: 'chart-reload',
    title: 'Reload and reopen the chart, save a second version',
    async run(page) {
      await page.reload();
      await see(
        page.getByRole('heading', { level: 1, name: 'Days by month' }),
        'the chart after a reload',
      );
      await see(page.getByRole('figure', { name: 'Line chart' }), 'the line chart after a reload');
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await see(
        page.getByRole('heading', { name: 'Edit “Days by month”' }),
        'the builder on the chart',
      );
      await see(page.getByText('date by month'), 'the saved time axis');
      await page.getByRole('combobox', { name: 'Time grain' }).selectOption({ label: 'Quarter' });
      await see(page.getByText('date by quarter'), 'the time axis by quarter');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Save', exact: true }).click();
      await see(page.getByText(/^Version 2 ·/), 'version 2 of the chart');
    },
  },
  {
    name: 'chart-restore',
    title: 'Restore version 1',
    async run(page) {
      await page.getByRole('button', { name: 'Versions' }).click();
      await page.getByRole('button', { name: 'Restore version 1' }).click();
      await see(page.getByText(/^Version 3 ·/), 'version 3, restored from version 1');
      await page.getByRole('link', { name: 'Edit', exact: true }).click();
      await see(page.getByText('date by month'), 'the month grain of version 1');
    },
  },
  {
    name: 'chart-for-dashboard',
    title: 'Save a column chart of days by weather for a dashboard',
    async run(page) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Build a chart', exact: true })
        .click();
      // The builder keeps the chart edited in the step before until the page is loaded afresh.
      await page.reload();
      const fields = page.getByRole('region', { name: 'Fields' });
      await see(fields, 'the field list');
      await fields.getByRole('button', { name: /^Add Number of / }).click();
      await fields.getByRole('button', { name: 'Add weather', exact: true }).click();
      await page.getByRole('combobox', { name: 'Chart type' }).selectOption('column');
      await see(page.getByRole('figure', { name: 'Column chart' }), 'the column chart');
      await page.getByRole('button', { name: 'Save chart' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('textbox', { name: /Chart name/ }).fill('Days by weather');
      await dialog.getByRole('button', { name: 'Save', exact: true }).click();
      await see(
        page.getByRole('heading', { level: 1, name: 'Days by weather' }),
        'the saved chart',
      );
    },
  },
  {
    name: 'dashboard-create',
    title: 'Create a dashboard from saved charts, add a text and a filter, save it',
    async run(page) {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Dashboards', exact: true })
        .click();
      await see(page.getByRole('heading', { level: 1, name: 'Dashboards' }), 'the dashboards page');
      await page.getByRole('button', { name: 'New dashboard' }).click();
      const create = page.getByRole('dialog', { name: 'New dashboard' });
      await create.getByRole('textbox', { name: /Dashboard name/ }).fill('Weather');
      await create.getByRole('button', { name: 'Create' }).click();
      const toolbar = page.getByRole('toolbar', { name: 'Edit dashboard' });
      await see(toolbar, 'edit mode of the new dashboard');
      await toolbar.getByRole('button', { name: 'Add chart' }).click();
      const picker = page.getByRole('dialog', { name: 'Add a saved chart' });
      await picker.getByRole('button', { name: 'Add Days by weather', exact: true }).click();
      await picker.getByRole('button', { name: 'Add Days by month', exact: true }).click();
      await picker.getByRole('button', { name: 'Done' }).click();
      await see(
        page.getByRole('region', { name: 'Days by weather' }).getByRole('figure'),
        'the weather chart on the grid',
      );
      await see(
        page.getByRole('region', { name: 'Days by month' }).getByRole('figure'),
        'the month chart beside it',
      );
      await toolbar.getByRole('button', { name: 'Add text' }).click();
      await page
        .getByRole('textbox', { name: 'Text Markdown' })
        .fill('## Notes\nSeattle, **2012–2015**.');
      await toolbar.getByRole('button', { name: 'Undo' }).click();
      await toolbar.getByRole('button', { name: 'Redo' }).click();
      await toolbar.getByRole('button', { name: 'Add filter' }).click();
      const filter = page.getByRole('dialog', { name: 'Add a filter' });
      await filter.getByRole('combobox', { name: /Member/ }).fill('weather');
      await filter.getByRole('textbox', { name: 'Label' }).fill('Weather');
      await filter.getByRole('button', { name: 'Add filter' }).click();
      await toolbar.getByRole('button', { name: 'Save' }).click();
      const save = page.getByRole('dialog', { name: 'Save the dashboard' });
      await save.getByRole('textbox', { name: 'Note' }).fill('First layout');
      await save.getByRole('button', { name: 'Save version' }).click();
      await see(page.getByText(/^Version 2 ·/), 'version 2 of the dashboard');
      await see(
        page.getByRole('region', { name: 'Text' }).getByRole('heading', { name: 'Notes' }),
        'the text widget as Markdown',
      );
    },
  },
  {
    name: 'dashboard-filter',
    title: 'Filter the dashboard by a value from the data; the link keeps it',
    async run(page) {
      await page.getByRole('button', { name: 'Weather: Any' }).click();
      await page.getByRole('checkbox', { name: 'sun', exact: true }).click();
      await page.getByRole('checkbox', { name: 'rain', exact: true }).click();
      await page.keyboard.press('Escape');
      await page.waitForURL(/f\.f1=sun&f\.f1=rain/);
      // Only the sun and rain columns are left in the weather chart (a header and two rows in
      // the table it carries for screen readers).
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('table')].some(
            (t) =>
              t.getAttribute('aria-label') === 'Days by weather: data drawn' && t.rows.length === 3,
          ),
        null,
        { timeout: TIMEOUT },
      );
      await page.reload();
      await see(
        page.getByRole('button', { name: 'Weather: sun, rain' }),
        'the filter after a reload',
      );
      await page.getByRole('button', { name: 'Reset filters' }).click();
      await see(page.getByRole('button', { name: 'Weather: Any' }), 'the filter cleared');
    },
  },
  {
    name: 'dashboard-cross-filter',
    title: 'Cross-filter by clicking a bar, drill into its rows, clear it',
    async run(page) {
      const widget = page.getByRole('region', { name: 'Days by weather' });
      const bars = widget.locator('.recharts-bar-rectangle');
      await see(bars, 'the bars');
      await bars.first().click();
      const chips = page.getByRole('list', { name: 'Cross-filters' });
      await see(chips, 'the cross-filter chip');
      const chip = ((await chips.textContent()) ?? '').trim();
      console.log(`    cross-filter: ${chip}`);
      await see(widget.getByText(/^Filtering by /), 'the clicked widget marked as the source');
      await widget.getByRole('button', { name: /^Rows behind / }).click();
      const dialog = page.getByRole('dialog', { name: /^Rows behind / });
      await see(dialog.getByText(/^Page 1 · \d+ rows?/), 'the first page of rows');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: /^Clear cross-filter / }).click();
      await chips.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'dashboard-drag',
    title: 'Drag a widget to another place, save, and read the move in the change log',
    async run(page) {
      await page.getByRole('button', { name: 'Edit', exact: true }).click();
      await see(page.getByRole('toolbar', { name: 'Edit dashboard' }), 'edit mode');
      const text = page.getByRole('region', { name: 'Text' });
      const before = await text.boundingBox();
      const handle = await text.locator('.widget-drag-handle').boundingBox();
      if (!before || !handle) throw new Error('expected the text widget and its drag handle');
      await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
      await page.mouse.down();
      await page.mouse.move(handle.x + 250, handle.y + 10, { steps: 8 });
      await page.mouse.move(handle.x + 500, handle.y + 10, { steps: 8 });
      await page.mouse.up();
      await page.waitForFunction(
        (x) => {
          const region = [...document.querySelectorAll('section[aria-label="Text"]')][0];
          return region ? region.getBoundingClientRect().x > x + 200 : false;
        },
        before.x,
        { timeout: TIMEOUT },
      );
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      const save = page.getByRole('dialog', { name: 'Save the dashboard' });
      await save.getByRole('textbox', { name: 'Note' }).fill('Moved the notes');
      await save.getByRole('button', { name: 'Save version' }).click();
      await see(page.getByText(/^Version 3 ·/), 'version 3 of the dashboard');
      await page.getByRole('button', { name: 'Versions' }).click();
      const versions = page.getByRole('region', { name: 'Dashboard versions' });
      await see(versions.getByText('“Moved the notes”'), 'the save note');
      await see(versions.getByText('moved Text'), 'the move in the change log');
      await page.getByRole('button', { name: 'Versions' }).click();
    },
  },
  {
    name: 'dashboard-tablet',
    title: 'At tablet width the widgets stack in one column',
    async run(page) {
      await page.setViewportSize({ width: 700, height: 900 });
      try {
        await page.reload();
        const weather = page.getByRole('region', { name: 'Days by weather' });
        const month = page.getByRole('region', { name: 'Days by month' });
        await see(month.getByRole('figure'), 'the month chart');
        await page.waitForFunction(
          () => {
            const boxes = [
              ...document.querySelectorAll('[data-testid="dashboard-grid"] section'),
            ].map((s) => s.getBoundingClientRect());
            return boxes.length === 3 && boxes.every((b) => Math.abs(b.x - boxes[0].x) < 2);
          },
          null,
          { timeout: TIMEOUT },
        );
        const [a, b] = [await weather.boundingBox(), await month.boundingBox()];
        if (!a || !b || b.y < a.y + a.height - 1)
          throw new Error('expected the month chart below the weather chart');
      } finally {
        await page.setViewportSize({ width: 1280, height: 800 });
      }
    },
  },
  {
    name: 'dashboard-share',
    title: 'Share the dashboard: create a public link, shown once with its embed code',
    async run(page) {
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Share the dashboard' });
      await see(dialog.getByText('No public link yet.'), 'the empty list of links');
      await dialog.getByRole('button', { name: 'Create link' }).click();
      const field = dialog.getByRole('textbox', { name: 'Public link' });
      await see(field, 'the new link');
      shared.url = await field.inputValue();
      if (!shared.url.startsWith(`${BASE_URL}/public/dashboards/`))
        throw new Error(`expected a link to this studio's public page, saw ${shared.url}`);
      const embed = await dialog.getByRole('textbox', { name: 'Embed' }).inputValue();
      if (!embed.startsWith(`<iframe src="${shared.url}"`))
        throw new Error(`expected an iframe of the link, saw ${embed}`);
      await see(dialog.getByText('never expires'), 'the link listed');
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      await dialog.waitFor({ state: 'detached' });
    },
  },
  {
    name: 'public-link-open',
    title: 'Open the link in a fresh browser (no session): widgets drawn, filter it',
    async run(page, { browser }) {
      shared.context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        colorScheme: 'light',
        locale: 'en-US',
      });
      const visitor = await shared.context.newPage();
      visitor.setDefaultTimeout(TIMEOUT);
      const errors = [];
      visitor.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
      visitor.on('console', (message) => {
        if (message.type() === 'error') errors.push(`console: ${message.text()}`);
      });
      shared.visitor = visitor;
      try {
        await openAndFilter(visitor);
      } finally {
        await visitor
          .screenshot({ path: join(OUT_DIR, 'public-link.png'), fullPage: true })
          .catch(() => undefined);
      }
      if (errors.length > 0)
        throw new Error(`console errors on the public page:\n    ${errors.join('\n    ')}`);
    },
  },
  {
    name: 'public-link-revoke',
    title: 'Revoke the link; the fresh browser then reads that the link no longer works',
    async run(page) {
      await page.getByRole('button', { name: 'Share', exact: true }).click();
      const dialog = page.getByRole('dialog', { name: 'Share the dashboard' });
      await dialog.getByRole('button', { name: 'Revoke', exact: true }).click();
      await dialog.getByRole('button', { name: 'Revoke link' }).click();
      await see(dialog.getByText('No public link yet.'), 'the link gone from the list');
      await dialog.getByRole('button', { name: 'Close' }).last().click();
      const visitor = shared.visitor;
      try {
        await visitor.reload();
        await see(
          visitor.getByRole('heading', { name: 'This link no longer works' }),
          'the dead link message',
        );
        if ((await visitor.getByRole('heading', { name: 'Sign in' }).count()) > 0)
          throw new Error('expected no sign-in page on a dead link');
        await visitor.screenshot({ path: join(OUT_DIR, 'public-link-revoked.png') });
      } finally {
        await shared.context.close();
      }
    },
  },
  {
    name: 'dashboard-ask',
    title: "Ask in the dashboard's Ask panel and add the answer as a widget",
    async run(page) {
      await page.getByRole('button', { name: 'Ask about this dashboard' }).click();
      const panel = page.getByRole('complementary', { name: 'Ask about this dashboard' });
      const question = 'how many rainy days were there?';
      await panel.getByRole('textbox', { name: 'Question' }).fill(question);
      await panel.getByRole('button', { name: 'Ask', exact: true }).click();
      const answer = panel.getByRole('region', { name: 'Answer' });
      await see(answer, 'the answer');
      console.log(`    answer: ${(await answer.locator('p').first().textContent())?.trim()}`);
      await answer.getByRole('button', { name: 'Add to dashboard' }).click();
      const save = page.getByRole('dialog', { name: 'Save as a chart' });
      await save.getByRole('button', { name: 'Save', exact: true }).click();
      await see(page.getByText('Added to the dashboard (version 4).'), 'the widget saved');
      await see(page.getByText(/^Version 4 ·/), 'version 4 of the dashboard');
      await see(
        page.getByTestId('dashboard-grid').getByRole('region', { name: question }),
        'the answer as a widget on the grid',
      );
    },
  },
];

async function main() {
  await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  console.log(`e2e against ${BASE_URL}`);

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: process.env.E2E_HEADED !== '1',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ].filter((arg) => arg !== '--headless' || process.env.E2E_HEADED !== '1'),
  });
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      colorScheme: 'light',
      // Tables format dates in the reader's locale; the checks below read them in en-US.
      locale: 'en-US',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error')
        consoleErrors.push(`console: ${message.text()} (${message.location().url ?? ''})`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));

    for (const [index, step] of steps.entries()) {
      const number = String(index + 1).padStart(2, '0');
      const label = `${number} ${step.title}`;
      if (failed > 0) {
        skipped += 1;
        console.log(`- ${label} (skipped: an earlier step failed)`);
        continue;
      }
      const started = Date.now();
      consoleErrors.length = 0;
      let error = null;
      try {
        await step.run(page, { browser });
        // Let late responses land, so their console errors count against this step.
        await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => undefined);
        const unexpected = consoleErrors.filter(
          (text) => !(step.allowedConsole ?? []).some((pattern) => pattern.test(text)),
        );
        if (unexpected.length > 0)
          throw new Error(`browser console errors:\n    ${unexpected.join('\n    ')}`);
      } catch (caught) {
        error = caught;
      }
      await page
        .screenshot({ path: join(OUT_DIR, `${number}-${step.name}.png`), fullPage: true })
        .catch(() => undefined);
      const ms = Date.now() - started;
      if (error) {
        failed += 1;
        console.log(`✗ ${label} (${ms} ms) — ${error.message.split('\n')[0]}`);
        const rest = error.message.split('\n').slice(1).join('\n');
        if (rest) console.log(rest);
        console.log(`    at ${page.url()}`);
      } else {
        passed += 1;
        console.log(`✓ ${label} (${ms} ms)`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`screenshots: ${OUT_DIR}`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed > 0 || passed !== steps.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log(`0 passed, ${steps.length} failed`);
  process.exitCode = 1;
});
