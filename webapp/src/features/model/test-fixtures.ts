import type { SemanticModel } from './types';

/** The orders model the Model tab tests render. */
export function orderModel(overrides: Partial<SemanticModel> = {}): SemanticModel {
  return {
    datasetId: 'd1',
    datasetName: 'orders',
    tableName: 'orders',
    version: 3,
    datasetVersion: 1,
    updatedAt: '2024-03-01T10:00:00Z',
    fiscalYearStartMonth: 1,
    dimensions: [
      { name: 'order_id', column: 'order_id', type: 'integer', label: 'order_id', synonyms: [], hidden: false, broken: null },
      { name: 'order_date', column: 'order_date', type: 'date', label: 'order_date', synonyms: [], hidden: false, broken: null,
        granularities: ['day', 'week', 'month', 'quarter', 'year', 'fiscal_quarter', 'fiscal_year'] },
      { name: 'region', column: 'region', type: 'text', label: 'region', synonyms: ['area'], hidden: false, broken: null },
      { name: 'amount', column: 'amount', type: 'decimal', label: 'amount', synonyms: [], hidden: false, broken: null },
    ],
    measures: [
      { name: 'count', label: 'Number of orders', aggregation: 'count', column: null, synonyms: [], hidden: false, broken: null,
        format: { type: 'number', decimals: 0 } },
      { name: 'total_amount', label: 'Total amount', aggregation: 'sum', column: 'amount', synonyms: [], hidden: false, broken: null,
        format: { type: 'number', decimals: 2 } },
      { name: 'old_margin', label: 'Old margin', formula: 'sum(cost) / sum(amount)', synonyms: [], hidden: false,
        broken: 'it uses "cost": column "cost" is not in the dataset\'s current version' },
    ],
    relationships: [],
    functions: ['abs', 'avg', 'coalesce', 'count', 'count_distinct', 'greatest', 'if', 'least', 'max', 'median', 'min', 'nullif', 'percentile', 'round', 'sum'],
    timeTransforms: ['previous_period', 'same_period_last_year', 'ytd'],
    ...overrides,
  };
}
