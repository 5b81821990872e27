import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it.each([
    ['/projects/abc/members?x=1', '/projects/abc/members?x=1'],
    [null, '/projects'],
    ['https://evil.example/', '/projects'],
    ['//evil.example/path', '/projects'],
    ['/\\evil.example', '/projects'],
    ['javascript:alert(1)', '/projects'],
    ['/login?next=/x', '/projects'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});
