import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  completionKeymap,
  type CompletionContext,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { EditorState, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, keymap, placeholder, type DecorationSet } from '@codemirror/view';
import { useEffect, useRef } from 'react';
import { complete, problemRange, wordBefore, type FormulaOption } from '../formula-completion';

export interface FormulaEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Fields, measures and functions to complete. */
  options: FormulaOption[];
  /** Where the server says the formula is wrong (1-based position), to underline. */
  error?: { position?: number; length?: number } | null;
  label: string;
  /** The id of the element that describes the error, for screen readers. */
  describedBy?: string;
}

const setError = StateEffect.define<{ from: number; to: number } | null>();
const errorMark = Decoration.mark({
  class: 'cm-formula-error',
  attributes: { 'data-testid': 'formula-error' },
});

/** The underline of the current error, mapped through edits until the next verdict replaces it. */
const errorField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setError)) {
        next = effect.value
          ? Decoration.set([errorMark.range(effect.value.from, effect.value.to)])
          : Decoration.none;
      }
    }
    return next;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const theme = EditorView.theme({
  '&': { fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' },
  '.cm-content': { minHeight: '2.5rem', padding: '6px 0' },
  '&.cm-focused': { outline: 'none' },
  '.cm-cursor': { borderLeftColor: 'currentColor' },
  '.cm-formula-error': { textDecoration: 'underline wavy #dc2626', textUnderlineOffset: '3px' },
});

/** A one-statement CodeMirror editor for measure formulas, with completion and the error underlined. */
export function FormulaEditor({
  value,
  onChange,
  options,
  error,
  label,
  describedBy,
}: FormulaEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, options });
  latest.current = { onChange, options };

  useEffect(() => {
    if (!host.current) return;
    const source = (context: CompletionContext) => {
      const { from, word } = wordBefore(context.state.doc.toString(), context.pos);
      if (!word && !context.explicit) return null;
      return { from, options: complete(latest.current.options, word), validFor: /^[A-Za-z0-9_]*$/ };
    };
    const extensions: Extension[] = [
      history(),
      closeBrackets(),
      autocompletion({ override: [source] }),
      errorField,
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap]),
      placeholder('e.g. sum(amount) / count_distinct(order_id)'),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({
        'aria-label': label,
        role: 'textbox',
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) latest.current.onChange(update.state.doc.toString());
      }),
      theme,
    ];
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({ doc: value, extensions }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once; the value and the error are pushed in below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useEffect(() => {
    const editor = view.current;
    if (!editor) return;
    const text = editor.state.doc.toString();
    editor.dispatch({
      effects: setError.of(error ? problemRange(text, error.position, error.length) : null),
    });
  }, [error, value]);

  return (
    <div
      ref={host}
      className="overflow-hidden rounded-md border border-slate-300 bg-white px-2 dark:border-slate-600 dark:bg-slate-900"
    />
  );
}
