import { FileUp } from 'lucide-react';
import { forwardRef, useRef, useState, type DragEvent } from 'react';
import { focusRing } from '@/components/button';
import { cn } from '@/lib/cn';
import { ACCEPTED_FILES, MAX_UPLOAD_MB } from '../dataset-status';

interface DropZoneProps {
  onFile: (file: File) => void;
  disabled?: boolean;
  /** The main line of the zone. */
  prompt?: string;
}

/**
 * Drop a file on it, or press it (click, Enter, Space) to open the file picker: it is a real
 * button, so keyboard and screen-reader users get the same thing as a mouse user dragging.
 */
export const DropZone = forwardRef<HTMLButtonElement, DropZoneProps>(function DropZone(
  { onFile, disabled, prompt = 'Drop a CSV or Excel file here, or choose a file' },
  ref,
) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const depth = useRef(0);

  function hasFiles(event: DragEvent) {
    return Array.from(event.dataTransfer.types).includes('Files');
  }

  return (
    <>
      <button
        ref={ref}
        type="button"
        disabled={disabled}
        onClick={() => input.current?.click()}
        onDragEnter={(event) => {
          if (!hasFiles(event) || disabled) return;
          event.preventDefault();
          depth.current += 1;
          setOver(true);
        }}
        onDragOver={(event) => {
          if (!hasFiles(event) || disabled) return;
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={() => {
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setOver(false);
        }}
        onDrop={(event) => {
          event.preventDefault();
          depth.current = 0;
          setOver(false);
          const file = event.dataTransfer.files[0];
          if (file && !disabled) onFile(file);
        }}
        className={cn(
          'flex w-full flex-col items-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors disabled:cursor-not-allowed disabled:opacity-60',
          focusRing,
          over
            ? 'border-brand-500 bg-brand-50 dark:bg-brand-700/20'
            : 'border-slate-300 bg-white hover:border-brand-500 dark:border-slate-600 dark:bg-slate-900',
        )}
      >
        <FileUp className="h-8 w-8 text-brand-500" aria-hidden="true" />
        <span className="font-medium">{over ? 'Drop to upload' : prompt}</span>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          CSV, TSV, TXT, XLSX or XLS, up to {MAX_UPLOAD_MB} MB
        </span>
      </button>
      <input
        ref={input}
        type="file"
        accept={ACCEPTED_FILES}
        aria-label="File to upload"
        tabIndex={-1}
        className="sr-only"
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Clear it, so choosing the same file again (after fixing it) uploads again.
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
});
