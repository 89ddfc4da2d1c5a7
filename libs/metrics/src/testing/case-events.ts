/** Event builders for the metrics specs: records shaped like the store's, positions counted up. */
import type { ParticipationLevel, Party, TrustScores } from '@koproduktiv/domain';
import { MetricsEvent } from '../timed';

export interface BuiltEvent extends MetricsEvent {
  readonly occurredAt: Date;
  readonly recordedAt: Date;
}

/** A clock of positions shared by every builder of one spec, so positions are unique store-wide. */
export const positions = () => {
  let position = 0;
  return (): number => ++position;
};

export const eventBuilder =
  (next: () => number = positions()) =>
  (type: string, data: Record<string, unknown>, occurredAt: string, recordedAt: string = occurredAt): BuiltEvent => ({
    type,
    data,
    occurredAt: new Date(occurredAt),
    recordedAt: new Date(recordedAt),
    position: next(),
  });

export const caseEvents = (caseId = 'case-1', next: () => number = positions()) => {
  const ev = eventBuilder(next);
  return {
    submitted: (at: string, initiativeId = 'initiative-1', category = 'culture') =>
      ev(
        'RequestSubmitted',
        { caseId, initiativeId, title: 'T', description: 'D', category, channel: 'online', requestedSupport: [] },
        at,
      ),
    acknowledged: (at: string, unitId = 'unit-1', staffRef = 'a') =>
      ev('RequestAcknowledged', { caseId, unitId, staffRef }, at),
    assigned: (at: string, staffRef: string, unitId = 'unit-1') =>
      ev('ContactPersonAssigned', { caseId, staffRef, unitId }, at),
    interaction: (
      at: string,
      staffRef: string,
      initiatedBy: Party,
      participationLevel: ParticipationLevel,
      recordedAt: string = at,
    ) =>
      ev(
        'InteractionRecorded',
        {
          caseId,
          interactionId: `i-${at}`,
          kind: 'meeting',
          initiatedBy,
          participationLevel,
          staffRef,
          unitId: 'unit-1',
          durationMinutes: 30,
          summary: 's',
        },
        at,
        recordedAt,
      ),
    commitment: (at: string, commitmentId: string, promisor: Party, dueOn: string) =>
      ev('CommitmentMade', { caseId, commitmentId, promisor, description: 'd', dueOn }, at),
    fulfilled: (at: string, commitmentId: string) => ev('CommitmentFulfilled', { caseId, commitmentId }, at),
    renegotiated: (at: string, commitmentId: string, newDueOn: string) =>
      ev('CommitmentRenegotiated', { caseId, commitmentId, newDueOn, reason: 'r' }, at),
    withdrawn: (at: string, commitmentId: string) =>
      ev('CommitmentWithdrawn', { caseId, commitmentId, reason: 'r' }, at),
    applied: (at: string, applicationId: string, fundId = 'fund-1') =>
      ev('FundingApplied', { caseId, applicationId, fundId, amountRequestedCents: 1000, purpose: 'p' }, at),
    awarded: (at: string, applicationId: string, fundId = 'fund-1') =>
      ev('GrantAwarded', { fundId, applicationId, caseId, amountCents: 1000 }, at),
    rejected: (at: string, applicationId: string, fundId = 'fund-1') =>
      ev('ApplicationRejected', { fundId, applicationId, caseId, rationale: 'r' }, at),
    supportAgreed: (at: string) =>
      ev('SupportAgreed', { caseId, supportId: `s-${at}`, kind: 'advice', description: 'd' }, at),
    interimUseAgreed: (at: string) =>
      ev(
        'InterimUseAgreed',
        {
          caseId,
          agreementId: 'agreement-1',
          propertyRef: 'p',
          propertyKind: 'vacant_shop',
          startsOn: '2026-01-01',
          endsOn: '2026-06-30',
          licenceToTry: true,
          conditions: [],
        },
        at,
      ),
    interimUseExtended: (at: string, newEndsOn: string) =>
      ev('InterimUseExtended', { caseId, agreementId: 'agreement-1', newEndsOn }, at),
    institutionalised: (at: string) =>
      ev('CaseInstitutionalised', { caseId, form: 'contract', effectiveFrom: '2026-01-01' }, at),
    staffTime: (at: string, unitId: string, hours: number) =>
      ev('StaffTimeLogged', { caseId, unitId, staffRef: 'a', hours, activity: 'x' }, at),
    feedback: (at: string, respondent: Party, scores: TrustScores) =>
      ev('TrustFeedbackRecorded', { caseId, respondent, scores }, at),
    closed: (at: string, outcome = 'completed', stage = 'request') => ev('CaseClosed', { caseId, outcome, stage }, at),
    reopened: (at: string, stage = 'request') => ev('CaseReopened', { caseId, reason: 'r', stage }, at),
    awaited: (at: string, until?: string) =>
      ev('InitiativeAwaited', { caseId, reason: 'r', ...(until === undefined ? {} : { until }) }, at),
    resumed: (at: string) => ev('CaseResumed', { caseId }, at),
  };
};

export const scores = (
  responsiveness: number,
  reliability: number,
  integrity: number,
  openness: number,
  fairness: number,
): TrustScores => ({ responsiveness, reliability, integrity, openness, fairness });
