import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Pie,
  PieChart,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { cellText } from '@/lib/format';
import type { ChartModel } from './chart-data';

const COLORS = [
  '#2563eb',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#06b6d4',
  '#ec4899',
  '#84cc16',
  '#f97316',
  '#64748b',
  '#14b8a6',
  '#a855f7',
];
const color = (i: number) => COLORS[i % COLORS.length];
const numberFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
/** Averages arrive with every digit PostgreSQL computed; show two decimals at most. */
const formatValue = (value: unknown) =>
  typeof value === 'number' ? numberFormat.format(value) : cellText(value, '');
const tooltip = <Tooltip formatter={formatValue} />;

/** Recharts lives in its own chunk: this component is loaded only when a chart is drawn (Ask answers, SQL results). */
export function ResultChart({ model }: { model: Exclude<ChartModel, { kind: 'kpi' | 'table' }> }) {
  return (
    <ResponsiveContainer width="100%" height={280}>
      {model.kind === 'pie' ? (
        <PieChart>
          {/* Each slice's colour travels in its data entry (Recharts 3 reads `fill` from it). */}
          <Pie
            data={model.data.map((slice, i) => ({ ...slice, fill: color(i) }))}
            dataKey="value"
            nameKey="name"
            outerRadius={100}
            label
          />
          {tooltip}
          <Legend />
        </PieChart>
      ) : model.kind === 'scatter' ? (
        <ScatterChart>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={model.x} name={model.x} type="number" />
          <YAxis dataKey={model.yKeys[0]} name={model.yKeys[0]} type="number" />
          {tooltip}
          <Scatter data={model.data} fill={color(0)} />
        </ScatterChart>
      ) : model.kind === 'line' ? (
        <LineChart data={model.data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={model.x} />
          <YAxis tickFormatter={formatValue} />
          {tooltip}
          {model.yKeys.length > 1 && <Legend />}
          {model.yKeys.map((key, i) => (
            <Line key={key} dataKey={key} stroke={color(i)} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      ) : (
        <BarChart data={model.data}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={model.x} />
          <YAxis tickFormatter={formatValue} />
          {tooltip}
          {model.yKeys.length > 1 && <Legend />}
          {model.yKeys.map((key, i) => (
            <Bar key={key} dataKey={key} fill={color(i)} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </ResponsiveContainer>
  );
}
