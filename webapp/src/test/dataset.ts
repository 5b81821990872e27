import type { Dataset } from '@/features/datasets';

/** A loaded dataset (seattle-weather) as the API describes it; `extra` overrides fields. Shared by the feature tests. */
export function dataset(extra: Partial<Dataset> = {}): Dataset {
  return {
    id: 'd1',
    projectId: 'p1',
    name: 'seattle-weather',
    tableName: 'seattle_weather',
    status: 'ready',
    version: 1,
    rowCount: 1461,
    columns: [
      { name: 'date', label: 'date', type: 'date', nullable: false },
      { name: 'temp_max', label: 'temp_max', type: 'decimal', nullable: false },
      { name: 'weather', label: 'weather', type: 'text', nullable: true },
    ],
    warnings: [],
    error: null,
    progress: { phase: 'ready', bytesTotal: 48_219, bytesParsed: 48_219, rowsLoaded: 1461 },
    source: { filename: 'seattle-weather.csv', contentType: 'text/csv', size: 48_219, sheet: null },
    createdAt: '2024-03-01T10:00:00Z',
    updatedAt: '2024-03-01T10:00:05Z',
    ...extra,
  };
}
