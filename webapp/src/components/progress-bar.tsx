import { cn } from '@/lib/cn';

interface ProgressBarProps {
  /** Names the bar for assistive technology, e.g. "Upload progress". */
  label: string;
  /** What is happening, shown above the bar: "Uploading 42 MB of 97 MB". */
  text: string;
  /** 0–100, or null for "working, cannot say how far" (an animated bar). */
  percent: number | null;
  /** A short phase name announced politely when it changes (not on every byte). */
  phase?: string;
  tone?: 'brand' | 'green' | 'red';
  className?: string;
}

const fills = { brand: 'bg-brand-600', green: 'bg-emerald-600', red: 'bg-red-600' };

export function ProgressBar({
  label,
  text,
  percent,
  phase,
  tone = 'brand',
  className,
}: ProgressBarProps) {
  return (
    <div className={className}>
      <div className="mb-1 flex items-baseline justify-between gap-4 text-sm">
        <span className="font-medium tabular-nums">{text}</span>
        {percent !== null && (
          <span className="tabular-nums text-slate-500 dark:text-slate-400">{percent}%</span>
        )}
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={text}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700"
      >
        <div
          className={cn(
            'h-full rounded-full transition-[width] duration-300',
            fills[tone],
            percent === null && 'w-1/3 motion-safe:animate-progress',
          )}
          style={percent === null ? undefined : { width: `${percent}%` }}
        />
      </div>
      {phase && (
        <span role="status" className="sr-only">
          {phase}
        </span>
      )}
    </div>
  );
}
