export * from './embedded-postgres';
export * from './free-port';
export * from './pool';
export * from './unreachable';
export * from './installation-secret';
export * from './transaction';
