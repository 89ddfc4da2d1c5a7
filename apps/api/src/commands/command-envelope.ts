/** Moved to libs/runtime with the CommandExecutor; re-exported so that API code keeps its imports. */
export type { CommandEnvelope, CommandResult } from '@koproduktiv/runtime';
