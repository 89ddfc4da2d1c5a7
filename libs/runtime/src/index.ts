export * from './runtime';
export * from './commands';
export * from './projector';
export * from './retention';
export * from './reactions';
