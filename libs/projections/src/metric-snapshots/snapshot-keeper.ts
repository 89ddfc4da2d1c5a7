import type { Pool } from 'pg';
import { CaseHistory, MetricsSettings } from '@koproduktiv/metrics';
import { lookUpReadModelPosition } from '../queries/read-model-position';
import { KeptSnapshots, KeptSnapshotsEncoder } from './kept-snapshots';
import { KeptPatch, MovedCase } from './kept-patch';
import { keptInstants, KEPT_MONTHS } from './kept-instants';
import { keptAggregate, takeKeptCase } from './kept-taking';
import { KEPT_SNAPSHOTS_DDL, KeptRowVersion, readKeptRows, settingsFingerprint } from './kept-snapshot-store';

/** What a kept row is computed from: the read models, the settings' fingerprint and time zone. */
interface KeptVersion {
  readonly generation: number;
  readonly position: number;
  readonly fingerprint: string;
  readonly timeZone: string;
}

/** Case rows read per statement while every history is walked. */
const PAGE = 256;
/** Cases × instants encoded in one walk over the histories: some 45 float64 each, about 70 MB. */
const ENCODED_CASES_PER_WALK = 200_000;

export interface KeepReport {
  readonly tenants: number;
  /** Instants whose snapshots were taken from every case history. */
  readonly computed: number;
  /** Instants brought up to date from the cases that moved. */
  readonly patched: number;
  /** Instants no longer kept (a past day, a month out of the window, an old generation). */
  readonly dropped: number;
}

const caseOrder = async (pool: Pool, tenant: string): Promise<string[]> =>
  (await pool.query<{ id: string }>('SELECT id FROM rm_cases WHERE tenant = $1 ORDER BY id', [tenant])).rows.map(
    (row) => row.id,
  );

/**
 * Keeps, per tenant, the case snapshots as of the instants the Lagebild asks first (keptInstants),
 * in kp_kept_snapshots, so that the summary and the time series aggregate kept snapshots instead of
 * walking every case history per question. Runs after the read models (projector): an instant
 * missing or computed from another generation or other settings is taken from every history once;
 * after that, each run retakes only the cases whose rows moved since, and only as of the instants
 * their new events fall on or before (live events fall after every month's end but the current one).
 * Readers patch what moved after the keeper's last run themselves (KeptPatch), so answers never lag.
 */
export class SnapshotKeeper {
  private tableReady: Promise<unknown> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly settingsFor: (tenant: string) => MetricsSettings,
    private readonly clock: () => Date = () => new Date(),
    private readonly months = KEPT_MONTHS,
  ) {}

  async keep(): Promise<KeepReport> {
    await (this.tableReady ??= this.pool.query(KEPT_SNAPSHOTS_DDL).catch((error: unknown) => {
      this.tableReady = undefined;
      throw error;
    }));
    const { position, generation } = await lookUpReadModelPosition(this.pool);
    const report = { tenants: 0, computed: 0, patched: 0, dropped: 0 };
    if (generation === 0) return report;
    const { rows: tenants } = await this.pool.query<{ tenant: string; position: string }>(
      'SELECT tenant, position FROM rm_tenant_positions ORDER BY tenant',
    );
    for (const { tenant, position: own } of tenants) {
      const kept = await this.keepTenant(tenant, Number(own), position, generation);
      report.tenants += 1;
      report.computed += kept.computed;
      report.patched += kept.patched;
      report.dropped += kept.dropped;
    }
    return report;
  }

  private async keepTenant(tenant: string, own: number, position: number, generation: number) {
    const settings = this.settingsFor(tenant);
    const fingerprint = settingsFingerprint(settings);
    const wanted = keptInstants(this.clock(), settings.timeZone, this.months);
    const isWanted = (at: Date) => wanted.some((instant) => instant.getTime() === at.getTime());
    const { versions } = await readKeptRows(this.pool, tenant, []);
    const usable = (v: KeptRowVersion) => isWanted(v.asOf) && v.generation === generation && v.settings === fingerprint;
    const dropped = versions.filter((v) => !usable(v));
    if (dropped.length)
      await this.pool.query('DELETE FROM kp_kept_snapshots WHERE tenant = $1 AND as_of = ANY($2::timestamptz[])', [
        tenant,
        dropped.map((v) => v.asOf),
      ]);
    const valid = versions.filter(usable);
    const version = { generation, position, fingerprint, timeZone: settings.timeZone };
    const missing = wanted.filter((instant) => !valid.some((v) => v.asOf.getTime() === instant.getTime()));
    if (missing.length) await this.takeAll(tenant, missing, settings, version);
    const stale = valid.filter((v) => v.position < own);
    if (stale.length) await this.patch(tenant, stale, settings, version);
    return { computed: missing.length, patched: stale.length, dropped: dropped.length };
  }

  /**
   * Snapshots as of every instant in `instants`, taken from every case history, as many instants per
   * walk over the histories as fit in about 70 MB of encoded snapshots.
   */
  private async takeAll(
    tenant: string,
    instants: readonly Date[],
    settings: MetricsSettings,
    version: KeptVersion,
  ): Promise<void> {
    const { rows } = await this.pool.query<{ cases: string }>(
      'SELECT count(*) AS cases FROM rm_cases WHERE tenant = $1',
      [tenant],
    );
    const perWalk = Math.max(1, Math.floor(ENCODED_CASES_PER_WALK / Math.max(1, Number(rows[0].cases))));
    for (let from = 0; from < instants.length; from += perWalk) {
      const group = instants.slice(from, from + perWalk);
      const encoders = group.map(() => new KeptSnapshotsEncoder());
      await this.eachHistory(tenant, (row) =>
        group.forEach((asOf, i) => takeKeptCase(encoders[i], row, asOf, settings)),
      );
      for (const [i, asOf] of group.entries()) await this.write(tenant, asOf, encoders[i].encode(), version);
    }
  }

  /** Every case history of the tenant in the read model's order, the event loop let go every few cases. */
  private async eachHistory(
    tenant: string,
    visit: (row: { id: string; category: string | null; history: CaseHistory }) => void,
  ): Promise<void> {
    for (let after: string | null = null; ;) {
      const { rows }: { rows: { id: string; category: string | null; history: string }[] } = await this.pool.query(
        `SELECT id, category, history::text AS history FROM rm_cases WHERE tenant = $1 AND ($2::text IS NULL OR id > $2)
         ORDER BY id LIMIT ${PAGE}`,
        [tenant, after],
      );
      for (const [i, row] of rows.entries()) {
        visit({ id: row.id, category: row.category, history: JSON.parse(row.history) as CaseHistory });
        // Other work of the process (the projection, the API's requests under npm start) runs in between.
        if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
      }
      if (rows.length < PAGE) return;
      after = rows[rows.length - 1].id;
    }
  }

  private async patch(
    tenant: string,
    stale: readonly KeptRowVersion[],
    settings: MetricsSettings,
    version: KeptVersion,
  ): Promise<void> {
    const { rows: stored } = await readKeptRows(
      this.pool,
      tenant,
      stale.map((v) => v.asOf),
    );
    const sets = stored.map((row) => ({ kept: KeptSnapshots.decode(row.asOf, row.cases), position: row.position }));
    const patch = new KeptPatch(sets, settings);
    const { rows: moved } = await this.pool.query<{
      id: string;
      category: string | null;
      position: string;
      history: string;
    }>(
      'SELECT id, category, position, history::text AS history FROM rm_cases WHERE tenant = $1 AND position > $2 ORDER BY id',
      [tenant, patch.since],
    );
    for (const row of moved)
      patch.visit({ ...row, position: Number(row.position) } as MovedCase, JSON.parse(row.history) as CaseHistory);
    const patched = await patch.result(() => caseOrder(this.pool, tenant));
    for (const [i, kept] of patched.entries()) {
      if (kept !== sets[i].kept) await this.write(tenant, kept.asOf, kept.encode(), version);
      else
        await this.pool.query(
          'UPDATE kp_kept_snapshots SET position = $3 WHERE tenant = $1 AND as_of = $2 AND position < $3',
          [tenant, kept.asOf, version.position],
        );
    }
  }

  private async write(tenant: string, asOf: Date, cases: Buffer, version: KeptVersion): Promise<void> {
    const aggregate = keptAggregate(asOf, cases, version.timeZone);
    // Two keepers (two projectors) write the same snapshots for the same position; the later position wins.
    await this.pool.query(
      `INSERT INTO kp_kept_snapshots (tenant, as_of, generation, position, settings, cases, aggregate) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant, as_of) DO UPDATE SET generation = $3, position = $4, settings = $5, cases = $6, aggregate = $7, computed_at = now()
       WHERE kp_kept_snapshots.position <= $4 OR kp_kept_snapshots.generation <> $3 OR kp_kept_snapshots.settings <> $5`,
      [tenant, asOf, version.generation, version.position, version.fingerprint, cases, aggregate],
    );
  }
}
