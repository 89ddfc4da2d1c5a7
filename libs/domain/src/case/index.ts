export * from './values';
export * from './commands';
export * from './events';
export * from './errors';
export * from './state';
export { INSTITUTIONALISABLE_STAGES } from './decide-progress';
export { decideCase } from './decide';
export { evolveCase } from './evolve';
export { caseDecider } from './case.decider';
