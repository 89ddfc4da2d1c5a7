export * from './read-model-queries';
export * from './cursor';
export * from './case-history-cache';
export * from './case-histories';
export * from './packed-history';
export * from './retention-due';
export * from './worklist-index';
