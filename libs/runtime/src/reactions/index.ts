export * from './react';
export * from './reactions-processor';
