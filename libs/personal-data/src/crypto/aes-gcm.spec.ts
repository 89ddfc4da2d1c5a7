import { randomBytes } from 'node:crypto';
import { open, seal } from './aes-gcm';

describe('AES-256-GCM sealing', () => {
  const key = randomBytes(32);

  it('opens what it sealed, and nothing changed', () => {
    const sealed = seal(key, Buffer.from('Frau Brandt'), 'aad');
    expect(open(key, sealed, 'aad').toString()).toBe('Frau Brandt');
    expect(() => open(key, sealed, 'other aad')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext);
    flipped[0] ^= 1;
    expect(() => open(key, { iv: sealed.iv, ciphertext: flipped }, 'aad')).toThrow();
  });

  it('seals a string as its UTF-8 bytes', () => {
    const text = 'Elternzeit von Frau Brandt – Übergabe an Herrn Öztürk';
    const sealed = seal(key, text, 'aad');
    expect(sealed.ciphertext.length).toBe(Buffer.byteLength(text, 'utf8') + 16);
    expect(open(key, sealed, 'aad').equals(Buffer.from(text, 'utf8'))).toBe(true);
  });

  it('never repeats an IV, also across refills of the IV pool', () => {
    const ivs = new Set(Array.from({ length: 2000 }, () => seal(key, Buffer.from('x'), 'a').iv.toString('hex')));
    expect(ivs.size).toBe(2000);
  });
});
