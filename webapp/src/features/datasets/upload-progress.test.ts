import { describe, expect, it } from 'vitest';
import type { Dataset } from './types';
import {
  describeUpload,
  initialUploadState,
  uploadReducer,
  type UploadAction,
  type UploadState,
} from './upload-progress';

function dataset(
  status: Dataset['status'],
  progress: Dataset['progress'] = {},
  extra: Partial<Dataset> = {},
): Dataset {
  return {
    id: 'd1',
    name: 'weather',
    tableName: 'weather',
    status,
    version: 0,
    rowCount: null,
    columns: [],
    warnings: [],
    progress,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    ...extra,
  };
}

const run = (...actions: UploadAction[]): UploadState =>
  actions.reduce(uploadReducer, initialUploadState);

describe('upload progress', () => {
  it('reports bytes sent, then the server’s phases', () => {
    const start = { type: 'start', fileName: 'a.csv', size: 97_000_000 } as const;
    expect(
      describeUpload(run(start, { type: 'progress', loaded: 42_000_000, total: 97_000_000 })),
    ).toEqual({
      text: 'Uploading 42 MB of 97 MB',
      percent: 43,
    });
    expect(
      describeUpload(
        run(start, {
          type: 'update',
          dataset: dataset('parsing', { bytesTotal: 10, bytesParsed: 0 }),
        }),
      ),
    ).toEqual({
      text: 'Parsing…',
      percent: null,
    });
    const loading = dataset('loading', { bytesTotal: 100, bytesParsed: 25, rowsLoaded: 1_250_000 });
    expect(describeUpload(run(start, { type: 'update', dataset: loading }))).toEqual({
      text: 'Loading: 1,250,000 rows',
      percent: 25,
    });
    const ready = run(start, {
      type: 'update',
      dataset: dataset('ready', {}, { rowCount: 1461, version: 1 }),
    });
    expect(ready.step).toBe('ready');
    expect(describeUpload(ready)?.text).toBe('Ready: 1,461 rows');
  });

  it('keeps the server’s message and details when the load fails', () => {
    const failed = run(
      { type: 'start', fileName: 'a.csv', size: 10 },
      {
        type: 'update',
        dataset: dataset(
          'failed',
          {},
          {
            error: {
              code: 'unparsable_file',
              message: 'an unclosed quote on line 7',
              details: { line: 7 },
            },
          },
        ),
      },
    );
    expect(failed).toEqual({
      step: 'failed',
      fileName: 'a.csv',
      message: 'an unclosed quote on line 7',
      details: { line: 7 },
    });
    // A late progress event cannot bring a failed upload back to life.
    expect(uploadReducer(failed, { type: 'update', dataset: dataset('loading') })).toBe(failed);
  });

  it('cancels only while bytes are being sent', () => {
    const uploading = run({ type: 'start', fileName: 'a.csv', size: 10 });
    expect(uploadReducer(uploading, { type: 'cancelled' })).toEqual({
      step: 'cancelled',
      fileName: 'a.csv',
    });
    const processing = uploadReducer(uploading, { type: 'update', dataset: dataset('parsing') });
    expect(uploadReducer(processing, { type: 'cancelled' })).toBe(processing);
  });
  it('reports a new version that failed although the dataset is ready on its live version', () => {
    const start = { type: 'start', fileName: 'a.csv', size: 10 } as const;
    const processing = run(start, {
      type: 'update',
      dataset: dataset('receiving', {}, { version: 2 }),
    });
    const failedVersion = dataset(
      'ready',
      {},
      {
        version: 2,
        lastLoadError: {
          version: 3,
          mode: 'replace',
          filename: 'a.csv',
          code: 'unparsable_file',
          message: 'an unclosed quote on line 7',
          details: { line: 7 },
          failedAt: '2024-01-01T00:00:01.000Z',
        },
      },
    );
    expect(uploadReducer(processing, { type: 'update', dataset: failedVersion })).toEqual({
      step: 'failed',
      fileName: 'a.csv',
      message: 'an unclosed quote on line 7',
      details: { line: 7 },
    });
    // An older failure does not make a successful new version look failed.
    const loaded = dataset('ready', {}, { version: 3, lastLoadError: null });
    expect(uploadReducer(processing, { type: 'update', dataset: loaded }).step).toBe('ready');
  });
});
