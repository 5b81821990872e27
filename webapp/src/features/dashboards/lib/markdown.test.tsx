import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from './markdown';
import { MarkdownView } from './markdown-view';

describe('parseMarkdown', () => {
  it('reads headings, paragraphs and lists', () => {
    expect(
      parseMarkdown(
        '## Notes\nFirst line\nsecond line\n\n- one\n- two\n  continued\n\n3. three\n4. four',
      ),
    ).toEqual([
      { kind: 'heading', level: 2, children: ['Notes'] },
      { kind: 'paragraph', children: ['First line second line'] },
      { kind: 'list', ordered: false, start: 1, items: [['one'], ['two continued']] },
      { kind: 'list', ordered: true, start: 3, items: [['three'], ['four']] },
    ]);
  });

  it('reads bold, italic, code and links inline', () => {
    expect(
      parseInline('**Sales** are *up* in `East`, see [the report](https://example.com/r?a=1)'),
    ).toEqual([
      { kind: 'strong', children: ['Sales'] },
      ' are ',
      { kind: 'em', children: ['up'] },
      ' in ',
      { kind: 'code', text: 'East' },
      ', see ',
      { kind: 'link', href: 'https://example.com/r?a=1', children: ['the report'] },
    ]);
  });

  it('leaves snake_case words, lone stars and escapes as text', () => {
    expect(parseInline('order_date and ship_date')).toEqual(['order_date and ship_date']);
    expect(parseInline('2 * 3 = 6')).toEqual(['2 * 3 = 6']);
    expect(parseInline('\\*not italic\\*')).toEqual(['*not italic*']);
    expect(parseInline('**bold with *italic* inside**')).toEqual([
      { kind: 'strong', children: ['bold with ', { kind: 'em', children: ['italic'] }, ' inside'] },
    ]);
  });

  it('keeps only http(s) links; any other address shows as plain text', () => {
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    for (const bad of [
      'javascript:alert(1)',
      ' JAVASCRIPT:alert(1)',
      'data:text/html,x',
      '/relative',
      'mailto:a@b.c',
      'https://',
    ])
      expect(safeHref(bad)).toBeNull();
    expect(parseInline('[click](javascript:alert(1))')).toEqual(['click', ')']);
  });
});

describe('MarkdownView', () => {
  it('renders elements a reader can navigate, never raw HTML', () => {
    const { container } = render(
      <MarkdownView
        source={
          '# Sales notes\n<img src=x onerror="alert(1)"> **Q3** target\n\n- [Source](https://example.com)\n- <script>alert(1)</script>'
        }
      />,
    );
    expect(screen.getByRole('heading', { level: 2, name: 'Sales notes' })).toBeInTheDocument();
    const link = screen.getByRole('link', { name: 'Source' });
    expect(link).toHaveAttribute('href', 'https://example.com/');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer nofollow');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
    expect(container.querySelector('img, script')).toBeNull();
    expect(screen.getByText(/<img src=x onerror="alert\(1\)">/)).toBeInTheDocument();
    expect(screen.getByText('Q3').tagName).toBe('STRONG');
  });
});
