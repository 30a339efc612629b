import { describe, expect, it } from 'vitest';
import { parsePolicyDate } from '../../src/iam-policy/policy-date';

describe('dates in Date conditions', () => {
  it.each([
    ['2026-01-31T00:00:00Z', Date.UTC(2026, 0, 31)],
    ['2026-01-31', Date.UTC(2026, 0, 31)],
    ['2026-01-31T12:30', Date.UTC(2026, 0, 31, 12, 30)],
    ['2026-01-31t2:00:00.5+01', Date.UTC(2026, 0, 31, 1, 0, 0, 500)],
    ['2026-01-31T12:00:00-05:30', Date.UTC(2026, 0, 31, 17, 30)],
    ['2026-01-31T12:00:00.123456789+00:00', Date.UTC(2026, 0, 31, 12, 0, 0, 123)],
    ['2024-02-29', Date.UTC(2024, 1, 29)],
    ['01T', new Date(0).setUTCFullYear(1, 0, 1)],
    ['1769817600', Date.UTC(2026, 0, 31)],
    ['-86400', -86400000],
  ])('reads %s', (text, expected) => {
    expect(parsePolicyDate(text)).toBe(expected);
  });

  it.each([
    'soon',
    '2026-13-01',
    '2026-02-30',
    '2025-02-29',
    '2026-01-31T24:00',
    '2026-01-31T12:00:00.1234567890Z',
    '2026-01-31T12:00:00+1',
    '9223372036854775808',
    '',
  ])('refuses %s', (text) => {
    expect(parsePolicyDate(text)).toBeNull();
  });

  it('takes the largest number of seconds a 64-bit integer holds', () => {
    expect(parsePolicyDate('9223372036854775807')).not.toBeNull();
  });
});
