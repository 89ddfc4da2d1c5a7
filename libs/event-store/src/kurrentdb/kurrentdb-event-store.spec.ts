import { execFileSync } from 'node:child_process';
import type { StartedTestContainer } from 'testcontainers';
import { describeBackend } from '../../../../test/support/backends';
import { eventStoreContract } from '../testing';
import { KurrentDbEventStore } from './kurrentdb-event-store';

/**
 * The shared contract against a real KurrentDB: KURRENTDB_URL if set (point it at a throw-away
 * server: the suite reads the global order), else a fresh container where testcontainers finds a
 * container runtime, else a loud skip. There is no local stand-in for KurrentDB.
 */
export const KURRENTDB_IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';

/** testcontainers' own runtime detection, run synchronously in a child (test registration cannot await). */
function containerRuntimeAnswers(): boolean {
  const probe = "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))";
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

const url = process.env.KURRENTDB_URL;
const viaContainer = !url && containerRuntimeAnswers();
const SKIPPED = 'skipped: no KurrentDB reachable (set KURRENTDB_URL or start Docker)';

if (url || viaContainer) {
  describeBackend('KurrentDB', url ? 'KURRENTDB_URL' : `testcontainers ${KURRENTDB_IMAGE}`);
  jest.setTimeout(180_000); // a first run pulls the image
  let container: StartedTestContainer | undefined;
  eventStoreContract(
    'KurrentDB',
    async () => {
      if (url) return KurrentDbEventStore.fromConnectionString(url, { categories: ['case', 'fund'] });
      const { GenericContainer, Wait } = await import('testcontainers');
      container = await new GenericContainer(KURRENTDB_IMAGE)
        .withCommand(['--insecure', '--mem-db', '--run-projections=None'])
        .withExposedPorts(2113)
        .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300))
        .start();
      const address = `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
      return KurrentDbEventStore.fromConnectionString(address, { categories: ['case', 'fund'] });
    },
    async () => {
      await container?.stop();
    },
  );
} else {
  describeBackend('KurrentDB', SKIPPED);
  describe('EventStore contract: KurrentDB', () => {
    it.skip(`KurrentDB ${SKIPPED}`, () => undefined);
  });
}
