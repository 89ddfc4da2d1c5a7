/** Composite indices: 100 × the weighted mean of the defined components, explainable. */

export interface IndexComponent {
  /** The component's value in 0..1, or null when it is undefined for this case. */
  readonly value: number | null;
  /** The configured weight (tenant settings), whether or not the component is defined. */
  readonly weight: number;
  /**
   * The weight actually used: the configured weight renormalised over the defined components (the
   * effective weights of the defined components sum to 1); null when the component is undefined.
   */
  readonly effectiveWeight: number | null;
}

export interface CompositeIndex<K extends string> {
  /** 0..100, or null when no component with a positive weight is defined. */
  readonly value: number | null;
  readonly components: Readonly<Record<K, IndexComponent>>;
}

/**
 * 100 × Σ wᵢvᵢ / Σ wᵢ over the components whose value is not null. Component values are clamped to
 * 0..1. Null when no component is defined or the defined ones all weigh 0.
 */
export const compositeIndex = <K extends string>(
  values: Readonly<Record<K, number | null>>,
  weights: Readonly<Record<K, number>>,
): CompositeIndex<K> => {
  const keys = Object.keys(weights) as K[];
  const defined = keys.filter((key) => values[key] !== null && values[key] !== undefined);
  const totalWeight = defined.reduce((total, key) => total + weights[key], 0);
  const components = {} as Record<K, IndexComponent>;
  for (const key of keys) {
    const raw = values[key];
    const value = raw === null || raw === undefined ? null : Math.min(1, Math.max(0, raw));
    components[key] = {
      value,
      weight: weights[key],
      effectiveWeight: value === null || totalWeight === 0 ? null : weights[key] / totalWeight,
    };
  }
  if (totalWeight === 0) return { value: null, components };
  const weighted = defined.reduce((total, key) => total + weights[key] * (components[key].value as number), 0);
  return { value: (100 * weighted) / totalWeight, components };
};
