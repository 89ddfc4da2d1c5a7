export * from './principal';
export * from './token-verifier';
export * from './dev-secret';
export * from './authentication-rejected';
