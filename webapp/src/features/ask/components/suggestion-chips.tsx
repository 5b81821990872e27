import { focusRing } from '@/components/button';
import { cn } from '@/lib/cn';

interface SuggestionChipsProps {
  label: string;
  questions: readonly string[];
  onPick: (question: string) => void;
  disabled?: boolean;
}

export function SuggestionChips({ label, questions, onPick, disabled }: SuggestionChipsProps) {
  if (questions.length === 0) return null;
  return (
    <ul aria-label={label} className="flex flex-wrap gap-2">
      {questions.map((question) => (
        <li key={question}>
          <button
            type="button"
            disabled={disabled}
            onClick={() => onPick(question)}
            className={cn(
              'rounded-full border border-brand-100 bg-brand-50 px-3 py-1 text-sm text-brand-700 hover:bg-brand-100 disabled:opacity-60 dark:border-brand-700 dark:bg-brand-700/20 dark:text-brand-100',
              focusRing,
            )}
          >
            {question}
          </button>
        </li>
      ))}
    </ul>
  );
}
