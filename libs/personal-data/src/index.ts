/** @koproduktiv/personal-data: personal data sealed per data subject, erasure by crypto-shredding, the event codec. */
export * from './crypto/aes-gcm';
export * from './keys/data-key-store';
export * from './keys/key-encryption-key';
export * from './keys/load-key-encryption-key';
export * from './keys/postgres-data-key-store';
export * from './keys/in-memory-data-key-store';
export * from './codec/sealed-field';
export * from './codec/upcasters';
export * from './codec/event-codec';
export * from './postgres/schema';
export * from './postgres/startup-checks';
export * from './postgres/open-personal-data';
export * from './access-log/access-log';
export * from './postgres/seal-plaintext-store';
export * from './export/export-keys';
export * from './postgres/reseal-log';
