import type { Pool } from 'pg';
import type { AggregateCaseMetrics, MetricsSettings } from '@koproduktiv/metrics';
import { KeptPatch, KeptSnapshots, readKeptRows, settingsFingerprint } from '../metric-snapshots';
import { CaseHistories } from './case-histories';

/** Where the read models are: store position and generation, and the tenant's own latest event in them. */
export interface ReadModelsAt {
  readonly position: number;
  readonly generation: number;
  readonly own: number;
}

/**
 * The API's side of the SnapshotKeeper: a tenant's kept snapshots as of some instants, brought up to
 * the read models by retaking the cases that moved since the keeper's last run (KeptPatch, histories
 * through the cache). So an answer from kept snapshots is the answer from every history at the same
 * read-model position, whether or not the keeper is behind.
 */
export class KeptSnapshotReader {
  constructor(
    private readonly pool: Pool,
    private readonly histories: CaseHistories,
  ) {}

  /**
   * For each instant, the kept snapshots (undefined where none are kept for these read models and
   * settings), with the aggregate of all of them where none had to be retaken.
   */
  async at(
    tenant: string,
    instants: readonly Date[],
    at: ReadModelsAt,
    settings: MetricsSettings,
  ): Promise<({ kept: KeptSnapshots; all?: AggregateCaseMetrics } | undefined)[]> {
    const { rows } = await readKeptRows(this.pool, tenant, instants);
    const fingerprint = settingsFingerprint(settings);
    const sets = instants.map((instant) => {
      const row = rows.find(
        (r) => r.asOf.getTime() === instant.getTime() && r.generation === at.generation && r.settings === fingerprint,
      );
      return (
        row && {
          kept: KeptSnapshots.decode(instant, row.cases),
          position: row.position,
          all: row.aggregate === null ? undefined : (JSON.parse(row.aggregate) as AggregateCaseMetrics),
        }
      );
    });
    const answer = (set: (typeof sets)[number], kept = set?.kept) =>
      set && kept && { kept, ...(kept === set.kept && set.all ? { all: set.all } : {}) };
    const stale = sets.flatMap((set) => (set && set.position < at.own ? [set] : []));
    if (!stale.length) return sets.map((set) => answer(set));
    const patch = new KeptPatch(stale, settings);
    const { rows: moved } = await this.pool.query<{ id: string; category: string | null; position: string }>(
      'SELECT id, category, position FROM rm_cases WHERE tenant = $1 AND position > $2 ORDER BY id',
      [tenant, patch.since],
    );
    await this.histories.eachOfRows(tenant, moved, at.position, (history, i) =>
      patch.visit({ ...moved[i], position: Number(moved[i].position) }, history),
    );
    const patched = await patch.result(async () =>
      (
        await this.pool.query<{ id: string }>('SELECT id FROM rm_cases WHERE tenant = $1 ORDER BY id', [tenant])
      ).rows.map((row) => row.id),
    );
    return sets.map((set) => {
      const index = set ? stale.indexOf(set) : -1;
      return answer(set, index < 0 ? set?.kept : patched[index]);
    });
  }
}
