export * from './read-model-queries';
export type { FundPoint, InitiativePoint, UnitPoint } from './monthly-series';
export * from './cursor';
export * from './case-history-cache';
export * from './case-histories';
export * from './packed-history';
export * from './retention-due';
export * from './directory';
export * from './worklist-index';
