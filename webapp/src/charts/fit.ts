import { isComparison, isChange, roleOf } from './columns';
import type { ChartType, ResultColumn } from './types';

/** What a result looks like to a chart: how many columns of each role, and how many rows. */
export interface Shape {
  time: number;
  ordinal: number;
  categories: number;
  measures: number;
  rows: number;
}

export function resultShape(columns: readonly ResultColumn[], rowCount: number): Shape {
  const shape: Shape = { time: 0, ordinal: 0, categories: 0, measures: 0, rows: rowCount };
  for (const column of columns) {
    if (isChange(column)) continue;
    const role = roleOf(column);
    if (role === 'time') shape.time += 1;
    else if (role === 'ordinal') shape.ordinal += 1;
    else if (role === 'category') shape.categories += 1;
    else if (!isComparison(column)) shape.measures += 1;
  }
  return shape;
}

/** Whether a chart type can draw a result of this shape (table always can). */
export function chartFits(type: ChartType, shape: Shape): boolean {
  const axes = shape.time + shape.ordinal + shape.categories;
  switch (type) {
    case 'table':
      return true;
    case 'kpi':
      return shape.rows === 1 && shape.measures >= 1;
    case 'bar':
    case 'column':
      return shape.rows > 1 && shape.measures >= 1 && axes >= 1 && axes <= 2;
    case 'line':
    case 'area':
      return shape.rows > 1 && shape.measures >= 1 && shape.time + shape.ordinal >= 1 && axes <= 2;
    case 'pie':
    case 'donut':
      return (
        shape.rows > 1 &&
        shape.measures === 1 &&
        shape.categories + shape.ordinal === 1 &&
        shape.time === 0
      );
    case 'scatter':
      return shape.rows > 1 && shape.measures >= 2 && axes <= 1;
    case 'pivot':
      return shape.rows > 1 && shape.measures >= 1 && axes >= 2;
  }
}

/** The one to draw when nobody chose: KPI for one row, lines over time, bars for categories. */
export function recommendChart(shape: Shape): ChartType {
  const axes = shape.time + shape.ordinal + shape.categories;
  if (shape.rows === 0) return 'table';
  if (chartFits('kpi', shape)) return 'kpi';
  if (shape.time >= 1 && chartFits('line', shape)) return 'line';
  if (shape.measures >= 2 && axes === 0 && chartFits('scatter', shape)) return 'scatter';
  if (chartFits('column', shape)) {
    // Many categories read better as horizontal bars, with room for their labels.
    return shape.rows > 15 && shape.time === 0 && shape.ordinal === 0 ? 'bar' : 'column';
  }
  if (chartFits('scatter', shape)) return 'scatter';
  if (chartFits('pivot', shape)) return 'pivot';
  return 'table';
}

/** Every type with whether it fits, and the recommended one — for a chart-type picker. */
export function chartOptions(
  columns: readonly ResultColumn[],
  rowCount: number,
): { types: { type: ChartType; fits: boolean }[]; recommended: ChartType } {
  const shape = resultShape(columns, rowCount);
  const all: ChartType[] = [
    'kpi',
    'bar',
    'column',
    'line',
    'area',
    'pie',
    'donut',
    'scatter',
    'table',
    'pivot',
  ];
  return {
    types: all.map((type) => ({ type, fits: chartFits(type, shape) })),
    recommended: recommendChart(shape),
  };
}
