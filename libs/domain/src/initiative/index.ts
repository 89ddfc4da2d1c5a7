export * from './values';
export * from './commands';
export * from './events';
export * from './errors';
export * from './state';
export { decideInitiative, normaliseContact } from './decide';
export { evolveInitiative } from './evolve';
export { initiativeDecider } from './initiative.decider';
