export * from './read-model-queries';
export * from './cursor';
export * from './case-history-cache';
