import { advanceStage, CaseStage, carriesPersonalData, DomainEvent } from '@koproduktiv/domain';

/** What analysts see of a case. No personal data: staff and sponsors are opaque references. */
export interface CaseDocument {
  caseId: string;
  initiativeId: string | null;
  title: string | null;
  category: string | null;
  channel: string | null;
  requestedSupport: string[];
  stage: CaseStage;
  status: 'open' | 'closed';
  outcome: string | null;
  submittedAt: string | null;
  closedAt: string | null;
  lastContactAt: string | null;
  acknowledgedBy: { unitId: string; staffRef: string; at: string } | null;
  contactPerson: { staffRef: string; unitId: string; since: string } | null;
  /** The unit the case belongs to: its contact person's, else the acknowledging unit's. */
  unitId: string | null;
  interactions: number;
  commitments: number;
  fundingApplications: Record<
    string,
    {
      fundId: string | null;
      status: 'applied' | 'awarded' | 'rejected';
      requestedCents: number | null;
      awardedCents: number | null;
    }
  >;
  supports: number;
  interimUse: Record<
    string,
    { propertyKind: string; startsOn: string; endsOn: string; licenceToTry: boolean; ended: string | null }
  >;
  sponsors: number;
  councilResolutions: { resolutionRef: string; outcome: string; decidedOn: string }[];
  institutionalisation: { form: string; effectiveFrom: string; at: string } | null;
  /** When the narratives were shredded, null while a narrative written since is held (retention reads it). */
  narrativesShreddedAt: string | null;
  /**
   * The wait for the initiative on record (AwaitInitiative until ResumeCase or closing; its reason is
   * personal data and stays in the event). After `until` its clocks run again even while it is on
   * record. Absent in documents projected before waits existed.
   */
  waitingForInitiative?: { since: string; until: string | null } | null;
}

export const newCaseDocument = (caseId: string): CaseDocument => ({
  caseId,
  initiativeId: null,
  title: null,
  category: null,
  channel: null,
  requestedSupport: [],
  stage: 'request',
  status: 'open',
  outcome: null,
  submittedAt: null,
  closedAt: null,
  lastContactAt: null,
  acknowledgedBy: null,
  contactPerson: null,
  unitId: null,
  interactions: 0,
  commitments: 0,
  fundingApplications: {},
  supports: 0,
  interimUse: {},
  sponsors: 0,
  councilResolutions: [],
  institutionalisation: null,
  narrativesShreddedAt: null,
  waitingForInitiative: null,
});

const later = (a: string | null, b: string) => (a === null || b > a ? b : a);

/** Applies one event about the case (from its own stream or a fund decision naming it). Mutates `doc`. */
export function applyToCase(doc: CaseDocument, event: DomainEvent, at: string): void {
  if (carriesPersonalData(event)) doc.narrativesShreddedAt = null;
  switch (event.type) {
    case 'RequestSubmitted': {
      const d = event.data;
      Object.assign(doc, {
        initiativeId: d.initiativeId,
        title: d.title,
        category: d.category,
        channel: d.channel,
        requestedSupport: [...d.requestedSupport],
        submittedAt: at,
      });
      doc.lastContactAt = later(doc.lastContactAt, at);
      break;
    }
    case 'RequestAcknowledged':
      doc.acknowledgedBy = { unitId: event.data.unitId, staffRef: event.data.staffRef, at };
      break;
    case 'ContactPersonAssigned':
      doc.contactPerson = { staffRef: event.data.staffRef, unitId: event.data.unitId, since: at };
      break;
    case 'InteractionRecorded':
      doc.interactions += 1;
      doc.lastContactAt = later(doc.lastContactAt, at);
      break;
    case 'CommitmentMade':
      doc.commitments += 1;
      break;
    case 'FundingApplied':
      doc.fundingApplications[event.data.applicationId] = {
        fundId: event.data.fundId,
        status: 'applied',
        requestedCents: event.data.amountRequestedCents,
        awardedCents: null,
      };
      break;
    case 'GrantAwarded':
    case 'ApplicationRejected': {
      const existing = doc.fundingApplications[event.data.applicationId];
      doc.fundingApplications[event.data.applicationId] = {
        fundId: existing?.fundId ?? event.data.fundId,
        requestedCents: existing?.requestedCents ?? null,
        status: event.type === 'GrantAwarded' ? 'awarded' : 'rejected',
        awardedCents: event.type === 'GrantAwarded' ? event.data.amountCents : null,
      };
      break;
    }
    case 'SupportAgreed':
      doc.supports += 1;
      doc.stage = advanceStage(doc.stage, 'support');
      break;
    case 'InterimUseAgreed': {
      const d = event.data;
      doc.interimUse[d.agreementId] = {
        propertyKind: d.propertyKind,
        startsOn: d.startsOn,
        endsOn: d.endsOn,
        licenceToTry: d.licenceToTry,
        ended: null,
      };
      doc.stage = advanceStage(doc.stage, 'interim_use');
      break;
    }
    case 'InterimUseExtended': {
      const agreement = doc.interimUse[event.data.agreementId];
      if (agreement) agreement.endsOn = event.data.newEndsOn;
      break;
    }
    case 'InterimUseEnded': {
      const agreement = doc.interimUse[event.data.agreementId];
      if (agreement) agreement.ended = event.data.reason;
      break;
    }
    case 'SponsorAssigned':
      doc.sponsors += 1;
      break;
    case 'CouncilResolutionLinked':
      doc.councilResolutions.push({
        resolutionRef: event.data.resolutionRef,
        outcome: event.data.outcome,
        decidedOn: event.data.decidedOn,
      });
      break;
    case 'CaseInstitutionalised':
      doc.institutionalisation = { form: event.data.form, effectiveFrom: event.data.effectiveFrom, at };
      doc.stage = advanceStage(doc.stage, 'institutionalised');
      break;
    case 'CaseClosed':
      Object.assign(doc, { status: 'closed', outcome: event.data.outcome, closedAt: at, waitingForInitiative: null });
      break;
    case 'InitiativeAwaited':
      doc.waitingForInitiative = { since: at, until: event.data.until ?? null };
      break;
    case 'CaseResumed':
      doc.waitingForInitiative = null;
      break;
    case 'CaseReopened':
      Object.assign(doc, { status: 'open', outcome: null, closedAt: null });
      break;
    case 'CaseNarrativesShredded':
      doc.narrativesShreddedAt = at;
      break;
    default:
      break;
  }
  doc.unitId = doc.contactPerson?.unitId ?? doc.acknowledgedBy?.unitId ?? null;
}
