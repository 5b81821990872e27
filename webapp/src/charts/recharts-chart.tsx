import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ReferenceLine,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
} from 'recharts';
import { formatCell, formatValueNumber } from '@/lib/format';
import type { ChartSpec, ResultColumn } from './types';

type Drawn = Extract<ChartSpec, { kind: 'cartesian' | 'pie' | 'scatter' }>;
type Cartesian = Extract<ChartSpec, { kind: 'cartesian' }>;

export interface RechartsChartProps {
  spec: Drawn;
  width: number;
  height: number;
  /** The category key (cartesian) or slice key (pie) chosen with the keyboard. */
  activeKey: string | null;
  labelInterval: number;
  /** Called with the key of a clicked category (cartesian) or slice (pie). */
  onMarkClick?: (key: string) => void;
}

// Colours from CSS so the dark theme (and the PNG made from the screen) follow the page.
const tick = { fill: 'currentColor', fontSize: 12 };
const grid = { stroke: 'currentColor', strokeOpacity: 0.15 };
const tooltipStyle = {
  contentStyle: {
    background: 'var(--chart-tooltip-bg)',
    border: '1px solid var(--chart-tooltip-border)',
    color: 'var(--chart-tooltip-text)',
    borderRadius: 6,
    fontSize: 12,
  },
  itemStyle: { color: 'var(--chart-tooltip-text)' },
  labelStyle: { color: 'var(--chart-tooltip-text)', fontWeight: 600 },
};
const ACTIVE_STROKE = 'var(--chart-active)';

const number = (column: ResultColumn) => (value: unknown) =>
  typeof value === 'number' ? formatValueNumber(value, column) : formatCell(value, column);
const percent = (value: unknown) =>
  typeof value === 'number' ? formatValueNumber(value, { format: { type: 'percent' } }) : '';

function axisLabel(text: string | null, position: 'insideBottom' | 'insideLeft', angle = 0) {
  return text ? { value: text, position, angle, fill: 'currentColor', fontSize: 12 } : undefined;
}

function CartesianChart({
  spec,
  width,
  height,
  activeKey,
  labelInterval,
  onMarkClick,
}: RechartsChartProps & { spec: Cartesian }) {
  const byKey = new Map(spec.data.map((p) => [p.key, p]));
  const categoryTick = (key: unknown) => byKey.get(String(key))?.label ?? '';
  const tooltipLabel = (key: unknown) => byKey.get(String(key))?.fullLabel ?? '';
  const format = number(spec.valueColumn);
  const stackId = spec.stacking === 'none' ? undefined : 'stack';
  const stackOffset = spec.stacking === 'percent' ? ('expand' as const) : undefined;
  const valueTick = spec.stacking === 'percent' ? percent : format;
  const horizontal = spec.type === 'bar';
  const margin = { top: 16, right: 24, bottom: spec.xTitle ? 28 : 8, left: spec.yTitle ? 16 : 0 };
  // A click anywhere in a category's band is a click on its mark (easier than hitting a thin bar).
  // Bars answer their own clicks (below); lines and areas by the band under the pointer.
  const bars = spec.type === 'bar' || spec.type === 'column';
  const onClick =
    onMarkClick && !bars
      ? ({ activeTooltipIndex }: { activeTooltipIndex?: number | string | null }) => {
          const point = spec.data[Number(activeTooltipIndex ?? -1)];
          if (point) onMarkClick(point.key);
        }
      : undefined;
  const common = {
    width,
    height,
    data: spec.data,
    margin,
    stackOffset,
    accessibilityLayer: false,
    onClick,
    style: onMarkClick ? { cursor: 'pointer' } : undefined,
  };
  const categoryAxis = horizontal ? (
    <YAxis
      type="category"
      dataKey="key"
      tickFormatter={categoryTick}
      tick={tick}
      width={Math.min(200, Math.max(60, ...spec.data.map((p) => p.label.length * 7)))}
      interval={0}
    />
  ) : (
    <XAxis
      dataKey="key"
      tickFormatter={categoryTick}
      tick={tick}
      interval={labelInterval}
      label={axisLabel(spec.xTitle, 'insideBottom')}
      height={spec.xTitle ? 44 : 30}
    />
  );
  const valueAxis = horizontal ? (
    <XAxis
      type="number"
      tickFormatter={valueTick}
      tick={tick}
      label={axisLabel(spec.yTitle, 'insideBottom')}
      height={spec.yTitle ? 44 : 30}
    />
  ) : (
    <YAxis
      tickFormatter={valueTick}
      tick={tick}
      label={axisLabel(spec.yTitle, 'insideLeft', -90)}
    />
  );
  const reference = spec.referenceLine && (
    <ReferenceLine
      {...(horizontal ? { x: spec.referenceLine.value } : { y: spec.referenceLine.value })}
      stroke="#ef4444"
      strokeDasharray="4 4"
      label={
        spec.referenceLine.label
          ? {
              value: spec.referenceLine.label,
              fill: 'currentColor',
              fontSize: 12,
              position: 'insideTopRight',
            }
          : undefined
      }
    />
  );
  const tooltip = <Tooltip {...tooltipStyle} formatter={format} labelFormatter={tooltipLabel} />;
  const legend = spec.legend && <Legend wrapperStyle={{ fontSize: 12 }} />;
  // The mark chosen with the keyboard, marked by a line through its category.
  const highlight = activeKey && (
    <ReferenceLine
      {...(horizontal ? { y: activeKey } : { x: activeKey })}
      stroke={ACTIVE_STROKE}
      strokeWidth={2}
      strokeDasharray="2 2"
    />
  );

  if (spec.type === 'line' || spec.type === 'area') {
    const Chart = spec.type === 'line' ? LineChart : AreaChart;
    return (
      <Chart {...common}>
        <CartesianGrid {...grid} strokeDasharray="3 3" />
        {categoryAxis}
        {valueAxis}
        {tooltip}
        {legend}
        {reference}
        {highlight}
        {spec.series.map((s) =>
          spec.type === 'line' ? (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeDasharray={s.comparison ? '6 4' : undefined}
              strokeOpacity={s.comparison ? 0.7 : 1}
              dot={spec.data.length <= 40}
              isAnimationActive={false}
              connectNulls={false}
            >
              {spec.showValues && (
                <LabelList
                  dataKey={s.key}
                  position="top"
                  formatter={format}
                  fill="currentColor"
                  fontSize={11}
                />
              )}
            </Line>
          ) : (
            <Area
              key={s.key}
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              fill={s.color}
              fillOpacity={s.comparison ? 0.1 : 0.3}
              strokeDasharray={s.comparison ? '6 4' : undefined}
              stackId={s.comparison ? undefined : stackId}
              isAnimationActive={false}
            >
              {spec.showValues && (
                <LabelList
                  dataKey={s.key}
                  position="top"
                  formatter={format}
                  fill="currentColor"
                  fontSize={11}
                />
              )}
            </Area>
          ),
        )}
      </Chart>
    );
  }
  return (
    <BarChart {...common} layout={horizontal ? 'vertical' : 'horizontal'}>
      <CartesianGrid {...grid} strokeDasharray="3 3" />
      {categoryAxis}
      {valueAxis}
      {tooltip}
      {legend}
      {reference}
      {highlight}
      {spec.series.map((s) => (
        <Bar
          key={s.key}
          dataKey={s.key}
          name={s.label}
          fill={s.color}
          fillOpacity={s.comparison ? 0.45 : 1}
          stackId={s.comparison ? undefined : stackId}
          isAnimationActive={false}
          onClick={
            onMarkClick
              ? (_item: unknown, index: number) => {
                  const point = spec.data[index];
                  if (point) onMarkClick(point.key);
                }
              : undefined
          }
        >
          {spec.showValues && (
            <LabelList
              dataKey={s.key}
              position={horizontal ? 'right' : 'top'}
              formatter={format}
              fill="currentColor"
              fontSize={11}
            />
          )}
        </Bar>
      ))}
    </BarChart>
  );
}

/** Recharts lives in its own chunk: this component is loaded only when a chart is drawn. */
export function RechartsChart(props: RechartsChartProps) {
  const { spec, width, height, activeKey, onMarkClick } = props;
  if (spec.kind === 'cartesian') return <CartesianChart {...props} spec={spec} />;
  if (spec.kind === 'pie') {
    const format = number(spec.valueColumn);
    const radius = Math.max(40, Math.min(width, height) / 2 - 40);
    return (
      <PieChart width={width} height={height}>
        <Pie
          data={spec.slices.map((s) => ({
            name: s.label,
            value: s.value,
            fill: s.color,
            stroke: s.key === activeKey ? ACTIVE_STROKE : 'var(--chart-slice-border)',
            strokeWidth: s.key === activeKey ? 3 : 1,
          }))}
          dataKey="value"
          nameKey="name"
          outerRadius={radius}
          innerRadius={spec.type === 'donut' ? radius * 0.6 : 0}
          isAnimationActive={false}
          onClick={
            onMarkClick
              ? (_data: unknown, index: number) => {
                  const slice = spec.slices[index];
                  if (slice) onMarkClick(slice.key);
                }
              : undefined
          }
          style={onMarkClick ? { cursor: 'pointer' } : undefined}
          label={spec.showValues ? ({ value }: { value?: unknown }) => format(value) : false}
        />
        <Tooltip {...tooltipStyle} formatter={format} />
        {spec.legend && <Legend wrapperStyle={{ fontSize: 12 }} />}
      </PieChart>
    );
  }
  const x = number(spec.xColumn);
  const y = number(spec.yColumn);
  return (
    <ScatterChart
      width={width}
      height={height}
      margin={{ top: 16, right: 24, bottom: 28, left: 16 }}
    >
      <CartesianGrid {...grid} strokeDasharray="3 3" />
      <XAxis
        type="number"
        dataKey="x"
        name={spec.xTitle ?? ''}
        tickFormatter={x}
        tick={tick}
        label={axisLabel(spec.xTitle, 'insideBottom')}
        height={44}
      />
      <YAxis
        type="number"
        dataKey="y"
        name={spec.yTitle ?? ''}
        tickFormatter={y}
        tick={tick}
        label={axisLabel(spec.yTitle, 'insideLeft', -90)}
      />
      {spec.sizeColumn && (
        <ZAxis
          type="number"
          dataKey="size"
          range={[30, 400]}
          name={spec.sizeColumn.label || spec.sizeColumn.name}
        />
      )}
      <Tooltip
        {...tooltipStyle}
        formatter={(value: unknown) => formatCell(value, { type: 'decimal' })}
      />
      {spec.legend && <Legend wrapperStyle={{ fontSize: 12 }} />}
      {spec.groups.map((g) => (
        <Scatter
          key={g.key}
          name={g.label}
          data={g.points}
          fill={g.color}
          fillOpacity={0.75}
          isAnimationActive={false}
        />
      ))}
    </ScatterChart>
  );
}
