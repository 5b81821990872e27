import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api/api-error';
import { queryErrorTitle } from './query-errors';

describe('queryErrorTitle', () => {
  it('names a typo a syntax error, not a refusal', () => {
    expect(queryErrorTitle(new ApiError(400, 'syntax_error', 'near "selct"'))).toBe('Syntax error');
  });

  it('gives a readable heading for refusals and failures, never the internal code', () => {
    for (const code of ['only_select', 'function_not_allowed', 'query_timeout', 'something_new']) {
      const title = queryErrorTitle(new ApiError(400, code, 'x'));
      expect(title).not.toContain(code);
      expect(title.length).toBeGreaterThan(5);
    }
    expect(queryErrorTitle(new Error('network'))).toBe('The query failed');
  });
});
