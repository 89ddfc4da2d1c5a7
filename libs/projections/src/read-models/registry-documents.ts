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

/** Name, year and totals in the fund's document; its procedure events are rows of their own (fundEventRow). */
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
