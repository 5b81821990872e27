// Public surface of the datasets feature. Pages are loaded lazily through ./pages.
export { datasetKeys, useDataset, useDatasets } from './hooks/use-datasets';
export type { ColumnType, Dataset, DatasetColumn } from './types';
