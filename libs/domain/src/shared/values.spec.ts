import { assertNever, isBudgetPeriod, isCalendarDate, isPositiveCents, optional, ownValue } from './values';

describe('shared values', () => {
  it.each(['2025-01-01', '2024-02-29', '2000-02-29', '2025-12-31', '2025-04-30'])('%s is a calendar date', (d) => {
    expect(isCalendarDate(d)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '1900-02-29',
    '2025-04-31',
    '2025-13-01',
    '2025-00-10',
    '2025-01-00',
    '2025-1-01',
    '20250101',
    '',
  ])('%p is not a calendar date', (d) => {
    expect(isCalendarDate(d)).toBe(false);
  });

  it('budget periods are YYYY-MM or YYYY-Qn', () => {
    expect(['2025-01', '2025-12', '2025-Q1', '2025-Q4'].every(isBudgetPeriod)).toBe(true);
    expect(['2025-13', '2025-00', '2025-Q5', '2025-Q0', '2025-1', '2025'].some(isBudgetPeriod)).toBe(false);
  });

  it('a date or period with anything before or after it is neither', () => {
    expect(['x2025-01', '2025-01x', 'x2025-Q1', '2025-Q1x', '12025-01', '2025-Q12'].some(isBudgetPeriod)).toBe(false);
    expect(['x2025-01-01', '2025-01-01x', '12025-01-01', '2025-01-011'].some(isCalendarDate)).toBe(false);
  });

  it('positive cents are safe integers above zero', () => {
    expect(isPositiveCents(1)).toBe(true);
    expect([0, -1, 1.5, Number.NaN, 2 ** 53].some(isPositiveCents)).toBe(false);
  });

  it('optional omits undefined values', () => {
    expect({ a: 1, ...optional('b', undefined) }).toStrictEqual({ a: 1 });
    expect({ a: 1, ...optional('b', '') }).toStrictEqual({ a: 1, b: '' });
  });

  it('assertNever names what it did not expect, a value unless told otherwise', () => {
    expect(() => assertNever('Merged' as never)).toThrow('Unexpected value: "Merged"');
    expect(() => assertNever({ type: 'Merged' } as never, 'fund event')).toThrow(
      'Unexpected fund event: {"type":"Merged"}',
    );
  });

  it('ownValue ignores inherited members', () => {
    expect(ownValue({ a: 1 }, 'a')).toBe(1);
    expect(ownValue({ a: 1 }, 'constructor')).toBeUndefined();
    expect(ownValue({ a: 1 }, '__proto__')).toBeUndefined();
  });
});
