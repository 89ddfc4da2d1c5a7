import { createHash } from 'node:crypto';
import { KEY_BYTES, open, seal } from '../crypto/aes-gcm';

/**
 * Wraps and unwraps data keys (envelope encryption). A small port so that a KMS or Vault transit
 * engine can take the local key's place; the local one keeps 32 bytes in a file.
 */
export interface KeyEncryptionKey {
  /** Names the key without revealing it: stored beside every data key it wrapped. */
  readonly id: string;
  wrap(dataKey: Buffer): Buffer;
  unwrap(wrapped: Buffer): Buffer;
}

const WRAP_CONTEXT = 'koproduktiv data key';
const IV_BYTES = 12;

export class LocalKeyEncryptionKey implements KeyEncryptionKey {
  readonly id: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES)
      throw new Error(`a key-encryption key has ${KEY_BYTES} bytes, this one ${key.length}`);
    this.id = `local:${createHash('sha256').update('koproduktiv kek id').update(key).digest('hex').slice(0, 16)}`;
  }

  wrap(dataKey: Buffer): Buffer {
    const { iv, ciphertext } = seal(this.key, dataKey, WRAP_CONTEXT);
    return Buffer.concat([iv, ciphertext]);
  }

  unwrap(wrapped: Buffer): Buffer {
    return open(this.key, { iv: wrapped.subarray(0, IV_BYTES), ciphertext: wrapped.subarray(IV_BYTES) }, WRAP_CONTEXT);
  }
}
