import { aggregateReporting, CaseHistory, filterCases, MetricsSettings, snapshotOrLeftOut } from '@koproduktiv/metrics';
import { KeptSnapshots, KeptSnapshotsEncoder } from './kept-snapshots';

/** A case row of the read model as of T, added to the kept set of T as the keeper takes it from its history. */
export const takeKeptCase = (
  encoder: KeptSnapshotsEncoder,
  row: { readonly id: string; readonly category: string | null; readonly history: CaseHistory },
  asOf: Date,
  settings: MetricsSettings,
): void => encoder.add(row.id, row.category, snapshotOrLeftOut(row.history, asOf, settings));

/**
 * The aggregate of every case of an encoded kept set (JSON), stored beside it: the unfiltered
 * question's answer, computed as ReadModelQueries computes it from fresh snapshots.
 */
export const keptAggregate = (asOf: Date, cases: Buffer, timeZone: string): string => {
  const all = KeptSnapshots.decode(asOf, cases).select();
  return JSON.stringify(aggregateReporting(filterCases(all.snapshots, {}, timeZone), all.leftOut));
};
