/** @koproduktiv/domain: pure deciders per aggregate. No framework, no I/O, no clock. */
export * from './shared';
export * from './initiative';
export * from './unit';
export * from './fund';
export * from './case';
export * from './catalog';
export * from './errors';
export * from './personal-data';
export * from './reactions';
