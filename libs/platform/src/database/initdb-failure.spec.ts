import { INITDB_NEEDS_BYTES, INITDB_STDERR_LINES, initdbFailureMessage, shortOfSpaceForServer } from './initdb-failure';

describe('initdbFailureMessage (why a new cluster could not be made)', () => {
  const clusterDir = '/srv/kp/.data/postgres';

  it('carries initdb’s own last stderr lines', () => {
    const stderr =
      'initdb: error: could not write file "pg_wal/xlogtemp.42": No space left on device\ninitdb: removing data dir';
    expect(
      initdbFailureMessage({
        clusterDir,
        exit: 1,
        stderr: `${stderr}ectory "/srv/kp/.data/postgres.initdb"\n`,
        free: undefined,
      }),
    ).toBe(
      'initdb failed for /srv/kp/.data/postgres (exit 1). initdb said:\n' +
        '  initdb: error: could not write file "pg_wal/xlogtemp.42": No space left on device\n' +
        '  initdb: removing data directory "/srv/kp/.data/postgres.initdb"',
    );
  });

  it(`keeps only the last ${INITDB_STDERR_LINES} lines, blank ones dropped`, () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const message = initdbFailureMessage({ clusterDir, exit: 1, stderr: lines.join('\n\n'), free: undefined });
    expect(message).toContain('  line 13\n  line 14');
    expect(message).not.toContain('line 12\n');
    expect(message.endsWith('  line 20')).toBe(true);
  });

  it('says plainly when the filesystem has less free space than a new cluster needs, with the bytes and the path', () => {
    const message = initdbFailureMessage({
      clusterDir,
      exit: 1,
      stderr: 'FATAL:  could not extend file: No space left on device',
      free: { path: '/srv/kp/.data', bytes: 3_145_728 },
    });
    expect(message).toBe(
      'initdb failed for /srv/kp/.data/postgres (exit 1). Only 3145728 bytes (3.0 MiB) are free on the filesystem of /srv/kp/.data, ' +
        'and a new cluster needs about 64.0 MiB: free space there, or set DATA_DIR to a disk with room, and start again. ' +
        'initdb said:\n  FATAL:  could not extend file: No space left on device',
    );
  });

  it('does not blame the disk when there is room, nor when its free space is unknown', () => {
    for (const free of [{ path: '/srv/kp/.data', bytes: INITDB_NEEDS_BYTES }, undefined]) {
      const message = initdbFailureMessage({ clusterDir, exit: 1, stderr: 'initdb: error: invalid locale', free });
      expect(message).toBe(
        'initdb failed for /srv/kp/.data/postgres (exit 1). initdb said:\n  initdb: error: invalid locale',
      );
    }
  });

  it('says so when initdb wrote nothing on stderr, and takes a threshold of the caller', () => {
    expect(
      initdbFailureMessage({
        clusterDir,
        exit: 'SIGKILL',
        stderr: '\n',
        free: { path: '/x', bytes: 1024 },
        neededBytes: 2048,
      }),
    ).toBe(
      'initdb failed for /srv/kp/.data/postgres (exit SIGKILL). Only 1024 bytes (0.0 MiB) are free on the filesystem of /x, ' +
        'and a new cluster needs about 0.0 MiB: free space there, or set DATA_DIR to a disk with room, and start again. ' +
        'initdb said nothing on stderr.',
    );
  });
});

describe('shortOfSpaceForServer (a server that did not start on a nearly full disk)', () => {
  it('names the free bytes and the path below the threshold, and nothing at or above it or when unknown', () => {
    expect(shortOfSpaceForServer({ path: '/srv/kp/.data/postgres', bytes: 0 })).toBe(
      'Only 0 bytes (0.0 MiB) are free on the filesystem of /srv/kp/.data/postgres: free space there, or move DATA_DIR to a disk with room, and start again.',
    );
    expect(shortOfSpaceForServer({ path: '/x', bytes: INITDB_NEEDS_BYTES - 1 })).toContain(
      `${INITDB_NEEDS_BYTES - 1} bytes`,
    );
    expect(shortOfSpaceForServer({ path: '/x', bytes: INITDB_NEEDS_BYTES })).toBeUndefined();
    expect(shortOfSpaceForServer(undefined)).toBeUndefined();
  });
});
