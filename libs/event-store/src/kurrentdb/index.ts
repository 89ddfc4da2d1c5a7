export * from './stream-name';
export * from './expected-version';
export * from './position-codec';
export * from './event-mapping';
export * from './errors';
export * from './kurrentdb-event-store';
