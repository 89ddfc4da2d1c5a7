import { DomainEvent, eventCatalog, isDomainEventType } from '@koproduktiv/domain';
import type { ReplayedEvent } from '@koproduktiv/event-store';
import { decodeWithoutPersonalData } from '@koproduktiv/personal-data';
import { fundEntryFields } from '@koproduktiv/metrics';
import type { CaseDocument } from './case-document';
import { applyToFund, applyToInitiative, applyToUnit, newFund, newInitiative, newUnit } from './registry-documents';
import type { ReadModelTable } from './schema';

/**
 * What the live projection (a batch at a time) and the rebuild (the whole store in one pass) share:
 * which rows an event changes, and the columns of the rows they write.
 */
export const READ_MODELS_PROCESSOR = 'read-models';

/** The checkpoint name of one generation's read models. */
export const readModelsProcessorName = (generation: number) => `${READ_MODELS_PROCESSOR}@g${generation}`;

export type Target = { table: ReadModelTable; tenant: string; id: string };

export interface Relevant {
  readonly event: ReplayedEvent;
  readonly domainEvent: DomainEvent;
  readonly targets: readonly Target[];
}

/** The events of a batch the read models know, each with the rows it changes. */
export function relevantEvents(batch: readonly ReplayedEvent[]): Relevant[] {
  return batch.map(relevantEvent).filter((relevant) => relevant !== undefined);
}

/** An event with the rows it changes; undefined for an event the read models do not know. */
export function relevantEvent(event: ReplayedEvent): Relevant | undefined {
  if (!isDomainEventType(event.type)) return undefined;
  const domainEvent = decodeWithoutPersonalData(event);
  return { event, domainEvent, targets: targetsOf(event, domainEvent) };
}

/**
 * Fund events that move the row of the case they name: the decision (the case file shows it, the
 * case history keeps it) and what ends a proof of use the worklist lists (a review, a settlement),
 * so that the worklist index reads the case again (WorklistIndex).
 */
const CASE_ROW_FUND_EVENTS: ReadonlySet<string> = new Set([
  'GrantAwarded',
  'ApplicationRejected',
  'ProofOfUseReviewed',
  'ApplicationSettled',
]);

/** Which read-model rows an event changes. */
function targetsOf(event: ReplayedEvent, domainEvent: DomainEvent): Target[] {
  const data = domainEvent.data as { caseId?: string; unitId?: string; fundId?: string; initiativeId?: string };
  const at = (table: ReadModelTable, id: string | undefined): Target[] =>
    id ? [{ table, tenant: event.tenant, id }] : [];
  switch (eventCatalog[domainEvent.type]) {
    case 'case':
      return at('rm_cases', data.caseId);
    case 'fund':
      return [
        ...at('rm_funds', data.fundId),
        ...(CASE_ROW_FUND_EVENTS.has(domainEvent.type) ? at('rm_cases', data.caseId) : []),
      ];
    case 'initiative':
      return at('rm_initiatives', data.initiativeId);
    case 'unit':
      return at('rm_units', data.unitId);
  }
}

export function newRegistryDocument(table: Exclude<ReadModelTable, 'rm_cases'>, id: string) {
  if (table === 'rm_initiatives') return newInitiative(id);
  if (table === 'rm_units') return newUnit(id);
  return newFund(id);
}

/** Applies an event to an initiative's, unit's or fund's document (a fund's procedure events: fundEventRow). */
export function applyToRegistryDocument(
  table: Exclude<ReadModelTable, 'rm_cases'>,
  doc: unknown,
  { event, domainEvent }: Pick<Relevant, 'event' | 'domainEvent'>,
): void {
  const at = () => event.occurredAt.toISOString();
  if (table === 'rm_initiatives') applyToInitiative(doc as never, domainEvent, at(), event.position);
  if (table === 'rm_units') applyToUnit(doc as never, domainEvent, at(), event.position);
  if (table === 'rm_funds') applyToFund(doc as never, domainEvent);
}

/** The filter columns of rm_cases besides tenant, id, doc, history and position. */
export const CASE_COLUMNS = {
  initiative_id: 'text',
  unit_id: 'text',
  category: 'text',
  stage: 'text',
  open: 'boolean',
  submitted_at: 'timestamptz',
  last_contact_at: 'timestamptz',
} as const;

export const caseColumns = (doc: CaseDocument) => ({
  initiative_id: doc.initiativeId,
  unit_id: doc.unitId,
  category: doc.category,
  stage: doc.stage,
  open: doc.status === 'open',
  submitted_at: doc.submittedAt,
  last_contact_at: doc.lastContactAt,
});

export const STAFF_TIME_COLUMNS = {
  tenant: 'text',
  unit_id: 'text',
  pos: 'bigint',
  at: 'timestamptz',
  hours: 'numeric',
} as const;

/** The rm_unit_staff_time row of a StaffTimeLogged event; undefined for any other event. */
export function staffTimeRow({ event, domainEvent }: Relevant) {
  if (domainEvent.type !== 'StaffTimeLogged') return undefined;
  return {
    tenant: event.tenant,
    unit_id: domainEvent.data.unitId,
    pos: event.position,
    at: event.occurredAt.toISOString(),
    hours: domainEvent.data.hours,
  };
}

export const FUND_EVENT_COLUMNS = {
  tenant: 'text',
  fund_id: 'text',
  pos: 'bigint',
  at: 'timestamptz',
  entry: 'jsonb',
} as const;

/**
 * The rm_fund_events row of an event of a fund's grant procedure (ids, amounts, dates and outcomes:
 * no text a person wrote); undefined for any other event. The fund's statement and metrics are
 * computed from these rows as of any T (libs/metrics fundStatement).
 */
export function fundEventRow({ event, domainEvent }: Pick<Relevant, 'event' | 'domainEvent'>) {
  if (eventCatalog[domainEvent.type] !== 'fund') return undefined;
  const fundId = (domainEvent.data as { fundId?: unknown }).fundId;
  const entry = fundEntryFields(domainEvent.type, domainEvent.data);
  if (typeof fundId !== 'string' || !entry) return undefined;
  return {
    tenant: event.tenant,
    fund_id: fundId,
    pos: event.position,
    at: event.occurredAt.toISOString(),
    entry,
  };
}
