/**
 * A small Markdown reader for text widgets: headings, paragraphs, bullet and numbered lists,
 * **bold**, *italic*, `code`, and [links](https://…) to http(s) addresses only. It builds a
 * tree that {@link MarkdownView} turns into React elements — never HTML strings — so whatever a
 * dashboard's author writes (HTML tags, `javascript:` links) shows as text and cannot run.
 */

export type Inline =
  | string
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; children: Inline[] }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'rule' };

/** Longer text is cut: a text widget is a note, not a document. */
export const MAX_MARKDOWN_CHARS = 20_000;

const HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const BULLET = /^[ \t]{0,3}[-*+][ \t]+(.*)$/;
const NUMBERED = /^[ \t]{0,3}(\d{1,9})[.)][ \t]+(.*)$/;
const RULE = /^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const PUNCTUATION = /[!-/:-@[-`{-~]/;

/** The address when it is an absolute http(s) URL, else null (such a link shows as its text). */
export function safeHref(raw: string): string | null {
  const text = raw.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The index of the next unescaped `delimiter` at or after `from`, or -1. */
function findClosing(text: string, delimiter: string, from: number): number {
  for (let i = from; i <= text.length - delimiter.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text.startsWith(delimiter, i)) return i;
  }
  return -1;
}

const isWordChar = (ch: string | undefined) => ch !== undefined && /[\p{L}\p{N}]/u.test(ch);

export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push(plain);
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    const next = text[i + 1];
    if (ch === '\\' && next !== undefined && PUNCTUATION.test(next)) {
      plain += next;
      i += 2;
      continue;
    }
    if (ch === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if ((ch === '*' || ch === '_') && next === ch) {
      const delimiter = ch + ch;
      const end = findClosing(text, delimiter, i + 3);
      const inner = end < 0 ? '' : text.slice(i + 2, end);
      if (end > 0 && inner.trim() === inner && inner !== '') {
        flush();
        out.push({ kind: 'strong', children: parseInline(inner) });
        i = end + 2;
        continue;
      }
    }
    if (ch === '*' || (ch === '_' && !isWordChar(text[i - 1]))) {
      let end = findClosing(text, ch, i + 2);
      // `_` inside a word (snake_case) does not close; look further.
      while (ch === '_' && end > 0 && isWordChar(text[end + 1]))
        end = findClosing(text, ch, end + 1);
      const inner = end < 0 ? '' : text.slice(i + 1, end);
      if (end > 0 && inner.trim() === inner && inner !== '') {
        flush();
        out.push({ kind: 'em', children: parseInline(inner) });
        i = end + 1;
        continue;
      }
    }
    if (ch === '[') {
      const close = findClosing(text, ']', i + 1);
      if (close > i && text[close + 1] === '(') {
        const end = text.indexOf(')', close + 2);
        if (end > close) {
          flush();
          const children = parseInline(text.slice(i + 1, close));
          const href = safeHref(text.slice(close + 2, end));
          if (href) out.push({ kind: 'link', href, children });
          else out.push(...children);
          i = end + 1;
          continue;
        }
      }
    }
    plain += ch;
    i++;
  }
  flush();
  return out;
}

interface ListDraft {
  ordered: boolean;
  start: number;
  items: string[];
}

export function parseMarkdown(source: string): Block[] {
  const lines = source.slice(0, MAX_MARKDOWN_CHARS).replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const open: { paragraph: string[]; list: ListDraft | null } = { paragraph: [], list: null };

  const endBlock = () => {
    if (open.paragraph.length > 0)
      blocks.push({ kind: 'paragraph', children: parseInline(open.paragraph.join(' ')) });
    if (open.list)
      blocks.push({
        kind: 'list',
        ordered: open.list.ordered,
        start: open.list.start,
        items: open.list.items.map(parseInline),
      });
    open.paragraph = [];
    open.list = null;
  };

  for (const line of lines) {
    if (line.trim() === '') {
      endBlock();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      endBlock();
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ kind: 'heading', level, children: parseInline(heading[2] ?? '') });
      continue;
    }
    if (RULE.test(line)) {
      endBlock();
      blocks.push({ kind: 'rule' });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      const ordered = numbered !== null;
      if (open.paragraph.length > 0 || open.list?.ordered !== ordered) {
        endBlock();
        open.list = { ordered, start: numbered ? Number(numbered[1]) : 1, items: [] };
      }
      open.list.items.push(((bullet ? bullet[1] : numbered?.[2]) ?? '').trim());
      continue;
    }
    const items = open.list?.items;
    if (items && items.length > 0 && /^[ \t]+/.test(line)) {
      // An indented line continues the list item above.
      items[items.length - 1] = `${items[items.length - 1] ?? ''} ${line.trim()}`;
      continue;
    }
    if (open.list) endBlock();
    open.paragraph.push(line.trim());
  }
  endBlock();
  return blocks;
}
