import {
  DataSubjectKind,
  dataSubjectIdOf,
  DomainEvent,
  ERASURE_EVENTS,
  isDomainEventType,
  personalDataOf,
} from '@koproduktiv/domain';
import type { ActiveDataKey, DataKeyLookup, DataKeyStore } from '../keys/data-key-store';
import {
  associatedData,
  erasedField,
  isSealedField,
  openField,
  SealedField,
  sealField,
  UNREADABLE,
  WITHHELD,
} from './sealed-field';
import { upcast, UPCASTERS, Upcasters } from './upcasters';
import { SealingTurn } from './sealing-turn';

/** An event as the store keeps it: what the codec needs of a RecordedEvent or a row. */
export interface StoredEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: Readonly<Record<string, unknown>>;
}

type Data = Readonly<Record<string, unknown>>;

/**
 * The one place where domain events become stored data and back. Personal-data fields (the domain's
 * PERSONAL_DATA) are sealed with the data subject's key on the way in and opened on the way out,
 * where an erased field reads as {erased, erasedAt}; older schema versions are upcast. Hashes are
 * taken by the store over the sealed form, so chains verify whether or not a key still exists.
 */
export class EventCodec {
  constructor(
    private readonly keys: DataKeyStore,
    private readonly upcasters: Upcasters = UPCASTERS,
    private readonly turn: SealingTurn = new SealingTurn(),
  ) {}

  /**
   * The data to store for each event. An erasure event destroys its subject's keys here, before it
   * is stored: once the event exists, nothing it erases can be read (a failed append leaves the data
   * erased without the event; the client's retry appends it).
   */
  async encode(tenant: string, events: readonly DomainEvent[], at: Date): Promise<Data[]> {
    const stored: Promise<Data>[] = [];
    for (const event of events) {
      const erases: DataSubjectKind | undefined = (ERASURE_EVENTS as Record<string, DataSubjectKind>)[event.type];
      if (erases) await this.keys.destroy(tenant, { kind: erases, id: dataSubjectIdOf(erases, event.data) }, at);
      stored.push(Promise.resolve(this.seal(tenant, event)));
    }
    return Promise.all(stored);
  }

  /** With keys: personal data in clear, or the erased placeholder. One key lookup for all the events. */
  async decode<E extends StoredEvent>(tenant: string, events: readonly E[]): Promise<(E & { data: Data })[]> {
    const keyIds = new Set<string>();
    for (const event of events) forEachSealed(event, (_field, sealed) => keyIds.add(sealed.$sealed.kid));
    const keys = await this.keys.lookup(tenant, [...keyIds]);
    return events.map((event) => ({ ...event, data: this.open(tenant, event, keys) }));
  }

  /** The data as it is, or a promise of it with its personal-data fields sealed (with the rest of the turn's). */
  private seal(tenant: string, event: DomainEvent): Data | Promise<Data> {
    const spec = personalDataOf(event.type);
    const data = event.data as Data;
    if (!spec || !spec.fields.some((field) => data[field] !== undefined)) return data;
    const active = this.keys.activeKey(tenant, { kind: spec.subject, id: dataSubjectIdOf(spec.subject, data) });
    const sealWith = ({ keyId, key }: ActiveDataKey): Data => {
      const sealed: Record<string, unknown> = { ...data };
      for (const field of spec.fields) {
        if (data[field] !== undefined)
          sealed[field] = sealField(key, keyId, data[field], associatedData(tenant, event.type, field, keyId));
      }
      return sealed;
    };
    return active instanceof Promise
      ? active.then((key) => this.turn.run(() => sealWith(key)))
      : this.turn.run(() => sealWith(active));
  }

  private open(tenant: string, event: StoredEvent, keys: Map<string, DataKeyLookup>): Data {
    const opened: Record<string, unknown> = { ...event.data };
    forEachSealed(event, (field, sealed) => {
      const found = keys.get(sealed.$sealed.kid);
      opened[field] = !found
        ? UNREADABLE
        : 'destroyedAt' in found
          ? erasedField(found.destroyedAt)
          : openField(found.key, sealed, associatedData(tenant, event.type, field, sealed.$sealed.kid));
    });
    return isDomainEventType(event.type) ? upcast(this.upcasters, event.type, event.schemaVersion, opened) : opened;
  }
}

/**
 * Without keys, for deciders and read models, which never read personal data: each personal field
 * that holds a value reads as {withheld: true}. Pure and synchronous, so projections pay no lookup.
 */
export function decodeWithoutPersonalData(event: StoredEvent, upcasters: Upcasters = UPCASTERS): DomainEvent {
  const spec = personalDataOf(event.type);
  let data = event.data;
  if (spec) {
    const withheld: Record<string, unknown> = { ...data };
    for (const field of spec.fields) if (data[field] !== undefined) withheld[field] = WITHHELD;
    data = withheld;
  }
  return {
    type: event.type,
    data: isDomainEventType(event.type) ? upcast(upcasters, event.type, event.schemaVersion, data) : data,
  } as DomainEvent;
}

function forEachSealed(event: StoredEvent, visit: (field: string, sealed: SealedField) => void): void {
  const spec = personalDataOf(event.type);
  if (!spec) return;
  for (const field of spec.fields) {
    const value = event.data[field];
    if (isSealedField(value)) visit(field, value);
  }
}
