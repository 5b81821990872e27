import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse';

describe('createSseParser', () => {
  it('yields events split across chunks anywhere', () => {
    const seen: SseEvent[] = [];
    const feed = createSseParser((event) => seen.push(event));
    feed('event: progress\nda');
    feed('ta: {"a":1}\n');
    expect(seen).toEqual([]);
    feed('\n: a comment\n\nevent: ready\r\ndata: {"a":2}\r\n\r\n');
    expect(seen).toEqual([
      { event: 'progress', data: '{"a":1}' },
      { event: 'ready', data: '{"a":2}' },
    ]);
  });

  it('joins multi-line data and defaults the event name', () => {
    const seen: SseEvent[] = [];
    const feed = createSseParser((event) => seen.push(event));
    feed('data: one\ndata: two\n\n');
    expect(seen).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });
});
