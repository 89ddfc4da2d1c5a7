import { open, seal } from '../crypto/aes-gcm';
import type { ActiveDataKey, DataKeyLookup, DataKeyRecord, DataKeyStore, DataSubject } from '../keys/data-key-store';
import { isSealedField } from '../codec/sealed-field';
import { personalDataOf } from '@koproduktiv/domain';

export const EXPORT_KEYS_FORMAT = 'koproduktiv.export-keys/1';

/**
 * The data keys an export's personal data needs, each wrapped by the export's own key, beside the
 * export (which holds the events as stored, sealed). Whoever holds the export, this file and the
 * export key can read the personal data offline; erased subjects are listed as erased, their keys
 * are not in it.
 */
export interface ExportKeyFile {
  readonly format: typeof EXPORT_KEYS_FORMAT;
  /** The export's manifest sha256, so the file is not used with another export. */
  readonly exportSha256: string;
  /** `<tenant>/<keyId>` -> the data key wrapped by the export key (base64 of iv + ciphertext). */
  readonly keys: Readonly<Record<string, string>>;
  /** `<tenant>/<keyId>` -> when the key was destroyed. */
  readonly erased: Readonly<Record<string, string>>;
}

const WRAP_CONTEXT = (ref: string) => `koproduktiv export data key|${ref}`;
const ref = (tenant: string, keyId: string) => `${tenant}/${keyId}`;

/** Collects the key ids of an export's sealed fields as its events pass by. */
export class ExportKeyCollector {
  private readonly wanted = new Map<string, Set<string>>();

  see(event: {
    readonly tenant: string;
    readonly type: string;
    readonly data: Readonly<Record<string, unknown>>;
  }): void {
    for (const field of personalDataOf(event.type)?.fields ?? []) {
      const value = event.data[field];
      if (!isSealedField(value)) continue;
      const ids = this.wanted.get(event.tenant) ?? new Set<string>();
      ids.add(value.$sealed.kid);
      this.wanted.set(event.tenant, ids);
    }
  }

  async keyFile(keys: DataKeyStore, exportKey: Buffer, exportSha256: string): Promise<ExportKeyFile> {
    const wrapped: Record<string, string> = {};
    const erased: Record<string, string> = {};
    for (const [tenant, ids] of this.wanted) {
      for (const [keyId, found] of await keys.lookup(tenant, [...ids])) {
        const name = ref(tenant, keyId);
        if ('destroyedAt' in found) erased[name] = found.destroyedAt.toISOString();
        else {
          const { iv, ciphertext } = seal(exportKey, found.key, WRAP_CONTEXT(name));
          wrapped[name] = Buffer.concat([iv, ciphertext]).toString('base64');
        }
      }
    }
    return { format: EXPORT_KEYS_FORMAT, exportSha256, keys: wrapped, erased };
  }
}

/** The keys of an export key file, to open the export's personal data with the one codec (read-only). */
export class ExportedDataKeys implements DataKeyStore {
  constructor(
    private readonly file: ExportKeyFile,
    private readonly exportKey: Buffer,
  ) {
    if (file.format !== EXPORT_KEYS_FORMAT) throw new Error(`not an export key file (${EXPORT_KEYS_FORMAT})`);
  }

  async lookup(tenant: string, keyIds: readonly string[]): Promise<Map<string, DataKeyLookup>> {
    const found = new Map<string, DataKeyLookup>();
    for (const keyId of keyIds) {
      const name = ref(tenant, keyId);
      const wrapped = this.file.keys[name];
      if (wrapped) {
        const bytes = Buffer.from(wrapped, 'base64');
        found.set(keyId, {
          key: open(this.exportKey, { iv: bytes.subarray(0, 12), ciphertext: bytes.subarray(12) }, WRAP_CONTEXT(name)),
        });
      } else if (this.file.erased[name]) found.set(keyId, { destroyedAt: new Date(this.file.erased[name]) });
    }
    return found;
  }

  activeKey(): Promise<ActiveDataKey> {
    return Promise.reject(new Error('an export is read-only'));
  }

  destroy(_tenant: string, _subject: DataSubject): Promise<number> {
    return Promise.reject(new Error('an export is read-only'));
  }

  async history(): Promise<DataKeyRecord[]> {
    return [];
  }
}
