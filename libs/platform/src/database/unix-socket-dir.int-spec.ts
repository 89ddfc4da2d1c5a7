import { createTestDatabase } from '@koproduktiv/test-support/postgres';
import { unixSocketDirFor } from './embedded-postgres';

describe('unixSocketDirFor (where the embedded server puts its socket)', () => {
  it('uses the cluster directory when the socket path fits', () => {
    expect(unixSocketDirFor('/srv/koproduktiv/.data/postgres', 54321)).toBe('/srv/koproduktiv/.data/postgres');
  });

  it('falls back to TCP only when the socket path would pass the platform limit', () => {
    const deep = `/srv/${'verzeichnis/'.repeat(8)}postgres`;
    expect(`${deep}/.s.PGSQL.54321`.length).toBeGreaterThan(100);
    expect(unixSocketDirFor(deep, 54321)).toBeUndefined();
  });

  it('falls back to TCP for paths the server would split or mis-quote', () => {
    for (const dir of [
      '/home/ana maria/.data/postgres',
      '/data/a,b/postgres',
      "/data/o'neil/postgres",
      '/data/"x"/postgres',
    ]) {
      expect(unixSocketDirFor(dir, 5432)).toBeUndefined();
    }
  });

  it('counts bytes, not characters', () => {
    const umlauts = `/srv/${'ä'.repeat(40)}/postgres`;
    expect(umlauts.length).toBeLessThan(100);
    expect(unixSocketDirFor(umlauts, 5432)).toBeUndefined();
  });
});

describe('the embedded server of this test run', () => {
  const embedded = !process.env.DATABASE_URL;
  (embedded ? it : it.skip)('is reached through its unix socket (no client address), which its URL names', async () => {
    const db = await createTestDatabase();
    try {
      expect(new URL(db.url).searchParams.get('host')).toMatch(/\/postgres$/);
      const { rows } = await db.pool.query<{ addr: string | null }>('SELECT inet_client_addr()::text AS addr');
      expect(rows[0].addr).toBeNull();
    } finally {
      await db.drop();
    }
  });
  if (!embedded) console.log('skipped: the socket check needs the embedded server; DATABASE_URL points elsewhere');
});
