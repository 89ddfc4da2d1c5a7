import { compositeIndex } from './indices';
import { DEFAULT_METRICS_SETTINGS } from './settings';

describe('compositeIndex', () => {
  it('is 100 × the weighted mean when every component is defined', () => {
    // 100 × (0.25 × 0.5 + 0.75 × 1) / 1 = 87.5
    const index = compositeIndex({ a: 0.5, b: 1 }, { a: 0.25, b: 0.75 });
    expect(index.value).toBeCloseTo(87.5, 10);
    expect(index.components).toEqual({
      a: { value: 0.5, weight: 0.25, effectiveWeight: 0.25 },
      b: { value: 1, weight: 0.75, effectiveWeight: 0.75 },
    });
  });

  it('renormalises the weights over the defined components', () => {
    // defined: responsiveness 0.5 (w 0.25), participation 0.25 (w 0.15); Σw = 0.4
    // Σwv = 0.125 + 0.0375 = 0.1625; 100 × 0.1625 / 0.4 = 40.625
    const index = compositeIndex(
      { responsiveness: 0.5, reliability: null, participation: 0.25, reciprocity: null, perceived: null },
      DEFAULT_METRICS_SETTINGS.weights.trust,
    );
    expect(index.value).toBeCloseTo(40.625, 10);
    expect(index.components.responsiveness.weight).toBe(0.25);
    expect(index.components.responsiveness.effectiveWeight).toBeCloseTo(0.625, 10); // 0.25 / 0.4
    expect(index.components.participation.effectiveWeight).toBeCloseTo(0.375, 10); // 0.15 / 0.4
    expect(index.components.reliability).toEqual({ value: null, weight: 0.3, effectiveWeight: null });
  });

  it('is null when no component is defined or the defined ones weigh nothing', () => {
    expect(compositeIndex({ a: null, b: null }, { a: 1, b: 1 }).value).toBeNull();
    const zero = compositeIndex({ a: 0.7, b: null }, { a: 0, b: 1 });
    expect(zero.value).toBeNull();
    expect(zero.components.a).toEqual({ value: 0.7, weight: 0, effectiveWeight: null });
  });

  it('a defined 0 is a value, not a gap', () => {
    // 100 × (1 × 0 + 1 × 1) / 2 = 50
    expect(compositeIndex({ a: 0, b: 1 }, { a: 1, b: 1 }).value).toBe(50);
  });

  it('clamps component values to 0..1', () => {
    expect(compositeIndex({ a: 1.5 }, { a: 1 }).value).toBe(100);
    expect(compositeIndex({ a: -0.2 }, { a: 1 }).value).toBe(0);
  });

  it('a component the values do not name at all counts as undefined, like null', () => {
    const index = compositeIndex({ a: 0.5 } as Record<'a' | 'b', number | null>, { a: 1, b: 3 });
    expect(index.value).toBe(50);
    expect(index.components).toEqual({
      a: { value: 0.5, weight: 1, effectiveWeight: 1 },
      b: { value: null, weight: 3, effectiveWeight: null },
    });
  });
});
