export * from './message';
export * from './domain-error';
export * from './decider';
export * from './values';
export * from './supported-dates';
