import { schemaVersionOf } from '@koproduktiv/domain';

/** Turns the data of an event type at schema version n into version n + 1. */
export type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** Upcasters by event type, then by the version they start from. */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

export const UPCASTERS: Upcasters = {
  /** Awards made before the grant procedure had no proof date: null says none was set. */
  GrantAwarded: { 1: (data) => ({ ...data, proofDueOn: null }) },
};

export class UnknownSchemaVersionError extends Error {
  override readonly name = 'UnknownSchemaVersionError';
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
  ) {
    super(
      `${type} at schema version ${schemaVersion}: this version of Koproduktiv reads up to ${schemaVersionOf(type)} and has no upcaster for it`,
    );
  }
}

export function upcast(
  upcasters: Upcasters,
  type: string,
  schemaVersion: number,
  data: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const latest = schemaVersionOf(type);
  let version = schemaVersion;
  let upcast = data;
  while (version < latest) {
    const step = upcasters[type]?.[version];
    if (!step) throw new UnknownSchemaVersionError(type, schemaVersion);
    upcast = step(upcast);
    version += 1;
  }
  if (version > latest) throw new UnknownSchemaVersionError(type, schemaVersion);
  return upcast;
}
