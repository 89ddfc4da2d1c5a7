export * from './read-model-queries';
export * from './cursor';
