export * from './replay-reader';
