// The dashboard benchmark's API part (#12 Speed), run by scripts/bench/dashboard right after the
// flights upload: 12 saved charts (5 KPIs, 3 bars, 3 lines, a table), one dashboard of them with a
// date_range and a values filter, then
//   (a) the cold data request of the whole dashboard (nothing cached yet),
//   (b) every widget's compiled SQL alone in psql (median of PSQL_RUNS) — the slowest one is the
//       yardstick: cold / slowest ≤ 1.5, warm / slowest ≤ 0.1,
//   (c) the warm data request (same state again, median of RUNS),
//   (d) a filter change (new values for the values filter, never asked before),
//   (e) what PostgreSQL ran for one load with the server's cache bypassed (Cache-Control: no-cache):
//       deltas of pg_stat_user_tables (seq_scan, idx_scan) of the project's dataset tables (the
//       flights view reads flights__v1) and of pg_stat_database (xact_commit + xact_rollback: every
//       statement, the app's own reads too) after the statistics settle, and of the server's
//       query_cache_misses_total (the statements run on the guarded query path).
// Prints JSON lines; the last one ({"summary":…}) has the numbers. Writes the dashboard's ids to
// WORK/ids.json for the browser part (dashboard-page.mjs).
// Usage: node dashboard.mjs BASE TOKEN PROJECT DATASET DB_URL SCHEMA WORK
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [base, token, project, dataset, dbUrl, schema, work] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS ?? 5);
const PSQL_RUNS = Number(process.env.PSQL_RUNS ?? 3);
const api = `${base}/api/v1/projects/${project}`;

async function call(method, path, body, headers = {}) {
  const r = await fetch(`${api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return JSON.parse(text);
}

const say = (o) => console.log(JSON.stringify(o));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

// ---- setup: 12 charts through the charts API ------------------------------------------------------
const sem = (q, type) => ({ query: { semantic: { dataset: 'flights', ...q } }, visualization: { type } });
const month = { dimension: 'date', granularity: 'month' };
const specs = [
  ['Flights', 'kpi', sem({ measures: ['count'] }, 'kpi')],
  ['Total delay', 'kpi', sem({ measures: ['total_delay'] }, 'kpi')],
  ['Average delay', 'kpi', sem({ measures: ['avg_delay'] }, 'kpi')],
  ['Total distance', 'kpi', sem({ measures: ['total_distance'] }, 'kpi')],
  ['Average distance', 'kpi', sem({ measures: ['avg_distance'] }, 'kpi')],
  ['Flights by origin', 'chart', sem({ measures: ['count'], dimensions: ['origin'] }, 'bar')],
  ['Delay by destination', 'chart', sem({ measures: ['avg_delay'], dimensions: ['destination'] }, 'bar')],
  ['Distance by origin', 'chart', sem({ measures: ['total_distance'], dimensions: ['origin'] }, 'bar')],
  ['Flights by month', 'chart', sem({ measures: ['count'], time: month }, 'line')],
  ['Delay by month', 'chart', sem({ measures: ['avg_delay'], time: month }, 'line')],
  ['Distance by month', 'chart', sem({ measures: ['total_distance'], time: month }, 'line')],
  [
    'Routes',
    'chart',
    sem(
      {
        measures: ['count', 'avg_delay'],
        dimensions: ['origin', 'destination'],
        order: [{ member: 'count', direction: 'desc' }],
        limit: 100,
      },
      'table',
    ),
  ],
];
const widgets = [];
for (const [i, [name, type, body]] of specs.entries()) {
  const chart = await call('POST', '/charts', { name, ...body });
  widgets.push({ id: `w${i + 1}`, type, chartId: chart.id, x: (i % 4) * 3, y: Math.floor(i / 4) * 3, w: 3, h: 3 });
}
const filters = [
  { id: 'period', type: 'date_range', member: 'date', label: 'Period', default: { from: '2001-01-01', to: '2001-12-31' } },
  { id: 'origin', type: 'values', member: 'origin', label: 'Origin', default: [] },
];
widgets.push({ id: 'f1', type: 'filter', filterId: 'period', x: 0, y: 9, w: 6, h: 1 });
widgets.push({ id: 'f2', type: 'filter', filterId: 'origin', x: 6, y: 9, w: 6, h: 1 });
const dashboard = await call('POST', '/dashboards', {
  name: 'Flights',
  columns: 12,
  widgets,
  filters,
});
writeFileSync(`${work}/ids.json`, JSON.stringify({ dashboard: dashboard.id, charts: widgets.map((w) => w.chartId) }));

async function load(state, headers) {
  const t0 = performance.now();
  const answer = await call('POST', `/dashboards/${dashboard.id}/data`, state, headers);
  const ms = performance.now() - t0;
  const failed = answer.widgets.filter((w) => w.error);
  if (failed.length) throw new Error(`widgets failed: ${JSON.stringify(failed.map((w) => w.error))}`);
  return { ms, answer };
}

// ---- (a) cold ---------------------------------------------------------------------------------------
const cold = await load({});
const cachedCold = cold.answer.widgets.filter((w) => w.cached).length;
say({ step: 'cold', ms: Math.round(cold.ms), cachedWidgets: cachedCold });

// ---- (b) each widget's SQL alone in psql -----------------------------------------------------------
function psqlMs(sql) {
  const script = [`SET search_path TO "${schema}";`, '\\timing on'];
  for (let i = 0; i < PSQL_RUNS; i++) script.push(`${sql.replace(/;\s*$/, '')}\n;`);
  const out = execFileSync('psql', [dbUrl, '-q', '-o', '/dev/null', '-v', 'ON_ERROR_STOP=1'], {
    input: script.join('\n'),
    encoding: 'utf8',
  });
  const times = [...out.matchAll(/^Time: ([0-9.]+) ms/gm)].map((m) => Number(m[1]));
  if (times.length !== PSQL_RUNS) throw new Error(`psql gave ${times.length} timings:\n${out}`);
  return median(times);
}
const perWidget = cold.answer.widgets.map((w) => ({ id: w.id, ms: round(psqlMs(w.sql), 1), serverMs: w.elapsedMs }));
const slowest = perWidget.reduce((a, b) => (b.ms > a.ms ? b : a));
const sumPsql = perWidget.reduce((s, w) => s + w.ms, 0);
say({ step: 'psql', widgets: perWidget });
writeFileSync(`${work}/widget-sql.txt`, cold.answer.widgets.map((w) => `-- ${w.id}\n${w.sql};\n`).join('\n'));

// ---- (c) warm ---------------------------------------------------------------------------------------
const warmRuns = [];
for (let i = 0; i < RUNS; i++) {
  const { ms, answer } = await load({});
  warmRuns.push(ms);
  if (i === 0) say({ step: 'warm', cachedWidgets: answer.widgets.filter((w) => w.cached).length });
}
const warm = median(warmRuns);

// ---- (d) filter changes: a new set of origins each time (never cached) -----------------------------
const origins = [['ATL'], ['ORD', 'DFW'], ['LAX', 'SFO', 'SEA'], ['DEN'], ['PHX', 'LAS']];
const changeRuns = [];
for (let i = 0; i < Math.min(RUNS, origins.length); i++) {
  const { ms } = await load({ filters: { origin: origins[i] } });
  changeRuns.push(ms);
}
const change = median(changeRuns);

// ---- (e) what PostgreSQL ran for one load ------------------------------------------------------------
// The counters are per backend until flushed (at most every second while busy, ~10 s after going idle
// in PostgreSQL 15), so readings are taken 2 s apart until they settle; the readings' own
// transactions in this database are subtracted.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function reading() {
  const out = execFileSync(
    'psql',
    [
      dbUrl,
      '-tA',
      '-F',
      ' ',
      '-c',
      `SELECT pg_stat_clear_snapshot(), coalesce(sum(t.seq_scan), 0), coalesce(sum(t.idx_scan), 0),
         (SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database())
       FROM pg_stat_user_tables t WHERE t.schemaname = '${schema}'`,
    ],
    { encoding: 'utf8' },
  ).trim();
  // The first column (pg_stat_clear_snapshot's void) is empty, so the trimmed line has three.
  const [seq, idx, xact] = out.split(' ').map(Number);
  if (![seq, idx, xact].every(Number.isFinite)) throw new Error(`pg_stat reading: ${out}`);
  return { seq, idx, xact };
}
let readings = 0;
// Settled: the scan counters unchanged over two intervals and the database's transactions growing
// by about the same amount in both (the readings' own — a connection's start is one too — and the
// server's background work, a transaction every few seconds: the count is ±2).
async function settled() {
  const seen = [reading()];
  readings++;
  for (let i = 0; i < 20; i++) {
    await sleep(2000);
    seen.push(reading());
    readings++;
    const [a, b, c] = seen.slice(-3);
    if (c && a && a.seq === c.seq && a.idx === c.idx && Math.abs(b.xact - a.xact - (c.xact - b.xact)) <= 1) {
      return { ...c, readings, perReading: Math.min(b.xact - a.xact, c.xact - b.xact) };
    }
  }
  throw new Error('pg_stat counters did not settle');
}
async function misses() {
  const text = await (await fetch(`${base}/metrics`)).text();
  return Number(/^query_cache_misses_total ([0-9.e+]+)/m.exec(text)?.[1] ?? NaN);
}
await sleep(11000);
const before = await settled();
const missesBefore = await misses();
const scanned = await load({}, { 'Cache-Control': 'no-cache' });
const guardedStatements = (await misses()) - missesBefore;
await sleep(11000);
const after = await settled();
const stats = {
  seqScans: after.seq - before.seq,
  idxScans: after.idx - before.idx,
  // Minus this script's own readings in between (one transaction each).
  transactions: after.xact - before.xact - after.perReading * (after.readings - before.readings),
  guardedStatements,
  loadMs: Math.round(scanned.ms),
};
say({ step: "pg_stat", ...stats, before, after });

const summary = {
  widgets: cold.answer.widgets.length,
  coldMs: Math.round(cold.ms),
  slowestWidget: slowest.id,
  slowestPsqlMs: slowest.ms,
  sumPsqlMs: round(sumPsql, 1),
  warmMs: round(warm, 1),
  filterChangeMs: Math.round(change),
  coldRatio: round(cold.ms / slowest.ms),
  warmRatio: round(warm / slowest.ms, 3),
  ...stats,
};
say({ summary });
