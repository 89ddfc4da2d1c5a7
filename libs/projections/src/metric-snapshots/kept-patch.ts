import { CaseHistory, MetricsSettings, msOf, snapshotOrLeftOut, Timed } from '@koproduktiv/metrics';
import { KeptCase, KeptSnapshots } from './kept-snapshots';

/** A case row that moved since kept snapshots were taken. */
export interface MovedCase {
  readonly id: string;
  readonly category: string | null;
  readonly position: number;
}

/** Whether the history gained an entry at or before T after store position `since`. */
const gainedUpTo = (history: CaseHistory, since: number, t: number): boolean => {
  for (const value of Object.values(history)) {
    const entries = Array.isArray(value) ? value : value !== null && typeof value === 'object' ? [value] : [];
    for (const entry of entries as Timed[]) if (entry.pos > since && msOf(entry) <= t) return true;
  }
  return false;
};

/**
 * Brings kept snapshots (each taken from the case rows up to its own position) up to the read model:
 * every case row that moved since is visited once, and retaken as of each T whose history as of T it
 * changed. Histories only ever gain entries (each with its store position), so a case that gained
 * none at or before T since has the same snapshot as of T; a case new to a set is always taken.
 */
export class KeptPatch {
  private readonly changes: KeptCase[][];
  private readonly known: Set<string>[];

  constructor(
    private readonly sets: readonly { readonly kept: KeptSnapshots; readonly position: number }[],
    private readonly settings: MetricsSettings,
  ) {
    this.changes = sets.map(() => []);
    this.known = sets.map(({ kept }) => new Set(kept.ids()));
  }

  /** The lowest position of the sets: rows moved after it are to be visited. */
  get since(): number {
    return Math.min(...this.sets.map((set) => set.position));
  }

  visit(row: MovedCase, history: CaseHistory): void {
    this.sets.forEach(({ kept, position }, i) => {
      if (row.position <= position) return;
      if (this.known[i].has(row.id) && !gainedUpTo(history, position, kept.asOf.getTime())) return;
      this.changes[i].push({
        id: row.id,
        category: row.category,
        taken: snapshotOrLeftOut(history, kept.asOf, this.settings),
      });
    });
  }

  /** The sets brought up to date (the same object where nothing changed); `order` is asked only for new cases. */
  async result(order: () => Promise<string[]>): Promise<KeptSnapshots[]> {
    const added = this.changes.some((changes, i) => changes.some((change) => !this.known[i].has(change.id)));
    const ids = added ? await order() : undefined;
    return this.sets.map(({ kept }, i) => kept.withCases(this.changes[i], ids));
  }
}
