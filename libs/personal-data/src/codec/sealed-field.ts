import { open, seal } from '../crypto/aes-gcm';

/** How a personal-data field is stored: the ciphertext of its JSON value and the id of the data key that sealed it. */
export interface SealedField {
  readonly $sealed: { readonly kid: string; readonly iv: string; readonly ct: string };
}

/** What a reader sees for a field whose key was destroyed. */
export interface ErasedField {
  readonly erased: true;
  readonly erasedAt: string;
}

/** What a reader without keys sees (deciders, read models): the value exists, its content is not read. */
export interface WithheldField {
  readonly withheld: true;
}

export const WITHHELD: WithheldField = Object.freeze({ withheld: true });

/** A sealed field whose key the key table does not hold at all (e.g. a key table restored from an older backup). */
export const UNREADABLE = Object.freeze({ unreadable: 'data key not found' });

export const erasedField = (at: Date): ErasedField => ({ erased: true, erasedAt: at.toISOString() });

export const isSealedField = (value: unknown): value is SealedField =>
  typeof value === 'object' && value !== null && Object.hasOwn(value, '$sealed');

/** Binds a ciphertext to its tenant, event type and field, so it cannot be moved elsewhere and still open. */
export const associatedData = (tenant: string, type: string, field: string, keyId: string) =>
  `kp1|${tenant}|${type}|${field}|${keyId}`;

export function sealField(key: Buffer, keyId: string, value: unknown, aad: string): SealedField {
  const { iv, ciphertext } = seal(key, JSON.stringify(value), aad);
  return { $sealed: { kid: keyId, iv: iv.toString('base64'), ct: ciphertext.toString('base64') } };
}

export function openField(key: Buffer, { $sealed }: SealedField, aad: string): unknown {
  const plaintext = open(
    key,
    { iv: Buffer.from($sealed.iv, 'base64'), ciphertext: Buffer.from($sealed.ct, 'base64') },
    aad,
  );
  return JSON.parse(plaintext.toString('utf8'));
}
