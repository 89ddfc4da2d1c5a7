export * from './replay-stream-state';
