export * from './canonical-json';
export * from './event-hash';
export * from './verify-stream';
export * from './seal';
