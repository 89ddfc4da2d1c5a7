import { carriesPersonalData, type DomainEvent } from '@koproduktiv/domain';
import { emptyUnitHistory, foldUnitEvent, UnitHistory } from '@koproduktiv/metrics';

/** An initiative as analysts see it: the contact (personal data) is never stored here. */
export interface InitiativeDocument {
  initiativeId: string;
  name: string | null;
  kind: string | null;
  district: string | null;
  /** When it dissolved; the reason given is personal data and stays in the event. */
  dissolved: { at: string } | null;
  /** When its personal data was erased, null while personal data given since is held. */
  personalDataErasedAt: string | null;
  memberReports: { at: string; pos: number; activeMembers: number }[];
}

export interface UnitDocument {
  unitId: string;
  name: string | null;
  isContactPoint: boolean;
  /** Every StaffTimeBudgetSet with its business time, so budgets can be read as of any date. Logged hours are rows of rm_unit_staff_time. */
  budgets: UnitHistory;
}

export interface FundDocument {
  fundId: string;
  name: string | null;
  year: number | null;
  budgetCents: number;
  awardedCents: number;
  disbursedCents: number;
}

/** A decided application of a fund (a row of rm_fund_applications). */
export interface FundApplicationRow {
  tenant: string;
  fund_id: string;
  application_id: string;
  case_id: string;
  status: 'awarded' | 'rejected';
  awarded_cents: number;
  disbursed_cents: number;
  decided_at: string;
  position: number;
}

export const newInitiative = (initiativeId: string): InitiativeDocument => ({
  initiativeId,
  name: null,
  kind: null,
  district: null,
  dissolved: null,
  personalDataErasedAt: null,
  memberReports: [],
});
export const newUnit = (unitId: string): UnitDocument => ({
  unitId,
  name: null,
  isContactPoint: false,
  budgets: emptyUnitHistory(unitId),
});
export const newFund = (fundId: string): FundDocument => ({
  fundId,
  name: null,
  year: null,
  budgetCents: 0,
  awardedCents: 0,
  disbursedCents: 0,
});

export function applyToInitiative(doc: InitiativeDocument, event: DomainEvent, at: string, pos: number): void {
  if (carriesPersonalData(event)) doc.personalDataErasedAt = null;
  switch (event.type) {
    case 'InitiativeRegistered':
      Object.assign(doc, { name: event.data.name, kind: event.data.kind, district: event.data.district ?? null });
      break;
    case 'InitiativeProfileUpdated':
      if (event.data.name !== undefined) doc.name = event.data.name;
      if (event.data.kind !== undefined) doc.kind = event.data.kind;
      if (event.data.district !== undefined) doc.district = event.data.district;
      break;
    case 'ActiveMembersReported':
      if (!doc.memberReports.some((report) => report.pos === pos))
        doc.memberReports.push({ at, pos, activeMembers: event.data.activeMembers });
      break;
    case 'InitiativeDissolved':
      doc.dissolved = { at };
      break;
    case 'InitiativeContactErased':
      doc.personalDataErasedAt = at;
      break;
    default:
      break;
  }
}

export function applyToUnit(doc: UnitDocument, event: DomainEvent, at: string, pos: number): void {
  switch (event.type) {
    case 'UnitRegistered':
      Object.assign(doc, { name: event.data.name, isContactPoint: event.data.isContactPoint });
      break;
    case 'StaffTimeBudgetSet':
      doc.budgets = foldUnitEvent(doc.budgets, { type: event.type, data: event.data, occurredAt: at, position: pos });
      break;
    default:
      break;
  }
}

export const applicationKey = (tenant: string, fundId: string, applicationId: string) =>
  `${tenant}\u0000${fundId}\u0000${applicationId}`;

/** Totals in the fund's document; each decided application is a row of its own (see applicationChange). */
export function applyToFund(doc: FundDocument, event: DomainEvent): void {
  switch (event.type) {
    case 'FundOpened':
      Object.assign(doc, { name: event.data.name, year: event.data.year, budgetCents: event.data.budgetCents });
      break;
    case 'FundBudgetIncreased':
      doc.budgetCents += event.data.amountCents;
      break;
    case 'GrantAwarded':
      doc.awardedCents += event.data.amountCents;
      break;
    case 'GrantDisbursed':
      doc.disbursedCents += event.data.amountCents;
      break;
    default:
      break;
  }
}

/**
 * What a fund's event changes of its decided applications' rows: a decision makes the row (and
 * replaces an earlier one); a disbursement adds to the row of a decided application.
 */
export type ApplicationChange =
  | { readonly kind: 'decided'; readonly row: FundApplicationRow }
  | {
      readonly kind: 'disbursed';
      readonly tenant: string;
      readonly fundId: string;
      readonly applicationId: string;
      readonly amountCents: number;
      readonly position: number;
    };

export function applicationChange(
  event: DomainEvent,
  tenant: string,
  fundId: string,
  at: string,
  position: number,
): ApplicationChange | undefined {
  switch (event.type) {
    case 'GrantAwarded':
    case 'ApplicationRejected': {
      const awarded = event.type === 'GrantAwarded' ? event.data.amountCents : 0;
      const status = event.type === 'GrantAwarded' ? 'awarded' : 'rejected';
      const row = {
        tenant,
        fund_id: fundId,
        application_id: event.data.applicationId,
        case_id: event.data.caseId,
        status,
        awarded_cents: awarded,
        disbursed_cents: 0,
        decided_at: at,
        position,
      } as const;
      return { kind: 'decided', row };
    }
    case 'GrantDisbursed':
      return {
        kind: 'disbursed',
        tenant,
        fundId,
        applicationId: event.data.applicationId,
        amountCents: event.data.amountCents,
        position,
      };
    default:
      return undefined;
  }
}

/** Applies a change to the rows at hand (keyed by applicationKey). */
export function applyApplicationChange(applications: Map<string, FundApplicationRow>, change: ApplicationChange): void {
  if (change.kind === 'decided') {
    const { row } = change;
    applications.set(applicationKey(row.tenant, row.fund_id, row.application_id), { ...row });
    return;
  }
  const application = applications.get(applicationKey(change.tenant, change.fundId, change.applicationId));
  if (application)
    Object.assign(application, {
      disbursed_cents: application.disbursed_cents + change.amountCents,
      position: change.position,
    });
}
