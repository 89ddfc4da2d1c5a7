import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalKeyEncryptionKey } from './key-encryption-key';
import { embeddedKeyFile, KeyEncryptionKeyError, loadKeyEncryptionKey } from './load-key-encryption-key';

describe('key-encryption key', () => {
  it('wraps a data key so that only the same key unwraps it', () => {
    const kek = new LocalKeyEncryptionKey(randomBytes(32));
    const dataKey = randomBytes(32);
    const wrapped = kek.wrap(dataKey);
    expect(wrapped.includes(dataKey)).toBe(false);
    expect(kek.unwrap(wrapped).equals(dataKey)).toBe(true);
    expect(() => new LocalKeyEncryptionKey(randomBytes(32)).unwrap(wrapped)).toThrow();
  });

  it("generates the embedded default's key on a fresh store (mode 0600) and reads the same key again", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-kek-spec-'));
    const first = await loadKeyEncryptionKey({ dataDir, mayCreate: true });
    const again = await loadKeyEncryptionKey({ dataDir, mayCreate: false });
    expect(again.id).toBe(first.id);
    expect((await stat(embeddedKeyFile(dataDir))).mode & 0o777).toBe(0o600);
  });

  it('never generates a new key where data keys exist, and names the setting', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-kek-spec-'));
    await expect(loadKeyEncryptionKey({ dataDir, mayCreate: false })).rejects.toThrow(KeyEncryptionKeyError);
    await expect(
      loadKeyEncryptionKey({ dataDir, file: join(dataDir, 'missing.key'), mayCreate: true }),
    ).rejects.toThrow(/KEY_ENCRYPTION_KEY_FILE=.*missing\.key.*does not exist/);
  });

  it('reads KEY_ENCRYPTION_KEY_FILE as hex, base64 or raw bytes, and refuses anything else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kp-kek-spec-'));
    const key = randomBytes(32);
    const ids = [];
    for (const [name, content] of [
      ['hex', key.toString('hex')],
      ['b64', key.toString('base64')],
      ['raw', key],
    ] as const) {
      await writeFile(join(dir, name), content);
      ids.push((await loadKeyEncryptionKey({ dataDir: dir, file: join(dir, name), mayCreate: false })).id);
    }
    expect(new Set(ids).size).toBe(1);
    await writeFile(join(dir, 'short'), 'abc');
    await expect(loadKeyEncryptionKey({ dataDir: dir, file: join(dir, 'short'), mayCreate: false })).rejects.toThrow(
      /not a 32-byte key/,
    );
    expect((await readFile(join(dir, 'hex'), 'utf8')).length).toBe(64);
  });
});
