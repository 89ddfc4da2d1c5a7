export * from './recorded-event';
export * from './expected-version';
export * from './errors';
export * from './event-store';
export * from './serialized-event';
export * from './stream-category';
