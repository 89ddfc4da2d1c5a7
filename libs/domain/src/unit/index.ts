export * from './commands';
export * from './events';
export * from './errors';
export * from './state';
export { decideUnit } from './decide';
export { evolveUnit } from './evolve';
export { unitDecider } from './unit.decider';
