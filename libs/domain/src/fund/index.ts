export * from './commands';
export * from './events';
export * from './errors';
export * from './state';
export { decideFund } from './decide';
export { reclaimableCents } from './decide-after-award';
export { evolveFund } from './evolve';
export { fundDecider } from './fund.decider';
