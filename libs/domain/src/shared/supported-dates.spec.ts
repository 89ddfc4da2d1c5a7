import { isSupportedDate, isSupportedInstant, isSupportedMonth, isSupportedPeriod } from './supported-dates';

describe('supported dates: real calendar dates in the years 1900 to 2199', () => {
  it.each(['1900-01-01', '2024-02-29', '2199-12-31'])('%s is supported', (date) => {
    expect(isSupportedDate(date)).toBe(true);
  });

  it.each([
    '1899-12-31',
    '2200-01-01',
    '0000-01-01',
    '0099-06-01',
    '9999-12-31',
    '2026-02-30',
    '2026-13-45',
    '2100-02-29',
    '',
  ])('%p is not', (date) => {
    expect(isSupportedDate(date)).toBe(false);
  });

  it('months and budget periods', () => {
    expect(['1900-01', '2199-12'].every(isSupportedMonth)).toBe(true);
    expect(['0050-01', '2200-01', '2026-13', '2026-Q1'].some(isSupportedMonth)).toBe(false);
    expect(['2026-Q1', '2026-12', '2199-Q4'].every(isSupportedPeriod)).toBe(true);
    expect(['0050-Q1', '9999-12', '2026-Q5'].some(isSupportedPeriod)).toBe(false);
  });

  it('a month or period with anything before or after it is neither, even when it starts with a supported year', () => {
    expect(['20251-01', '2025-011', '2025-01x'].some(isSupportedMonth)).toBe(false);
    expect(['20251-01', '2025-011', '20251-Q1', '2025-Q12', '2025-Q1x'].some(isSupportedPeriod)).toBe(false);
  });

  it('instants need an offset, a date that exists in the range, and seconds unless they are optional', () => {
    expect(isSupportedInstant('2026-03-02T09:30:00+01:00')).toBe(true);
    expect(isSupportedInstant('2026-03-02T09:30:00.123456789Z')).toBe(true);
    expect(isSupportedInstant('2026-03-02T09:30+01:00')).toBe(false);
    expect(isSupportedInstant('2026-03-02T09:30+01:00', { secondsOptional: true })).toBe(true);
    expect(['+23:59', '-23:59', '+20:00'].every((offset) => isSupportedInstant(`2026-03-02T09:30:00${offset}`))).toBe(
      true,
    );
    expect(isSupportedInstant('2026-03-02T09:30:00+24:00')).toBe(false);
    for (const bad of [
      '2026-03-02T09:30:00',
      '0000-06-01T10:00:00Z',
      '2026-02-30T10:00:00Z',
      '2026-03-02T24:00:00Z',
      '2200-01-01T00:00:00Z',
      '2026-03-02 09:30:00Z',
    ]) {
      expect([bad, isSupportedInstant(bad, { secondsOptional: true })]).toEqual([bad, false]);
    }
  });
});
