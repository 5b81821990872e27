// Writes a Brotli (.br) and a gzip (.gz) copy next to every text asset of the built web app, so
// the server sends them as they are instead of compressing on every request (and the first
// request of a freshly started server pays no compression at all).
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = new URL('../dist/', import.meta.url).pathname;
const TEXT = /\.(js|mjs|css|html|svg|json|txt|map|webmanifest)$/;
// index.html is small but is the first request of every visit: it gets copies too.
const MIN_BYTES = 512;

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else yield path;
  }
}

const written = [];
let count = 0;
let before = 0;
let after = 0;
for await (const path of files(DIST)) {
  if (!TEXT.test(path) || (await stat(path)).size < MIN_BYTES) continue;
  const bytes = await readFile(path);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gz = gzipSync(bytes, { level: 9 });
  await writeFile(`${path}.br`, br);
  await writeFile(`${path}.gz`, gz);
  written.push(relative(DIST, path).split('\\').join('/'));
  count += 1;
  before += bytes.length;
  after += br.length;
}
// The server loads the copies this lists at startup (http.WebAssets).
await writeFile(join(DIST, 'precompressed.json'), JSON.stringify({ files: written.sort() }));
console.log(
  `precompressed ${count} files: ${Math.round(before / 1024)} KiB -> ${Math.round(after / 1024)} KiB (br)`,
);
