export * from './postgres-event-store';
export * from './migrations';
export * from './checkpoint-codec';
export { translatePgError } from './pg-errors';
