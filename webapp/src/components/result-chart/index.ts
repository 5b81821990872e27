// Shared result charts (Ask answers, SQL results). The Recharts renderer itself is lazy: see chart-figure.tsx.
export { chartModel, MAX_SERIES, type ChartModel, type ChartRow } from './chart-data';
export { ChartFigure } from './chart-figure';
