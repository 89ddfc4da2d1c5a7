import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CaseOutcome, CaseStage } from '@koproduktiv/domain';
import {
  CaseSnapshot,
  CaseSnapshots,
  CommitmentCounts,
  LEVELS,
  PROMISORS,
  TakenSnapshot,
  Uninterpretable,
} from '@koproduktiv/metrics';

const COUNTS = ['kept', 'late', 'broken', 'overdue', 'open'] as const satisfies readonly (keyof CommitmentCounts)[];
const NONE = 0;
const SNAPSHOT = 1;
const LEFT_OUT = 2;

/** One case as the read model has it (id, category) and as a snapshot as of T took it. */
export interface KeptCase {
  readonly id: string;
  /** rm_cases.category: what a category filter selects by. */
  readonly category: string | null;
  readonly taken: TakenSnapshot;
}

/** Numbers in a Float64Array (exact), strings once in a table; null is NaN (no metric is ever NaN). */
class Writer {
  private buffer = new Float64Array(1024);
  length = 0;
  private readonly strings = new Map<string, number>();
  readonly extra: unknown[] = [];

  private push(value: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Float64Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = value;
  }
  num(value: number | null): void {
    if (Number.isNaN(value)) throw new Error('a kept snapshot cannot hold NaN');
    this.push(value === null ? NaN : value);
  }
  bool(value: boolean | null): void {
    this.push(value === null ? NaN : value ? 1 : 0);
  }
  str(value: string | null): void {
    if (value === null) return this.push(-1);
    let index = this.strings.get(value);
    if (index === undefined) this.strings.set(value, (index = this.strings.size));
    this.push(index);
  }
  json(value: unknown): void {
    this.push(this.extra.push(value) - 1);
  }
  table(): string[] {
    return [...this.strings.keys()];
  }
  numbers(): Float64Array {
    return this.buffer.subarray(0, this.length);
  }
}

/**
 * Encodes kept cases one at a time, so that a set is never held as objects while it is taken (a
 * case costs some 40 float64 here, against a kilobyte as a snapshot object).
 */
export class KeptSnapshotsEncoder {
  private readonly w = new Writer();
  private readonly starts: number[] = [];

  add(id: string, category: string | null, taken: TakenSnapshot): void {
    const w = this.w;
    this.starts.push(w.length);
    w.str(id);
    w.str(category);
    if ('leftOut' in taken) {
      w.num(LEFT_OUT);
      w.json(taken.leftOut);
    } else if (taken.snapshot === null) w.num(NONE);
    else {
      w.num(SNAPSHOT);
      writeSnapshot(w, taken.snapshot);
    }
  }

  encode(): Buffer {
    const header = Buffer.from(
      JSON.stringify({ v: 1, strings: this.w.table(), extra: this.w.extra, cases: this.starts.length }),
    );
    const length = Buffer.alloc(4);
    length.writeUInt32LE(header.length);
    const padding = Buffer.alloc((8 - ((4 + header.length) % 8)) % 8);
    const numbers = this.w.numbers();
    return deflateRawSync(
      Buffer.concat([
        length,
        header,
        padding,
        Buffer.from(Float64Array.from(this.starts).buffer),
        Buffer.from(numbers.buffer, numbers.byteOffset, numbers.byteLength),
      ]),
      { level: 1 },
    );
  }
}

class Reader {
  constructor(
    private readonly numbers: Float64Array,
    private readonly strings: readonly string[],
    private readonly extra: readonly unknown[],
    private at: number,
  ) {}
  num(): number | null {
    const value = this.numbers[this.at++];
    return Number.isNaN(value) ? null : value;
  }
  bool(): boolean | null {
    const value = this.num();
    return value === null ? null : value === 1;
  }
  str(): string | null {
    const index = this.numbers[this.at++];
    return index === -1 ? null : this.strings[index];
  }
  /** A value of the JSON part, or undefined where none was written. */
  json<T>(): T | undefined {
    const index = this.numbers[this.at++];
    return index === -1 ? undefined : (this.extra[index] as T);
  }
}

function writeSnapshot(w: Writer, { facts, metrics }: CaseSnapshot): void {
  w.str(facts.caseId);
  w.str(facts.initiativeId);
  w.str(facts.category);
  w.str(facts.submittedAt);
  w.str(facts.status);
  w.str(facts.outcome);
  w.str(facts.stage);
  w.str(facts.unitId);
  w.num(facts.fundingDecisionDays.length);
  for (const days of facts.fundingDecisionDays) w.num(days);
  w.str(facts.asOf);
  w.bool(metrics.dormant);
  w.bool(metrics.waiting);
  w.num(metrics.daysToInstitutionalisation);
  w.num(metrics.daysToFirstResponse);
  w.bool(metrics.respondedWithinTarget);
  for (const party of PROMISORS) for (const count of COUNTS) w.num(metrics.commitments[party][count]);
  for (const level of LEVELS) w.num(metrics.participation[level]);
  w.num(metrics.trustIndex);
  w.num(metrics.continuityIndex);
  if (metrics.uninterpretable.length) w.json(metrics.uninterpretable);
  else w.num(-1);
}

function readSnapshot(r: Reader): CaseSnapshot {
  const caseId = r.str();
  const initiativeId = r.str() as string;
  const category = r.str() as string;
  const submittedAt = r.str() as string;
  const status = r.str() as 'open' | 'closed';
  const outcome = r.str() as CaseOutcome | null;
  const stage = r.str() as CaseStage;
  const unitId = r.str();
  const fundingDecisionDays = Array.from({ length: r.num() as number }, () => r.num() as number);
  const asOf = r.str() as string;
  const facts = {
    caseId,
    initiativeId,
    category,
    submittedAt,
    status,
    outcome,
    stage,
    unitId,
    fundingDecisionDays,
    asOf,
  };
  const dormant = r.bool() as boolean;
  const waiting = r.bool() as boolean;
  const daysToInstitutionalisation = r.num();
  const daysToFirstResponse = r.num();
  const respondedWithinTarget = r.bool();
  // Spelled out in COUNTS' and LEVELS' order (as written): a literal is several times faster to make than fromEntries.
  const counts = (): CommitmentCounts => ({
    kept: r.num() as number,
    late: r.num() as number,
    broken: r.num() as number,
    overdue: r.num() as number,
    open: r.num() as number,
  });
  const administration = counts();
  const initiative = counts();
  const participation = {
    inform: r.num() as number,
    consult: r.num() as number,
    involve: r.num() as number,
    collaborate: r.num() as number,
    empower: r.num() as number,
  };
  const trustIndex = r.num();
  const continuityIndex = r.num();
  const uninterpretable = r.json<Uninterpretable[]>() ?? [];
  return {
    facts,
    metrics: {
      dormant,
      waiting,
      daysToInstitutionalisation,
      daysToFirstResponse,
      respondedWithinTarget,
      commitments: { administration, initiative },
      participation,
      trustIndex,
      continuityIndex,
      uninterpretable,
    },
  };
}

interface Source {
  readonly numbers: Float64Array;
  readonly strings: readonly string[];
  readonly extra: readonly unknown[];
}

/** A case of a decoded set, its snapshot still encoded (most questions decode each case once, some never). */
interface Stored {
  readonly id: string;
  readonly category: string | null;
  readonly offset: number;
}

type Entry = KeptCase | Stored;

/**
 * What CaseSnapshots takes of every case of a tenant as of one T, in the read model's case order,
 * kept so that a question as of T needs no case history: the same events give the same snapshots,
 * so aggregating kept ones gives exactly what aggregating fresh ones gives. Stored compactly (about
 * 35 numbers a case, exact as float64, strings once; deflated); a case's snapshot is decoded when a
 * question takes it.
 */
export class KeptSnapshots {
  private constructor(
    readonly asOf: Date,
    private readonly entries: readonly Entry[],
    private readonly source?: Source,
  ) {}

  static of(asOf: Date, cases: readonly KeptCase[]): KeptSnapshots {
    return new KeptSnapshots(asOf, cases);
  }

  get size(): number {
    return this.entries.length;
  }

  /** The case ids in order. */
  ids(): string[] {
    return this.entries.map((entry) => entry.id);
  }

  taken(index: number): TakenSnapshot {
    const entry = this.entries[index];
    return 'taken' in entry ? entry.taken : this.decodeTaken(entry.offset);
  }

  /** The ids of the cases submitted by T (with a snapshot), in order, without decoding their snapshots. */
  submittedIds(): string[] {
    return this.entries.flatMap((entry) => {
      const submitted =
        'taken' in entry
          ? 'snapshot' in entry.taken && entry.taken.snapshot !== null
          : (this.source as Source).numbers[entry.offset] === SNAPSHOT;
      return submitted ? [entry.id] : [];
    });
  }

  /** The cases (of `category`, if given) as a CaseSnapshots of T: what aggregates are computed from. */
  select(category?: string): CaseSnapshots {
    const selected = new CaseSnapshots(this.asOf);
    this.entries.forEach((entry, index) => {
      if (category === undefined || entry.category === category) selected.push(this.taken(index));
    });
    return selected;
  }

  /**
   * A set with `changed` cases replacing those of the same id. New ids need `order`, every id of the
   * read model in its order (the order aggregates sum in); without new ids it may be left out.
   */
  withCases(changed: readonly KeptCase[], order?: readonly string[]): KeptSnapshots {
    if (!changed.length) return this;
    const byId = new Map(changed.map((entry) => [entry.id, entry]));
    const known = new Set(this.entries.map((entry) => entry.id));
    const added = changed.filter((entry) => !known.has(entry.id));
    const kept = this.entries.map((entry) => byId.get(entry.id) ?? entry);
    if (!added.length) return new KeptSnapshots(this.asOf, kept, this.source);
    if (!order) throw new Error("new cases need the read model's order of case ids");
    const all = new Map<string, Entry>(kept.map((entry) => [entry.id, entry]));
    for (const entry of added) all.set(entry.id, entry);
    return new KeptSnapshots(
      this.asOf,
      order.flatMap((id) => all.get(id) ?? []),
      this.source,
    );
  }

  encode(): Buffer {
    const encoder = new KeptSnapshotsEncoder();
    this.entries.forEach((entry, index) => encoder.add(entry.id, entry.category, this.taken(index)));
    return encoder.encode();
  }

  static decode(asOf: Date, stored: Buffer): KeptSnapshots {
    const raw = inflateRawSync(stored);
    const headerLength = raw.readUInt32LE(0);
    const header = JSON.parse(raw.subarray(4, 4 + headerLength).toString('utf8')) as {
      v: 1;
      strings: string[];
      extra: unknown[];
      cases: number;
    };
    if (header.v !== 1) throw new Error(`kept snapshots of an unknown format ${String(header.v)}`);
    const from = 4 + headerLength + ((8 - ((4 + headerLength) % 8)) % 8);
    const bytes = raw.buffer.slice(raw.byteOffset + from, raw.byteOffset + raw.length);
    const source = { numbers: new Float64Array(bytes), strings: header.strings, extra: header.extra };
    const entries: Stored[] = [];
    for (let i = 0; i < header.cases; i++) {
      const offset = source.numbers[i] + header.cases;
      const r = new Reader(source.numbers, source.strings, source.extra, offset);
      entries.push({ id: r.str() as string, category: r.str(), offset: offset + 2 });
    }
    return new KeptSnapshots(asOf, entries, source);
  }

  private decodeTaken(offset: number): TakenSnapshot {
    const { numbers, strings, extra } = this.source as Source;
    const r = new Reader(numbers, strings, extra, offset);
    const kind = r.num();
    if (kind === LEFT_OUT) return { leftOut: r.json<Uninterpretable>() as Uninterpretable };
    return { snapshot: kind === SNAPSHOT ? readSnapshot(r) : null };
  }
}
