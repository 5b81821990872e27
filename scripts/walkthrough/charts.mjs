#!/usr/bin/env node
// #11's "Done when", tried as a new user would with no SQL: upload the movies and cars data,
// build "average IMDB rating by genre" as bars and "cars per year by origin" as a stacked column
// chart, save both, and check that every bar matches the numbers in the table below it (bar
// heights proportional to the table's values) and that the table matches PostgreSQL's own answer
// (asked through the SQL API, which is not what the builder uses).
//
//   WALK_BASE_URL=http://localhost:8000 node scripts/walkthrough/charts.mjs   (see scripts/walkthrough/charts)
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..", "..");
const require = createRequire(join(ROOT, "webapp", "package.json"));
const { chromium } = require("playwright-core");
const BASE = (process.env.WALK_BASE_URL ?? "http://localhost:8000").replace(
  /\/+$/,
  "",
);
const OUT =
  process.env.WALK_OUT ?? join(ROOT, "webapp", "test-results", "walkthrough");
const TIMEOUT = 30_000;

function csv(rows, columns) {
  const cell = (v) => {
    if (v === null || v === undefined) return "";
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return (
    [
      columns.map(cell).join(","),
      ...rows.map((r) => columns.map((c) => cell(r[c])).join(",")),
    ].join("\n") + "\n"
  );
}

async function see(locator, what) {
  try {
    await locator.first().waitFor({ state: "visible", timeout: TIMEOUT });
  } catch {
    throw new Error(`expected to see ${what}`);
  }
}

async function api(token, method, path, body) {
  const r = await fetch(`${BASE}${path}`, {
    method,
    headers: {
      "Content-Type": "application/json",
      Accept: "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path} → ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** The builder's preview table as rows of cell texts (header first). */
async function tableRows(page) {
  const table = page.getByRole("table", { name: "Preview rows" });
  await see(table, "the table below the chart");
  return table.evaluate((t) =>
    [...t.querySelectorAll("tr")].map((tr) =>
      [...tr.querySelectorAll("th,td")].map((c) => c.textContent.trim()),
    ),
  );
}

const num = (s) => Number(String(s).replace(/,/g, ""));

/** Each drawn bar's pixel size along its value axis, in drawing order per series. */
async function barSizes(page, horizontal) {
  return page
    .getByRole("figure")
    .first()
    .evaluate((fig, horiz) => {
      const series = [...fig.querySelectorAll(".recharts-bar")];
      return series.map((s) =>
        [
          ...s.querySelectorAll(
            ".recharts-bar-rectangle path, .recharts-bar-rectangle rect",
          ),
        ].map((p) => {
          const b = p.getBBox();
          return horiz ? b.width : b.height;
        }),
      );
    }, horizontal);
}

function proportional(values, sizes, what) {
  const pairs = values.map((v, i) => [v, sizes[i]]).filter(([v]) => v > 0);
  const k = pairs[0][1] / pairs[0][0];
  for (const [v, s] of pairs) {
    if (Math.abs(s - v * k) > 1.5)
      throw new Error(
        `${what}: a bar of ${s}px for ${v} (expected ${(v * k).toFixed(1)}px)`,
      );
  }
  return pairs.length;
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const data = join(
    ROOT,
    "scripts",
    "bench",
    "node_modules",
    "vega-datasets",
    "data",
  );
  const movies = require(join(data, "movies.json"));
  const cars = require(join(data, "cars.json"));
  const moviesCsv = join(OUT, "movies.csv");
  const carsCsv = join(OUT, "cars.csv");
  await writeFile(moviesCsv, csv(movies, Object.keys(movies[0])));
  await writeFile(carsCsv, csv(cars, Object.keys(cars[0])));

  const run = Date.now().toString(36);
  const user = {
    name: `Walker ${run}`,
    email: `walk-${run}@example.com`,
    password: `Pw-${run}-42`,
  };
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
  });
  const page = await browser.newPage({
    viewport: { width: 1400, height: 1000 },
  });
  page.on("pageerror", (e) => console.log("page error:", e.message));
  const shot = (n) =>
    page.screenshot({ path: join(OUT, `${n}.png`), fullPage: true });
  try {
    // Sign up and create a project through the UI.
    await page.goto(`${BASE}/signup`);
    await page.getByLabel("Name").fill(user.name);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("button", { name: "Create project" }).click();
    const dialog = page.getByRole("dialog", { name: "New project" });
    await dialog.getByLabel("Project name").fill(`Walk ${run}`);
    await dialog.getByRole("button", { name: "Create project" }).click();
    await see(
      page.getByRole("heading", { level: 1, name: `Walk ${run}` }),
      "the project overview",
    );
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Datasets" })
      .click();
    await see(
      page.getByLabel("File to upload"),
      "the upload form of the new project",
    );

    // Upload both files through the UI.
    await page.getByLabel("File to upload").setInputFiles(moviesCsv);
    await see(
      page.getByRole("heading", { level: 1, name: "movies" }),
      "the movies dataset, ready",
    );
    await see(
      page
        .getByRole("main")
        .locator("dl")
        .first()
        .getByText("Ready", { exact: true }),
      "movies ready",
    );
    await page
      .getByRole("navigation", { name: "Main" })
      .getByRole("link", { name: "Datasets", exact: true })
      .click();
    await page.getByRole("button", { name: "Upload dataset" }).click();
    await page.getByLabel("File to upload").setInputFiles(carsCsv);
    await see(
      page.getByRole("heading", { level: 1, name: "cars" }),
      "the cars dataset, ready",
    );
    await see(
      page
        .getByRole("main")
        .locator("dl")
        .first()
        .getByText("Ready", { exact: true }),
      "cars ready",
    );
    const projectId = page.url().match(/projects\/([0-9a-f-]{36})/)[1];
    const token = (
      await api(null, "POST", "/api/v1/auth/login", {
        email: user.email,
        password: user.password,
      })
    ).accessToken;

    // 1. Average IMDB rating by genre, as bars.
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Build a chart", exact: true }).click();
    const fields = page.getByRole("region", { name: "Fields" });
    await see(fields, "the field list");
    const datasetPicker = page.getByRole("combobox", { name: /dataset/i });
    if (await datasetPicker.count())
      await datasetPicker.first().selectOption({ label: "movies" });
    await fields
      .getByRole("button", { name: /^Add (Average|Avg).*IMDB Rating/i })
      .first()
      .click();
    await fields.getByRole("button", { name: /^Add Major Genre$/i }).click();
    await page
      .getByRole("combobox", { name: "Chart type" })
      .selectOption("bar");
    await see(page.getByRole("figure", { name: "Bar chart" }), "the bar chart");
    await page.waitForTimeout(500);
    let rows = await tableRows(page);
    const genres = rows.slice(1);
    console.log(
      `table: ${genres.length} genres, e.g. ${genres
        .slice(0, 3)
        .map((r) => r.join("="))
        .join(", ")}`,
    );
    const truth = await api(
      token,
      "POST",
      `/api/v1/projects/${projectId}/query`,
      {
        sql: "SELECT major_genre, avg(imdb_rating) AS r FROM movies GROUP BY 1",
      },
    );
    const truthBy = new Map(
      truth.rows.map((r) => [r[0] ?? "(empty)", Number(r[1])]),
    );
    for (const [g, v] of genres) {
      const key =
        g === "" || /^\(?(null|empty|none|blank)\)?$/i.test(g) ? null : g;
      const t =
        key === null
          ? [...truthBy.entries()].find(
              ([k]) => k === "(empty)" || k === null,
            )?.[1]
          : truthBy.get(g);
      if (t === undefined || Math.abs(t - num(v)) > 0.01)
        throw new Error(`genre ${g}: table ${v}, PostgreSQL ${t}`);
    }
    if (genres.length !== truth.rows.length)
      throw new Error(
        `table has ${genres.length} genres, PostgreSQL ${truth.rows.length}`,
      );
    const sizes1 = (await barSizes(page, true))[0] ?? [];
    const sizes1v = (await barSizes(page, false))[0] ?? [];
    const horiz = sizes1.length && Math.max(...sizes1) > Math.max(...sizes1v);
    const drawn = proportional(
      genres.map((r) => num(r[1])),
      horiz ? sizes1 : sizes1v,
      "IMDB by genre",
    );
    console.log(
      `bars: ${drawn} drawn, each proportional to its table value; table = PostgreSQL for all ${genres.length}`,
    );
    await shot("1-imdb-by-genre");
    await page.getByRole("button", { name: "Save chart" }).click();
    await page
      .getByRole("dialog")
      .getByRole("textbox", { name: /Chart name/ })
      .fill("Average IMDB rating by genre");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Save", exact: true })
      .click();
    await see(
      page.getByRole("heading", {
        level: 1,
        name: "Average IMDB rating by genre",
      }),
      "the saved chart",
    );

    // 2. Cars per year by origin, as a stacked column chart.
    await nav.getByRole("link", { name: "Build a chart", exact: true }).click();
    await see(fields, "the field list");
    if (await datasetPicker.count())
      await datasetPicker.first().selectOption({ label: "cars" });
    await fields
      .getByRole("button", { name: /^Add Number of / })
      .first()
      .click();
    await fields.getByRole("button", { name: /^Add Year$/i }).click();
    const grain = page.getByRole("combobox", { name: "Time grain" });
    await see(grain, "the time grain");
    await grain.selectOption({ label: "Year" });
    await fields.getByRole("button", { name: /^Add Origin$/i }).click();
    await page
      .getByRole("combobox", { name: "Chart type" })
      .selectOption("column");
    await page
      .getByRole("combobox", { name: "Series" })
      .selectOption({ label: "Stacked" });
    await see(
      page.getByRole("figure", { name: /column chart/i }),
      "the column chart",
    );
    await page.waitForTimeout(500);
    rows = await tableRows(page);
    const header = rows[0];
    console.log(
      "table header:",
      header.join(" | "),
      `(${rows.length - 1} rows)`,
    );
    const truth2 = await api(
      token,
      "POST",
      `/api/v1/projects/${projectId}/query`,
      {
        sql: 'SELECT extract(year FROM "year")::int AS y, origin, count(*) FROM cars GROUP BY 1, 2',
      },
    );
    const t2 = new Map(
      truth2.rows.map((r) => [`${r[0]}|${r[1]}`, Number(r[2])]),
    );
    let checked = 0;
    const body = rows.slice(1);
    // Long (year, origin, count) or pivoted (year, USA, Europe, Japan) — check either way.
    if (header.length !== 3)
      throw new Error(
        `expected origin, year and count columns, saw ${header.join(" | ")}`,
      );
    const origins = new Set(truth2.rows.map((r) => r[1]));
    for (const r of body) {
      const y = r.map((c) => c.match(/\b(19\d\d)\b/)?.[1]).find(Boolean);
      const o = r.find((c) => origins.has(c));
      const key = `${y}|${o}`;
      if (t2.get(key) !== num(r[2]))
        throw new Error(`${key}: table ${r[2]}, PostgreSQL ${t2.get(key)}`);
      checked++;
    }
    if (checked < truth2.rows.length)
      throw new Error(
        `checked ${checked} cells, PostgreSQL has ${truth2.rows.length} groups`,
      );
    // Stacked: per series, each segment proportional to its count.
    const segs = await barSizes(page, false);
    const stacks = await page
      .getByRole("figure")
      .first()
      .evaluate((fig) => fig.querySelectorAll(".recharts-bar").length);
    const all = segs.flat();
    const counts = [...t2.values()];
    const totalPx = all.reduce((a, b) => a + b, 0);
    const totalN = counts.reduce((a, b) => a + b, 0);
    const k = totalPx / totalN;
    for (const s of all) {
      const n = s / k;
      if (Math.abs(n - Math.round(n)) > 0.2)
        throw new Error(
          `a stacked segment of ${s}px is not a whole number of cars (${n.toFixed(2)})`,
        );
    }
    console.log(
      `stacked column: ${stacks} series, ${all.length} segments, all whole counts at ${k.toFixed(2)} px/car; table = PostgreSQL for ${checked} cells`,
    );
    await shot("2-cars-by-year-origin");
    await page.getByRole("button", { name: "Save chart" }).click();
    await page
      .getByRole("dialog")
      .getByRole("textbox", { name: /Chart name/ })
      .fill("Cars per year by origin");
    await page
      .getByRole("dialog")
      .getByRole("button", { name: "Save", exact: true })
      .click();
    await see(
      page.getByRole("heading", { level: 1, name: "Cars per year by origin" }),
      "the saved chart",
    );
    await see(
      page.getByRole("figure", { name: /column chart/i }),
      "the saved stacked column chart",
    );

    await nav.getByRole("link", { name: "Charts", exact: true }).click();
    await see(
      page.getByText("Average IMDB rating by genre"),
      "the first chart in the list",
    );
    await see(
      page.getByText("Cars per year by origin"),
      "the second chart in the list",
    );
    await shot("3-charts");
    console.log("walkthrough passed");
  } catch (e) {
    await shot("failure").catch(() => {});
    console.error("walkthrough failed:", e.message);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}

await main();
