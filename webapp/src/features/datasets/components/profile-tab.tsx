import { Badge } from '@/components/badge';
import { ErrorMessage } from '@/components/error-message';
import { PageSpinner } from '@/components/spinner';
import { formatNumber, NULL_TEXT } from '@/lib/format';
import { useDatasetProfile } from '../hooks/use-datasets';
import type { ColumnProfile, Dataset } from '../types';

interface ProfileTabProps {
  projectId: string;
  dataset: Dataset;
}

const compact = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });

function percent(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const value = (part / whole) * 100;
  return `${value > 0 && value < 1 ? '<1' : Math.round(value)}%`;
}

/** Per column: type, empty values, distinct values, range, the most common values and a histogram. */
export function ProfileTab({ projectId, dataset }: ProfileTabProps) {
  const profile = useDatasetProfile(projectId, dataset.id, dataset.version);
  if (profile.isPending) return <PageSpinner label="Profiling columns…" />;
  if (profile.isError)
    return (
      <ErrorMessage
        title="Could not profile the dataset"
        error={profile.error}
        onRetry={() => void profile.refetch()}
      />
    );
  const { rowCount, sampled, columns } = profile.data;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {formatNumber(rowCount)} rows.
        {sampled
          ? ' Top values and histograms come from a sample of the table; counts of empty and distinct values are exact or marked ≈.'
          : ''}
      </p>
      <ul className="grid gap-4 md:grid-cols-2" aria-label="Column profiles">
        {columns.map((column) => (
          <li key={column.name}>
            <ColumnCard column={column} rowCount={rowCount} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ColumnCard({ column, rowCount }: { column: ColumnProfile; rowCount: number }) {
  const name = column.label ?? column.name ?? '';
  const headingId = `profile-${column.name ?? ''}`;
  const nulls = column.nulls ?? 0;
  const top = column.topValues ?? [];
  const topMax = Math.max(1, ...top.map((t) => t.count ?? 0));
  return (
    <article
      aria-labelledby={headingId}
      className="h-full rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="truncate font-semibold">
            {name}
          </h3>
          <p className="truncate font-mono text-xs text-slate-500 dark:text-slate-400">
            {column.name}
          </p>
        </div>
        <Badge>{column.type}</Badge>
      </header>
      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-2 text-sm sm:grid-cols-4">
        <Stat label="Empty" value={`${formatNumber(nulls)} (${percent(nulls, rowCount)})`} />
        <Stat
          label="Distinct"
          value={
            column.distinct === null || column.distinct === undefined
              ? '—'
              : `${column.distinctApproximate ? '≈' : ''}${formatNumber(column.distinct)}`
          }
        />
        <Stat label="Min" value={column.min ?? '—'} />
        <Stat label="Max" value={column.max ?? '—'} />
      </dl>
      {column.histogram && column.histogram.length > 0 && (
        <Histogram column={name} bins={column.histogram} />
      )}
      {top.length > 0 && (
        <div className="mt-4">
          <h4 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">
            Most common
          </h4>
          <ul className="space-y-1" aria-label={`Most common values of ${name}`}>
            {top.map((entry) => (
              <li
                key={entry.value ?? ''}
                className="relative flex justify-between gap-2 overflow-hidden rounded px-2 py-0.5 text-xs"
              >
                <span
                  aria-hidden="true"
                  className="absolute inset-y-0 left-0 bg-brand-100 dark:bg-brand-700/30"
                  style={{ width: `${((entry.count ?? 0) / topMax) * 100}%` }}
                />
                <span className="relative truncate">{entry.value ?? NULL_TEXT}</span>
                <span className="relative shrink-0 tabular-nums text-slate-600 dark:text-slate-300">
                  {formatNumber(entry.count ?? 0)}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </article>
  );
}

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="truncate tabular-nums" title={value}>
        {value}
      </dd>
    </div>
  );
}

type Bin = NonNullable<ColumnProfile['histogram']>[number];

/** A small bar chart in inline SVG: one bar per bin, with the ranges spelled out for screen readers. */
function Histogram({ column, bins }: { column: string; bins: Bin[] }) {
  const max = Math.max(1, ...bins.map((b) => b.count ?? 0));
  const width = 240;
  const height = 56;
  const gap = 2;
  const barWidth = Math.max(1, width / bins.length - gap);
  const from = bins[0]?.from;
  const to = bins[bins.length - 1]?.to;
  return (
    <figure className="mt-4">
      <svg
        role="img"
        aria-label={`Histogram of ${column}: ${bins.length} bins${from !== undefined && to !== undefined ? ` from ${compact.format(from)} to ${compact.format(to)}` : ''}`}
        viewBox={`0 0 ${width} ${height}`}
        preserveAspectRatio="none"
        className="h-14 w-full text-brand-500"
      >
        {bins.map((bin, index) => {
          const h = ((bin.count ?? 0) / max) * height;
          return (
            <rect
              key={index}
              x={index * (barWidth + gap)}
              y={height - h}
              width={barWidth}
              height={Math.max(h, bin.count ? 1 : 0)}
              fill="currentColor"
              rx={1}
            >
              <title>{`${compact.format(bin.from ?? 0)} – ${compact.format(bin.to ?? 0)}: ${formatNumber(bin.count ?? 0)}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="mt-1 flex justify-between text-xs tabular-nums text-slate-500 dark:text-slate-400">
        <span>{from === undefined ? '' : compact.format(from)}</span>
        <span>{to === undefined ? '' : compact.format(to)}</span>
      </figcaption>
    </figure>
  );
}
