export * from './processor';
export * from './checkpoints';
export * from './processor-runner';
export * from './subscription-host';
