export * from './port';
export * from './hash-chain';
export * from './in-memory';
export * from './postgres';
export * from './audit';
export * from './create-event-store';
export * from './replay';
