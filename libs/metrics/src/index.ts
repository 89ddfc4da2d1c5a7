/** @koproduktiv/metrics: continuity and trust metrics (METRICS.md). Pure: no framework, no I/O, no clock. */
export * from './time';
export * from './stats';
export * from './settings';
export * from './timed';
export * from './uninterpretable';
export * from './case-history';
export * from './waiting';
export * from './commitment-status';
export * from './indices';
export * from './case-metrics';
export * from './aggregate-metrics';
export * from './staff-time';
export * from './fund-metrics';
export * from './member-retention';
export * from './working-days';
export * from './response-target';
export * from './worklist';
