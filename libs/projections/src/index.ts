export * from './processor';
export * from './read-models';
export * from './host';
export * from './queries';
