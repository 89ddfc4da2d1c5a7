import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';

/** A 24 MiB tmpfs, too small for a cluster's 16 MiB WAL segment plus its databases: mounting needs root. */
function smallFilesystem(): { dir: string } | { reason: string } {
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    return { reason: 'mounting a small tmpfs to fill needs root on Linux' };
  const dir = mkdtempSync(join(tmpdir(), 'kp-full-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=24m,mode=0755', 'tmpfs', dir], { encoding: 'utf8' });
  if (mounted.status === 0) return { dir };
  rmdirSync(dir);
  return { reason: `mount -t tmpfs failed here (${(mounted.stderr || mounted.error?.message || '').trim()})` };
}

describe('initdb failing on a first start', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  describe('on a full disk', () => {
    const small = smallFilesystem();
    afterAll(() => {
      if ('dir' in small) {
        spawnSync('umount', [small.dir]);
        rmdirSync(small.dir);
      }
    });
    if ('reason' in small) console.log(`skipped: the full-disk start needs a filesystem to fill: ${small.reason}`);

    ('dir' in small ? it : it.skip)(
      'says what initdb said (No space left on device) and how little space is free, where',
      async () => {
        const dataDir = join((small as { dir: string }).dir, 'data');
        await mkdir(dataDir);
        const start = startEmbeddedPostgres({ dataDir });
        await expect(start).rejects.toThrow(EmbeddedPostgresError);
        const message = ((await start.catch((error: Error) => error)) as Error).message;
        expect(message).toMatch(new RegExp(`^initdb failed for ${join(dataDir, 'postgres')} \\(exit 1\\)\\. `));
        expect(message).toMatch(
          new RegExp(
            `Only \\d+ bytes \\(\\d+\\.\\d MiB\\) are free on the filesystem of ${dataDir}, and a new cluster needs about 64\\.0 MiB`,
          ),
        );
        expect(message).toMatch(/initdb said:\n(?: {2}.*\n)*.*No space left on device/);
        // initdb removes what it made, so the next start (on a disk with room) begins afresh.
        expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
        expect(existsSync(join(dataDir, 'postgres', 'PG_VERSION'))).toBe(false);
      },
    );
  });

  it('for another reason (a locale the machine does not have): says what initdb said, and nothing of the disk', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-initdb-locale-'));
    dirs.push(dataDir);
    const saved = process.env.LC_ALL;
    process.env.LC_ALL = 'xx_XX.UTF-8';
    try {
      await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(
        `initdb failed for ${join(dataDir, 'postgres')} (exit 1). initdb said:\n` +
          '  initdb: error: invalid locale settings; check LANG and LC_* environment variables',
      );
    } finally {
      if (saved === undefined) delete process.env.LC_ALL;
      else process.env.LC_ALL = saved;
    }
  });
});
