import { execFileSync } from 'node:child_process';
import type { StartedTestContainer } from 'testcontainers';

export const KURRENTDB_IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:latest';
export const KURRENTDB_SKIPPED = 'skipped: no KurrentDB reachable (set KURRENTDB_URL or start Docker)';

/** testcontainers' own runtime detection, run synchronously in a child (test registration cannot await). */
function containerRuntimeAnswers(): boolean {
  const probe =
    "require('testcontainers').getContainerRuntimeClient().then(() => process.exit(0), () => process.exit(1))";
  try {
    execFileSync(process.execPath, ['-e', probe], { stdio: 'ignore', timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export interface KurrentDbServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Where a KurrentDB for tests comes from: KURRENTDB_URL (a throw-away server: suites read the
 * global order), else a fresh container where testcontainers finds a container runtime, else none
 * (the suites are skipped, loudly) — or, under KP_REQUIRE_KURRENTDB=1, a failure of the test file.
 * Decided once per test file, synchronously, because jest registers tests synchronously.
 */
export function kurrentDbSource(): { readonly where: string; start(): Promise<KurrentDbServer> } | undefined {
  const url = process.env.KURRENTDB_URL;
  if (url) return { where: 'KURRENTDB_URL', start: async () => ({ url, stop: async () => undefined }) };
  if (!containerRuntimeAnswers()) {
    // Where CI is meant to prove the KurrentDB path, its suites must not vanish as skips.
    if (process.env.KP_REQUIRE_KURRENTDB === '1')
      throw new Error(`[backends] KurrentDB ${KURRENTDB_SKIPPED}, and KP_REQUIRE_KURRENTDB=1 requires it`);
    return undefined;
  }
  return {
    where: `testcontainers ${KURRENTDB_IMAGE}`,
    start: async () => {
      const { GenericContainer, Wait } = await import('testcontainers');
      const container: StartedTestContainer = await new GenericContainer(KURRENTDB_IMAGE)
        .withCommand(['--insecure', '--mem-db', '--run-projections=None'])
        .withExposedPorts(2113)
        .withWaitStrategy(
          Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300),
        )
        .start();
      return {
        url: `kurrentdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
        stop: async () => void (await container.stop()),
      };
    },
  };
}
