export * from './keys.command';
export * from './retention.command';
export * from './store.command';
