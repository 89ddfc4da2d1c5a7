import type { DomainEvent } from '@koproduktiv/domain';
import { addOnce, emptyUnitHistory, foldUnitEvent, StaffTimeEntry, UnitHistory } from '@koproduktiv/metrics';

/** An initiative as analysts see it: the contact (personal data) is never stored here. */
export interface InitiativeDocument {
  initiativeId: string;
  name: string | null;
  kind: string | null;
  district: string | null;
  dissolved: { at: string; reason: string } | null;
  memberReports: { at: string; pos: number; activeMembers: number }[];
}

export interface UnitDocument {
  unitId: string;
  name: string | null;
  isContactPoint: boolean;
  /** Every StaffTimeBudgetSet with its business time, so budgets can be read as of any date. */
  budgets: UnitHistory;
  /** Every StaffTimeLogged on a case by this unit. */
  staffTime: StaffTimeEntry[];
}

export interface FundDocument {
  fundId: string;
  name: string | null;
  year: number | null;
  budgetCents: number;
  awardedCents: number;
  disbursedCents: number;
  applications: Record<string, { caseId: string; status: 'awarded' | 'rejected'; awardedCents: number; disbursedCents: number; decidedAt: string }>;
}

export const newInitiative = (initiativeId: string): InitiativeDocument => ({ initiativeId, name: null, kind: null, district: null, dissolved: null, memberReports: [] });
export const newUnit = (unitId: string): UnitDocument => ({ unitId, name: null, isContactPoint: false, budgets: emptyUnitHistory(unitId), staffTime: [] });
export const newFund = (fundId: string): FundDocument => ({ fundId, name: null, year: null, budgetCents: 0, awardedCents: 0, disbursedCents: 0, applications: {} });

export function applyToInitiative(doc: InitiativeDocument, event: DomainEvent, at: string, pos: number): void {
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
      if (!doc.memberReports.some((report) => report.pos === pos)) doc.memberReports.push({ at, pos, activeMembers: event.data.activeMembers });
      break;
    case 'InitiativeDissolved':
      doc.dissolved = { at, reason: event.data.reason };
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
    case 'StaffTimeLogged':
      doc.staffTime = [...addOnce(doc.staffTime, { at, pos, unitId: event.data.unitId, hours: event.data.hours })];
      break;
    default:
      break;
  }
}

export function applyToFund(doc: FundDocument, event: DomainEvent, at: string): void {
  switch (event.type) {
    case 'FundOpened':
      Object.assign(doc, { name: event.data.name, year: event.data.year, budgetCents: event.data.budgetCents });
      break;
    case 'FundBudgetIncreased':
      doc.budgetCents += event.data.amountCents;
      break;
    case 'GrantAwarded':
      doc.awardedCents += event.data.amountCents;
      doc.applications[event.data.applicationId] = { caseId: event.data.caseId, status: 'awarded', awardedCents: event.data.amountCents, disbursedCents: 0, decidedAt: at };
      break;
    case 'ApplicationRejected':
      doc.applications[event.data.applicationId] = { caseId: event.data.caseId, status: 'rejected', awardedCents: 0, disbursedCents: 0, decidedAt: at };
      break;
    case 'GrantDisbursed': {
      doc.disbursedCents += event.data.amountCents;
      const application = doc.applications[event.data.applicationId];
      if (application) application.disbursedCents += event.data.amountCents;
      break;
    }
    default:
      break;
  }
}
