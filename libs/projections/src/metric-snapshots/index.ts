export * from './kept-snapshots';
export * from './kept-patch';
export * from './kept-instants';
export * from './kept-snapshot-store';
export * from './snapshot-keeper';
export * from './kept-taking';
