// Writes the 3 million flights of vega-datasets (flights-3m.parquet) as CSV, or as XLSX for the
// first N rows: node make-flights.mjs csv out.csv | node make-flights.mjs xlsx out.xlsx 300000
import { createWriteStream } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { asyncBufferFromFile, parquetMetadataAsync, parquetRead } from 'hyparquet'
import { compressors } from 'hyparquet-compressors'

const [format, out, limitArg] = process.argv.slice(2)
// The package's exports map hides data/, so resolve the file next to its package.json.
const here = dirname(fileURLToPath(import.meta.url))
const source = join(here, 'node_modules', 'vega-datasets', 'data', 'flights-3m.parquet')
const file = await asyncBufferFromFile(source)
const metadata = await parquetMetadataAsync(file)
const total = Number(metadata.num_rows)
const limit = limitArg ? Math.min(Number(limitArg), total) : total

const pad = (n) => String(n).padStart(2, '0')
const stamp = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
const toDate = (v) => (v instanceof Date ? v : new Date(Number(v) / 1000))

async function eachChunk(fn) {
  const step = 250_000
  for (let start = 0; start < limit; start += step) {
    const end = Math.min(start + step, limit)
    await parquetRead({ file, metadata, compressors, rowStart: start, rowEnd: end, onComplete: fn })
  }
}

if (format === 'csv') {
  const ws = createWriteStream(out)
  ws.write('date,delay,distance,origin,destination\n')
  await eachChunk(async (rows) => {
    let buf = ''
    for (const [date, delay, distance, origin, destination] of rows) {
      buf += `${stamp(toDate(date))},${delay},${distance},${origin},${destination}\n`
    }
    if (!ws.write(buf)) await new Promise((r) => ws.once('drain', r))
  })
  await new Promise((r) => ws.end(r))
} else if (format === 'xlsx') {
  const ExcelJS = (await import('exceljs')).default
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useSharedStrings: false })
  const sheet = wb.addWorksheet('flights')
  sheet.addRow(['date', 'delay', 'distance', 'origin', 'destination']).commit()
  await eachChunk(async (rows) => {
    for (const [date, delay, distance, origin, destination] of rows) {
      sheet.addRow([toDate(date), Number(delay), Number(distance), origin, destination]).commit()
    }
  })
  sheet.commit()
  await wb.commit()
} else {
  console.error('usage: node make-flights.mjs csv|xlsx OUT [ROWS]')
  process.exit(2)
}
console.error(`wrote ${limit} rows to ${out}`)
