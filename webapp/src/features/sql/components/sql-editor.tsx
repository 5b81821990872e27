import {
  autocompletion,
  closeBrackets,
  closeBracketsKeymap,
  closeCompletion,
  completionKeymap,
} from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { PostgreSQL, sql } from '@codemirror/lang-sql';
import { bracketMatching, defaultHighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { Compartment, EditorState, Prec } from '@codemirror/state';
import {
  EditorView,
  drawSelection,
  highlightActiveLine,
  keymap,
  lineNumbers,
  placeholder,
} from '@codemirror/view';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { columnCompletion } from '../column-completion';

export interface SqlEditorProps {
  value: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** Table name → column names, for completion. */
  schema: Record<string, string[]>;
  label: string;
}

/** What the page can do to the editor. */
export interface SqlEditorHandle {
  /** Puts text at the cursor (replacing a selection) and focuses the editor. */
  insert: (text: string) => void;
}

function language(schema: Record<string, string[]>) {
  return [
    sql({ dialect: PostgreSQL, schema, upperCaseKeywords: true }),
    PostgreSQL.language.data.of({ autocomplete: columnCompletion(schema) }),
  ];
}

const theme = EditorView.theme({
  '&': { fontSize: '13px', minHeight: '10rem', maxHeight: '24rem' },
  '.cm-scroller': {
    fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace',
    overflow: 'auto',
  },
  '.cm-content': { minHeight: '10rem' },
  '&.cm-focused': { outline: 'none' },
  // Colours that read on both the light and the dark page (the editor inherits the text colour).
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'currentColor' },
  '.cm-gutters': {
    backgroundColor: 'transparent',
    color: 'inherit',
    opacity: '0.5',
    border: 'none',
  },
  '.cm-activeLine, .cm-activeLineGutter': { backgroundColor: 'rgba(127, 127, 127, 0.08)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground':
    {
      backgroundColor: 'rgba(79, 110, 247, 0.3)',
    },
});

/** CodeMirror 6 with PostgreSQL highlighting and completion of the project's tables and columns. */
export const SqlEditor = forwardRef<SqlEditorHandle, SqlEditorProps>(function SqlEditor(
  { value, onChange, onRun, schema, label },
  ref,
) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const languageSlot = useRef(new Compartment());
  // The editor is created once; it reads the latest callbacks through these refs.
  const callbacks = useRef({ onChange, onRun });
  callbacks.current = { onChange, onRun };

  useEffect(() => {
    if (!host.current) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          history(),
          drawSelection(),
          highlightActiveLine(),
          bracketMatching(),
          closeBrackets(),
          autocompletion(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          languageSlot.current.of(language(schema)),
          Prec.highest(
            keymap.of([
              {
                key: 'Mod-Enter',
                run: (target) => {
                  closeCompletion(target);
                  callbacks.current.onRun();
                  return true;
                },
              },
            ]),
          ),
          keymap.of([
            ...closeBracketsKeymap,
            ...defaultKeymap,
            ...historyKeymap,
            ...completionKeymap,
            indentWithTab,
          ]),
          placeholder('SELECT … FROM …'),
          EditorView.contentAttributes.of({
            'aria-label': label,
            'aria-multiline': 'true',
            role: 'textbox',
          }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) callbacks.current.onChange(update.state.doc.toString());
          }),
          theme,
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // Created once: later values and schemas are pushed in by the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    view.current?.dispatch({
      effects: languageSlot.current.reconfigure(language(schema)),
    });
  }, [schema]);

  // A value set from outside (e.g. a query opened from Ask) replaces the document.
  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
    }
  }, [value]);

  useImperativeHandle(
    ref,
    () => ({
      insert: (text) => {
        const editor = view.current;
        if (!editor) return;
        editor.dispatch(editor.state.replaceSelection(text));
        editor.focus();
      },
    }),
    [],
  );

  return (
    <div
      ref={host}
      className="overflow-hidden rounded-md border border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900"
    />
  );
});
