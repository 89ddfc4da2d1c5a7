export * from './commands';
export * from './audit';
export * from './react';
