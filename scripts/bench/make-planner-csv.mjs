// Writes the planner evaluation's JSON datasets from the public vega-datasets package as CSV
// (the upload accepts CSV/TSV/XLSX/XLS, not JSON). Values are copied unchanged; a null becomes an
// empty field. Usage: node make-planner-csv.mjs <vega-datasets data dir> <output dir>
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [from, to] = process.argv.slice(2);
if (!from || !to) {
  console.error('usage: node make-planner-csv.mjs <vega-datasets/data> <out dir>');
  process.exit(2);
}
const FILES = ['cars', 'gapminder', 'wheat', 'penguins', 'barley', 'population', 'unemployment-across-industries'];

function field(v) {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replaceAll('"', '""') + '"' : s;
}

for (const name of FILES) {
  const rows = JSON.parse(readFileSync(join(from, name + '.json'), 'utf8'));
  const header = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!header.includes(k)) header.push(k);
  const lines = [header.map(field).join(',')];
  for (const r of rows) lines.push(header.map((k) => field(r[k])).join(','));
  writeFileSync(join(to, name + '.csv'), lines.join('\n') + '\n');
  console.log(name + '.csv', rows.length, 'rows');
}
