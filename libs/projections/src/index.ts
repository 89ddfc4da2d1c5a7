export * from './read-models';
export * from './queries';
