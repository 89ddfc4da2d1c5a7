import { CaseHistory, isoMs } from '@koproduktiv/metrics';

/**
 * Strings many histories repeat (unit and staff references, participation levels, stages, dates),
 * kept once: JSON.parse makes a new copy of every string value, and a unit's id in ten thousand
 * histories would otherwise take ten thousand copies. Bounded: past `limit` distinct strings it
 * starts afresh (strings already handed out stay with the histories that hold them).
 */
export class StringPool {
  private readonly strings = new Map<string, string>();
  /** Estimated bytes of the strings this pool took in that it did not have yet. */
  addedBytes = 0;

  constructor(private readonly limit = 100_000) {}

  share(value: string): string {
    const found = this.strings.get(value);
    if (found !== undefined) return found;
    if (this.strings.size >= this.limit) this.strings.clear();
    this.strings.set(value, value);
    this.addedBytes += STRING_BYTES + value.length;
    return value;
  }
}

/**
 * A case history packed for the cache: every number, and every string as an index into the
 * history's own list of distinct strings, in one Float64Array; the objects' keys and value types
 * are shapes shared by all histories. So a cached history is three objects to the garbage
 * collector, where the parsed history was thousands: a full cache of parsed histories made every
 * major collection mark millions of objects, tens of ms in all, which the slowest requests waited
 * for. Unpacking is about as fast as computing the metrics, and much faster than JSON.parse; each
 * question gets objects of its own.
 */
export interface PackedHistory {
  readonly values: Float64Array;
  readonly strings: readonly string[];
  /** Estimated heap taken (the strings the pool shares are counted once, by the history that brought them). */
  readonly bytes: number;
}

const NUMBER = 0;
const STRING = 1;
const TRUE = 2;
const FALSE = 3;
const NULL = 4;
const OBJECT = 5;
const ARRAY = 6;

interface Shape {
  readonly keys: readonly string[];
  readonly types: readonly number[];
}

// 64-bit V8 without pointer compression (Node's default). For the 10 000 histories of bench/projections.ts:
// 70 MB estimated, 74 MB measured.
const ARRAY_BYTES = 48;
const FIELD_BYTES = 8;
const STRING_BYTES = 24;
const PACKED_BYTES = 200;

/**
 * Packs and unpacks histories, any JSON in fact: the histories' lists, entries and the submission.
 * One per cache, as the shapes it learns are only meaningful to it. Times stored as ISO text
 * (`at`) are packed as epoch ms, so metrics never parse a time again (Timed allows both).
 */
export class HistoryPacker {
  private readonly shapes: Shape[] = [];
  private readonly shapeTree: ShapeNode = { id: -1, next: new Map() };
  readonly strings = new StringPool();

  pack(json: string): PackedHistory {
    const added = this.strings.addedBytes;
    const values: number[] = [];
    const strings: string[] = [];
    const stringIds = new Map<string, number>();
    const stringId = (value: string): number => {
      let id = stringIds.get(value);
      if (id === undefined) {
        id = strings.push(this.strings.share(value)) - 1;
        stringIds.set(value, id);
      }
      return id;
    };
    const write = (value: unknown, type: number): void => {
      if (type === NUMBER) values.push(value as number);
      else if (type === STRING) values.push(stringId(value as string));
      else if (type === OBJECT) writeObject(value as Record<string, unknown>);
      else if (type === ARRAY) {
        const items = value as unknown[];
        values.push(items.length);
        for (const item of items) {
          const itemType = typeOf(item);
          values.push(itemType);
          write(item, itemType);
        }
      }
    };
    const writeObject = (object: Record<string, unknown>): void => {
      const keys = Object.keys(object);
      const fields: unknown[] = [];
      const types: number[] = [];
      for (const key of keys) {
        const field = key === 'at' && typeof object.at === 'string' ? isoMs(object.at) : object[key];
        fields.push(field);
        types.push(typeOf(field));
      }
      values.push(this.shapeId(keys, types));
      for (let i = 0; i < fields.length; i++) write(fields[i], types[i]);
    };
    write(JSON.parse(json), OBJECT);
    const packed = new Float64Array(values);
    const bytes =
      PACKED_BYTES + packed.byteLength + ARRAY_BYTES + FIELD_BYTES * strings.length + this.strings.addedBytes - added;
    return { values: packed, strings, bytes };
  }

  unpack(packed: PackedHistory): CaseHistory {
    const { values, strings } = packed;
    let at = 0;
    const read = (type: number): unknown => {
      switch (type) {
        case NUMBER:
          return values[at++];
        case STRING:
          return strings[values[at++]];
        case TRUE:
          return true;
        case FALSE:
          return false;
        case NULL:
          return null;
        case OBJECT: {
          const { keys, types } = this.shapes[values[at++]];
          const object: Record<string, unknown> = {};
          for (let i = 0; i < keys.length; i++) object[keys[i]] = read(types[i]);
          return object;
        }
        default: {
          const items = new Array<unknown>(values[at++]);
          for (let i = 0; i < items.length; i++) items[i] = read(values[at++]);
          return items;
        }
      }
    };
    return read(OBJECT) as CaseHistory;
  }

  /** Shapes are found along a tree of keys and types: no key string is built per object. */
  private shapeId(keys: readonly string[], types: readonly number[]): number {
    let node = this.shapeTree;
    for (let i = 0; i < keys.length; i++) {
      let byType = node.next.get(keys[i]);
      if (!byType) node.next.set(keys[i], (byType = []));
      node = byType[types[i]] ??= { id: -1, next: new Map() };
    }
    if (node.id < 0) node.id = this.shapes.push({ keys, types }) - 1;
    return node.id;
  }
}

interface ShapeNode {
  id: number;
  readonly next: Map<string, ShapeNode[]>;
}

const typeOf = (value: unknown): number => {
  if (typeof value === 'number') return NUMBER;
  if (typeof value === 'string') return STRING;
  if (value === true) return TRUE;
  if (value === false) return FALSE;
  if (value === null || value === undefined) return NULL;
  return Array.isArray(value) ? ARRAY : OBJECT;
};
