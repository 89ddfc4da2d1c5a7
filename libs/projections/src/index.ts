export * from './processor';
export * from './read-models';
