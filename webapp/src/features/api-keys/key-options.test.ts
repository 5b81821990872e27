import { describe, expect, it } from 'vitest';
import { expiresAtFor, isExpiryChoice, keyState, orderedScopes } from './key-options';

const now = new Date('2026-03-01T12:00:00Z');

describe('expiresAtFor', () => {
  it('adds the chosen number of days to now', () => {
    expect(expiresAtFor('30', now)).toBe('2026-03-31T12:00:00.000Z');
    expect(expiresAtFor('365', now)).toBe('2027-03-01T12:00:00.000Z');
  });

  it('sends null for a key that never expires', () => {
    expect(expiresAtFor('never', now)).toBeNull();
  });

  it('knows its choices', () => {
    expect(isExpiryChoice('7')).toBe(true);
    expect(isExpiryChoice('forever')).toBe(false);
  });
});

describe('keyState', () => {
  it('trusts the server when it says a key expired', () => {
    expect(keyState({ expired: true, expiresAt: '2030-01-01T00:00:00Z' }, now)).toBe('expired');
  });

  it('tells expired, expiring within a week and active apart', () => {
    expect(keyState({ expired: false, expiresAt: '2026-03-01T11:59:59Z' }, now)).toBe('expired');
    expect(keyState({ expired: false, expiresAt: '2026-03-05T00:00:00Z' }, now)).toBe('expiring');
    expect(keyState({ expired: false, expiresAt: '2026-04-01T00:00:00Z' }, now)).toBe('active');
    expect(keyState({ expired: false, expiresAt: null }, now)).toBe('active');
  });
});

describe('orderedScopes', () => {
  it('orders scopes read, upload, admin', () => {
    expect(orderedScopes(['admin', 'read'])).toEqual(['read', 'admin']);
  });
});
