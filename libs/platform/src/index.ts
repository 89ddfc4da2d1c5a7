export * from './auth';
export * from './database';
export * from './idempotency';
export * from './logging';
export * from './observability';
export * from './process/shutdown';
export * from './process/turn-end';
export * from './text';
