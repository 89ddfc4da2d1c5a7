import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runNode } from '../support/processes';

/**
 * One boot-time configuration per app: each process reads and validates its whole environment
 * first, and a bad value stops it with exit code 2 and a message naming the variable — before the
 * embedded PostgreSQL (or Kafka) is started, and without a stack trace.
 */
const APPS = {
  api: { script: 'dist/apps/api/src/main.js', args: [] },
  projector: { script: 'dist/apps/projector/src/main.js', args: [] },
  cli: { script: 'dist/apps/cli/src/main.js', args: ['retention', 'due'] },
} as const;
type App = keyof typeof APPS;

/** A bad value of each variable, and the apps that read it. */
const BAD: readonly { variable: string; value: string; apps: readonly App[] }[] = [
  { variable: 'DATABASE_POOL_SIZE', value: 'many', apps: ['api', 'projector', 'cli'] },
  { variable: 'EVENT_STORE', value: 'mongodb', apps: ['api', 'projector', 'cli'] },
  { variable: 'LOG_LEVEL', value: 'loud', apps: ['api', 'projector', 'cli'] },
  {
    variable: 'GRANT_SETTINGS',
    value: '{"musterstadt":{"fourEyesThresholdCents":0}}',
    apps: ['api', 'projector', 'cli'],
  },
  { variable: 'RETENTION_SETTINGS', value: '{"musterstadt":{"retentionYears":0}}', apps: ['api', 'projector', 'cli'] },
  { variable: 'METRICS_SETTINGS', value: '{"musterstadt":{"dormancyDays":0}}', apps: ['api', 'projector', 'cli'] },
  { variable: 'PORT', value: 'eighty', apps: ['api'] },
  { variable: 'PROJECTOR_PORT', value: '70000', apps: ['projector'] },
  { variable: 'KAFKA_SSL', value: 'maybe', apps: ['api', 'projector'] },
  { variable: 'REMINDERS_INTERVAL_SECONDS', value: 'often', apps: ['api', 'projector'] },
];

describe('the boot-time configuration of each app', () => {
  const dataDirs: string[] = [];

  beforeAll(() => ensureBuilt());
  afterAll(async () => {
    for (const dir of dataDirs) await rm(dir, { recursive: true, force: true });
  });

  const run = async (app: App, settings: Record<string, string>) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'kp-boot-config-'));
    dataDirs.push(dataDir);
    const { script, args } = APPS[app];
    const result = runNode(script, [...args], {
      DATA_DIR: dataDir,
      DATABASE_URL: '',
      PORT: '0',
      PROJECTOR_PORT: '0',
      KAFKA_BROKERS: '127.0.0.1:9',
      ...settings,
    });
    return { ...result, postgresStarted: existsSync(join(dataDir, 'postgres')) };
  };

  it.each(BAD.flatMap(({ variable, value, apps }) => apps.map((app) => [app, variable, value] as const)))(
    '%s refuses a bad %s with exit code 2, naming it, before PostgreSQL starts',
    async (app, variable, value) => {
      const result = await run(app, { [variable]: value });
      expect({ status: result.status, postgresStarted: result.postgresStarted }).toEqual({
        status: 2,
        postgresStarted: false,
      });
      expect(result.stderr).toContain(variable);
      expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
    },
  );

  it.each(['api', 'projector'] as const)('%s names every problem at once', async (app) => {
    const result = await run(app, {
      DATABASE_POOL_SIZE: 'many',
      KAFKA_SSL: 'maybe',
      GRANT_SETTINGS: '[1]',
      RETENTION_SETTINGS: '{bad',
      REMINDERS_DUE_SOON_DAYS: '0',
    });
    expect(result.status).toBe(2);
    for (const variable of [
      'DATABASE_POOL_SIZE',
      'KAFKA_SSL',
      'GRANT_SETTINGS',
      'RETENTION_SETTINGS',
      'REMINDERS_DUE_SOON_DAYS',
    ])
      expect(result.stderr).toContain(variable);
  });

  it('the API with RUN_PROJECTOR=false leaves the projector’s own variables to apps/projector', async () => {
    const result = await run('api', { RUN_PROJECTOR: 'false', KAFKA_SSL: 'maybe', GRANT_SETTINGS: '[1]' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('GRANT_SETTINGS');
    expect(result.stderr).not.toContain('KAFKA_SSL');
  });
});
