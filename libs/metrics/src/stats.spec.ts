import { mean, median, notNull, ratio } from './stats';

describe('stats', () => {
  it('median of values in any order, compared as numbers', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 4, 2])).toBe(3); // (2 + 4) / 2
    expect(median([10, 9, 100])).toBe(10); // as text "100" would sort between "10" and "9"
    expect(median([-5, 0.5, -20])).toBe(-5);
    expect(median([])).toBeNull();
  });

  it('mean and ratio are null for nothing, never NaN', () => {
    expect(mean([1, 2, 6])).toBe(3);
    expect(mean([])).toBeNull();
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBeNull();
  });

  it('notNull drops null and undefined, and keeps 0, false and ""', () => {
    expect([1, null, undefined, 0, false, ''].filter(notNull)).toEqual([1, 0, false, '']);
  });
});
