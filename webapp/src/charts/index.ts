// The one chart renderer every feature uses (SQL results, Ask answers, saved charts, dashboards).
export { buildChart, EMPTY_LABEL, OTHER_LABEL } from './build-chart';
export { ChartView, type ChartViewProps } from './chart-view';
export { chartFits, chartOptions, recommendChart, resultShape } from './fit';
export { toCsv } from './download';
export {
  CHART_NAMES,
  CHART_TYPES,
  type ChartSpec,
  type ChartType,
  type MarkValues,
  type ModelLike,
  type QueryResultLike,
  type ResultColumn,
  type Visualization,
} from './types';
