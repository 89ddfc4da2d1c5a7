import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import { CaseSnapshot, MetricsSettings, resolveMetricsSettings } from '@koproduktiv/metrics';
import { KEPT_SNAPSHOT_VERSION } from './kept-snapshot-store';
import { KeptSnapshots, KeptSnapshotsEncoder } from './kept-snapshots';
import { keptAggregate, takeKeptCase } from './kept-taking';
import { keptCaseStories } from './testing/kept-case-stories';

/**
 * The kept snapshots of fixed case stories, hashed, as of KEPT_SNAPSHOT_VERSION. A database keeps
 * snapshots computed by the code of their version; when the code computes other ones, the version
 * must change, or the API goes on serving the old ones.
 */
const PINNED = { version: 2, outputHash: 'HzX32Sm-E_yBfC45n1-ZV0nlOnqFzvBbahBnaOOQzk0' };

/** Tenants: the defaults, and settings that move every clock and weight a snapshot depends on. */
const TENANTS: Record<string, MetricsSettings> = {
  defaults: resolveMetricsSettings(),
  bavaria: resolveMetricsSettings({
    responseTargetDays: 5,
    dormancyDays: 30,
    // Only components a case may lack weigh: the index is null for some cases.
    weights: { trust: { responsiveness: 0, reliability: 0.4, participation: 0.2 }, continuity: { rhythm: 0.7 } },
    calendar: { state: 'BY' },
    responseTargetWorkingDays: 3,
    workingDayMetrics: true,
  }),
  newYork: resolveMetricsSettings({
    responseTargetDays: 21,
    dormancyDays: 45,
    timeZone: 'America/New_York',
    calendar: { state: 'NW' },
    responseTargetWorkingDays: 10,
    weights: { continuity: { contactStability: 1, handovers: 0, rhythm: 0 } },
  }),
};

/** Ends of months and days (Berlin, both sides of daylight saving time), mid-day instants, one before any case. */
const INSTANTS = [
  '2025-10-31T22:59:59.999Z',
  '2025-12-31T22:59:59.999Z',
  '2026-01-31T22:59:59.999Z',
  '2026-02-15T11:00:00.000Z',
  '2026-03-31T21:59:59.999Z',
  '2026-04-10T04:59:59.999Z',
  '2026-06-30T21:59:59.999Z',
  '2026-09-30T21:59:59.999Z',
  '2026-12-31T22:59:59.999Z',
  '2027-06-30T21:59:59.999Z',
].map((iso) => new Date(iso));

interface Kept {
  readonly tenant: string;
  readonly asOf: Date;
  readonly cases: Buffer;
  readonly aggregate: string;
}

/** What the keeper writes per tenant and T: the encoded cases and the aggregate beside them. */
function keptRows(): Kept[] {
  const stories = keptCaseStories();
  return Object.entries(TENANTS).flatMap(([tenant, settings]) =>
    INSTANTS.map((asOf) => {
      const encoder = new KeptSnapshotsEncoder();
      for (const row of stories) takeKeptCase(encoder, row, asOf, settings);
      const cases = encoder.encode();
      return { tenant, asOf, cases, aggregate: keptAggregate(asOf, cases, settings.timeZone) };
    }),
  );
}

// Of the encoded cases their bytes before deflating: deflated bytes may differ between zlib builds.
const hashOf = (rows: readonly Kept[]): string => {
  const hash = createHash('sha256');
  for (const row of rows)
    hash.update(`${row.tenant} ${row.asOf.toISOString()}\n`).update(inflateRawSync(row.cases)).update(row.aggregate);
  return hash.digest('base64url');
};

function verdict(now: { version: number; outputHash: string }): string | undefined {
  const file = 'libs/projections/src/metric-snapshots';
  const pin = `PINNED = { version: ${now.version + (now.version === PINNED.version ? 1 : 0)}, outputHash: '${now.outputHash}' }`;
  if (now.version === PINNED.version && now.outputHash !== PINNED.outputHash)
    return (
      `Kept metric snapshots computed now differ from those of KEPT_SNAPSHOT_VERSION ${PINNED.version}: a metric's ` +
      `definition, a default setting, the snapshot's fields or their encoding changed, and databases would go on serving the ` +
      `snapshots kept by the old code. Bump KEPT_SNAPSHOT_VERSION in ${file}/kept-snapshot-store.ts to ` +
      `${PINNED.version + 1}, and set ${pin} in ${file}/kept-snapshot-version.spec.ts. ` +
      `(A pure refactoring leaves this hash as it was: if it changed, so did the output.)`
    );
  if (now.version !== PINNED.version)
    return (
      `KEPT_SNAPSHOT_VERSION is ${now.version}, the guard is pinned at version ${PINNED.version}: ` +
      `set ${pin} in ${file}/kept-snapshot-version.spec.ts.`
    );
  return undefined;
}

describe('KEPT_SNAPSHOT_VERSION guard', () => {
  const rows = keptRows();

  it('changes whenever the kept snapshots of the pinned case stories change', () => {
    const now = { version: KEPT_SNAPSHOT_VERSION, outputHash: hashOf(rows) };
    const advice = verdict(now);
    if (advice !== undefined) throw new Error(advice);
    expect(now).toEqual(PINNED);
  });

  it('hashes case stories that reach every kind of value a kept snapshot holds', () => {
    const snapshots: CaseSnapshot[] = [];
    const leftOut: string[] = [];
    for (const row of rows) {
      const all = KeptSnapshots.decode(row.asOf, row.cases).select();
      snapshots.push(...all.snapshots);
      leftOut.push(...all.leftOut.map((entry) => `${entry.caseId}: ${entry.reason}`));
    }
    const seen = (values: readonly unknown[]) => [...new Set(values.map((value) => JSON.stringify(value)))].sort();
    const facts = snapshots.map((s) => s.facts);
    const metrics = snapshots.map((s) => s.metrics);
    expect(seen(facts.map((f) => f.status))).toEqual(['"closed"', '"open"']);
    expect(seen(facts.map((f) => f.outcome))).toEqual(['"completed"', '"declined"', '"merged"', '"withdrawn"', 'null']);
    expect(seen(facts.map((f) => f.stage))).toEqual(['"institutionalised"', '"interim_use"', '"request"', '"support"']);
    expect(seen(facts.map((f) => f.unitId === null))).toEqual(['false', 'true']);
    expect(facts.some((f) => f.fundingDecisionDays.length > 1)).toBe(true);
    expect(seen(metrics.map((m) => m.dormant))).toEqual(['false', 'true']);
    expect(seen(metrics.map((m) => m.waiting))).toEqual(['false', 'true']);
    expect(seen(metrics.map((m) => m.respondedWithinTarget))).toEqual(['false', 'null', 'true']);
    expect(seen(metrics.map((m) => m.daysToInstitutionalisation === null))).toEqual(['false', 'true']);
    expect(seen(metrics.map((m) => m.trustIndex === null))).toEqual(['false', 'true']);
    expect(seen(metrics.map((m) => m.continuityIndex === null))).toEqual(['false', 'true']);
    for (const party of ['administration', 'initiative'] as const)
      for (const status of ['kept', 'late', 'broken', 'overdue', 'open'] as const)
        expect([party, status, metrics.some((m) => m.commitments[party][status] > 0)]).toEqual([party, status, true]);
    for (const level of ['inform', 'consult', 'involve', 'collaborate', 'empower'] as const)
      expect([level, metrics.some((m) => m.participation[level] > 0)]).toEqual([level, true]);
    expect(seen(metrics.flatMap((m) => m.uninterpretable.map((u) => u.reason)))).toEqual([
      '"Not a calendar date YYYY-MM-DD: 2026-02-30"',
    ]);
    expect(seen(leftOut)).toEqual(['"left-out: Not a calendar date YYYY-MM-DD: 2026-13-01"']);
  });

  it("hashes snapshots that depend on the tenant's settings", () => {
    const perTenant = Object.keys(TENANTS).map((tenant) =>
      hashOf(rows.filter((row) => row.tenant === tenant).map((row) => ({ ...row, tenant: '' }))),
    );
    expect(new Set(perTenant).size).toBe(perTenant.length);
  });
});
