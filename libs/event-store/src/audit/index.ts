export * from './audit-reader';
export * from './audit-source';
export * from './store-verifier';
export * from './export-format';
export * from './postgres-audit-reader';
export * from './scanning-audit-reader';
export * from './audit-reader-for';
