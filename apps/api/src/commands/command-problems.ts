/** Moved to libs/runtime with the CommandExecutor; re-exported so that API code keeps its imports. */
export { concurrentWriteLost, idempotencyKeyReused, MAX_FUTURE_SKEW_MS, occurredAtInFuture, versionMismatch } from '@koproduktiv/runtime';
