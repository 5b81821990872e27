import { Fragment, useMemo, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

function renderInline(nodes: readonly Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    if (typeof node === 'string') return <Fragment key={i}>{node}</Fragment>;
    switch (node.kind) {
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'code':
        return (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em] dark:bg-slate-800">
            {node.text}
          </code>
        );
      case 'link':
        return (
          <a
            key={i}
            href={node.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="text-brand-700 underline dark:text-brand-300"
          >
            {renderInline(node.children)}
          </a>
        );
    }
  });
}

// A text widget sits below the page's h1: its "# Title" is an h2, and so on down to h6.
const HEADING_TAGS = ['h2', 'h3', 'h4', 'h5', 'h6', 'h6'] as const;
const HEADING_SIZES = ['text-xl', 'text-lg', 'text-base', 'text-sm', 'text-sm', 'text-sm'];

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case 'heading': {
      const Tag = HEADING_TAGS[block.level - 1] ?? 'h6';
      return (
        <Tag key={key} className={`font-semibold ${HEADING_SIZES[block.level - 1] ?? ''}`}>
          {renderInline(block.children)}
        </Tag>
      );
    }
    case 'paragraph':
      return <p key={key}>{renderInline(block.children)}</p>;
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{renderInline(item)}</li>);
      return block.ordered ? (
        <ol key={key} start={block.start} className="list-decimal pl-6">
          {items}
        </ol>
      ) : (
        <ul key={key} className="list-disc pl-6">
          {items}
        </ul>
      );
    }
    case 'rule':
      return <hr key={key} className="border-slate-200 dark:border-slate-700" />;
  }
}

/** A text widget's Markdown as React elements (see {@link parseMarkdown}: nothing in it runs). */
export function MarkdownView({ source, className }: { source: string; className?: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return <div className={className ?? 'space-y-2 text-sm'}>{blocks.map(renderBlock)}</div>;
}
