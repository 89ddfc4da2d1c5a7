export * from './contract';
export * from './events';
export * from './audit-contract';
export * from '../kurrentdb/testing/fake-kurrentdb-client';
