import { EVENT_SCHEMA_VERSION } from '@koproduktiv/domain';

/** Turns the data of an event type at schema version n into version n + 1. */
export type Upcaster = (data: Readonly<Record<string, unknown>>) => Record<string, unknown>;

/** Upcasters by event type, then by the version they start from. Every event type is at version 1 so far. */
export type Upcasters = Readonly<Record<string, Readonly<Record<number, Upcaster>>>>;

export const UPCASTERS: Upcasters = {};

export class UnknownSchemaVersionError extends Error {
  override readonly name = 'UnknownSchemaVersionError';
  constructor(
    readonly type: string,
    readonly schemaVersion: number,
  ) {
    super(
      `${type} at schema version ${schemaVersion}: this version of Koproduktiv reads up to ${EVENT_SCHEMA_VERSION} and has no upcaster for it`,
    );
  }
}

export function upcast(
  upcasters: Upcasters,
  type: string,
  schemaVersion: number,
  data: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  let version = schemaVersion;
  let current = data;
  while (version < EVENT_SCHEMA_VERSION) {
    const step = upcasters[type]?.[version];
    if (!step) throw new UnknownSchemaVersionError(type, schemaVersion);
    current = step(current);
    version += 1;
  }
  if (version > EVENT_SCHEMA_VERSION) throw new UnknownSchemaVersionError(type, schemaVersion);
  return current;
}
