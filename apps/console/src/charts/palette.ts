/**
 * Okabe & Ito's palette, distinguishable with every common colour-vision deficiency; series differ
 * in line dash and symbol too, and bars carry patterns (ECharts aria decals), so no chart relies on
 * colour alone.
 */
export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#000000'];
export const DASHES = ['solid', 'dashed', 'dotted'] as const;
export const SYMBOLS = ['circle', 'triangle', 'rect', 'diamond'] as const;
