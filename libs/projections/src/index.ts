export * from './read-models';
export * from './queries';
export * from './metric-snapshots';
