export * from './case-events';
