import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';

/** Mounts a tmpfs of the given size on a new directory; throws with mount's words when it cannot. */
function mountSmallFilesystem(mebibytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'kp-full-disk-'));
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${mebibytes}m,mode=0755`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (mounted.status === 0) return dir;
  rmdirSync(dir);
  throw new Error(`mount -t tmpfs failed here (${(mounted.stderr || mounted.error?.message || '').trim()})`);
}

function unmount(dir: string | undefined): void {
  if (!dir) return;
  spawnSync('umount', [dir]);
  rmdirSync(dir);
}

/** Why a small filesystem to fill cannot be had here, or undefined when it can (tried once, undone at once). */
function noSmallFilesystem(): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0)
    return 'mounting a small tmpfs to fill needs root on Linux';
  try {
    unmount(mountSmallFilesystem(1));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function failureOf(start: Promise<unknown>): Promise<string> {
  await expect(start).rejects.toThrow(EmbeddedPostgresError);
  return ((await start.catch((error: Error) => error)) as Error).message;
}

describe('initdb failing on a first start, and the server on a full disk', () => {
  const cannotFill = noSmallFilesystem();
  if (cannotFill) console.log(`skipped: the full-disk starts need a filesystem to fill: ${cannotFill}`);
  const onSmallFilesystem = cannotFill ? it.skip : it;
  let mounted: string | undefined;
  afterEach(() => {
    unmount(mounted);
    mounted = undefined;
  });

  onSmallFilesystem(
    'on a disk too small for a cluster: says what initdb said (No space left on device) and how little space is free, where',
    async () => {
      mounted = mountSmallFilesystem(24); // a cluster takes about 41 MB
      const dataDir = join(mounted, 'data');
      await mkdir(dataDir);
      const message = await failureOf(startEmbeddedPostgres({ dataDir }));
      expect(message).toMatch(new RegExp(`^initdb failed for ${join(dataDir, 'postgres')} \\(exit 1\\)\\. `));
      expect(message).toMatch(
        new RegExp(
          `Only \\d+ bytes \\(\\d+\\.\\d MiB\\) are free on the filesystem of ${dataDir}, and a new cluster needs about 64\\.0 MiB`,
        ),
      );
      expect(message).toMatch(/initdb said:\n(?: {2}.*\n)*.*No space left on device/);
      // initdb removes what it made, so the next start (on a disk with room) begins afresh.
      expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    },
  );

  onSmallFilesystem(
    'on a disk that filled up since the cluster was made: the server does not start, and says so in PostgreSQL’s words with the free space',
    async () => {
      mounted = mountSmallFilesystem(80);
      const dataDir = join(mounted, 'data');
      await mkdir(dataDir);
      await (await startEmbeddedPostgres({ dataDir })).stop();
      const filler = spawnSync('dd', ['if=/dev/zero', `of=${join(mounted, 'filler')}`, 'bs=1M', 'count=100']);
      expect(filler.status).not.toBe(0); // dd stopped at the full disk
      const message = await failureOf(startEmbeddedPostgres({ dataDir }));
      expect(message).toContain(
        `did not start (exit 1). Only 0 bytes (0.0 MiB) are free on the filesystem of ${join(dataDir, 'postgres')}: free space there`,
      );
      expect(message).toMatch(/Last messages:\n(?:.*\n)*.*No space left on device/);
    },
  );

  it('for another reason (a locale the machine does not have): says what initdb said, and nothing of the disk', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-initdb-locale-'));
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
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
