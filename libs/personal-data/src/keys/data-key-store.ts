import type { DataSubjectKind } from '@koproduktiv/domain';

export interface DataSubject {
  readonly kind: DataSubjectKind;
  readonly id: string;
}

export interface ActiveDataKey {
  readonly keyId: string;
  readonly key: Buffer;
}

/** A data key as a reader finds it: usable, or destroyed (crypto-shredded) at a time. */
export type DataKeyLookup = { readonly key: Buffer } | { readonly destroyedAt: Date };

export interface DataKeyRecord {
  readonly keyId: string;
  readonly subject: DataSubject;
  readonly createdAt: Date;
  readonly destroyedAt: Date | null;
}

/**
 * One data key per data subject at a time (a new one after each erasure), wrapped by the
 * key-encryption key. Destroying a subject's keys makes everything they sealed unreadable for good.
 */
export interface DataKeyStore {
  /**
   * The subject's live key, created on first use. Synchronous when the store already holds it: nearly
   * every command seals with a key it used a moment ago, and a promise per command was measurable.
   */
  activeKey(tenant: string, subject: DataSubject): ActiveDataKey | Promise<ActiveDataKey>;
  /** The keys with these ids; ids the store never had are left out. */
  lookup(tenant: string, keyIds: readonly string[]): Promise<Map<string, DataKeyLookup>>;
  /** Destroys every key of the subject (all generations); returns how many were live. Idempotent. */
  destroy(tenant: string, subject: DataSubject, at: Date): Promise<number>;
  /** Every key the subject ever had, oldest first (for subject access and audits). */
  history(tenant: string, subject: DataSubject): Promise<DataKeyRecord[]>;
}

export const subjectLabel = ({ kind, id }: DataSubject) => `${kind}/${id}`;
