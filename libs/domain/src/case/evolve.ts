import { carriesPersonalData } from '../personal-data';
import { assertNever, ownValue } from '../shared';
import { CaseEvent, RequestSubmitted } from './events';
import { CaseState, CommitmentState, ExistingCase, InterimUseState } from './state';
import { advanceStage } from './values';

export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  if (event.type === 'RequestSubmitted') return submitted(event);
  // Every other event presupposes the case; one arriving without it changes nothing.
  if (state.status === 'none') return state;
  const next = evolveExisting(state, event);
  return carriesPersonalData(event) && next.narratives === 'shredded' ? { ...next, narratives: 'held' } : next;
};

const submitted = ({ data }: RequestSubmitted): ExistingCase => ({
  status: 'open',
  caseId: data.caseId,
  initiativeId: data.initiativeId,
  stage: 'request',
  acknowledgedBy: null,
  contactPerson: null,
  closedAs: null,
  interactionIds: [],
  supportIds: [],
  fundingApplications: {},
  commitments: {},
  interimUses: {},
  sponsorRefs: [],
  councilResolutions: [],
  waitingForInitiative: null,
  narratives: 'held',
});

const evolveExisting = (state: ExistingCase, event: CaseEvent): ExistingCase => {
  switch (event.type) {
    case 'RequestSubmitted':
      return submitted(event);
    case 'RequestAcknowledged':
      return { ...state, acknowledgedBy: { unitId: event.data.unitId, staffRef: event.data.staffRef } };
    case 'ContactPersonAssigned':
      return { ...state, contactPerson: { staffRef: event.data.staffRef, unitId: event.data.unitId } };
    case 'InteractionRecorded':
      return { ...state, interactionIds: [...state.interactionIds, event.data.interactionId] };
    case 'CommitmentMade':
      return withCommitment(state, event.data.commitmentId, {
        promisor: event.data.promisor,
        dueOn: event.data.dueOn,
        status: 'open',
      });
    case 'CommitmentFulfilled':
      return updateCommitment(state, event.data.commitmentId, { status: 'fulfilled' });
    case 'CommitmentRenegotiated':
      return updateCommitment(state, event.data.commitmentId, { dueOn: event.data.newDueOn });
    case 'CommitmentWithdrawn':
      return updateCommitment(state, event.data.commitmentId, { status: 'withdrawn' });
    case 'FundingApplied':
      return {
        ...state,
        fundingApplications: { ...state.fundingApplications, [event.data.applicationId]: event.data.fundId },
      };
    case 'SupportAgreed':
      return {
        ...state,
        stage: advanceStage(state.stage, 'support'),
        supportIds: [...state.supportIds, event.data.supportId],
      };
    case 'StaffTimeLogged':
      return state;
    case 'InterimUseAgreed':
      return {
        ...withInterimUse(state, event.data.agreementId, {
          propertyRef: event.data.propertyRef,
          startsOn: event.data.startsOn,
          endsOn: event.data.endsOn,
          status: 'active',
        }),
        stage: advanceStage(state.stage, 'interim_use'),
      };
    case 'InterimUseExtended':
      return updateInterimUse(state, event.data.agreementId, { endsOn: event.data.newEndsOn });
    case 'InterimUseEnded':
      return updateInterimUse(state, event.data.agreementId, { status: 'ended' });
    case 'SponsorAssigned':
      return { ...state, sponsorRefs: [...state.sponsorRefs, event.data.sponsorRef] };
    case 'CouncilResolutionLinked':
      return {
        ...state,
        councilResolutions: [
          ...state.councilResolutions,
          { resolutionRef: event.data.resolutionRef, decidedOn: event.data.decidedOn },
        ],
      };
    case 'CaseInstitutionalised':
      return { ...state, stage: advanceStage(state.stage, 'institutionalised') };
    case 'TrustFeedbackRecorded':
      return state;
    case 'CaseClosed':
      // Closing ends a wait for the initiative; a reopened case does not wait.
      return { ...state, status: 'closed', closedAs: event.data.outcome, waitingForInitiative: null };
    case 'CaseReopened':
      return { ...state, status: 'open', closedAs: null, stage: event.data.stage };
    case 'InitiativeAwaited':
      return { ...state, waitingForInitiative: { until: event.data.until ?? null } };
    case 'CaseResumed':
      return { ...state, waitingForInitiative: null };
    case 'CaseNarrativesShredded':
      return { ...state, narratives: 'shredded' };
    default:
      return assertNever(event, 'case event');
  }
};

const withCommitment = (state: ExistingCase, id: string, commitment: CommitmentState): ExistingCase => ({
  ...state,
  commitments: { ...state.commitments, [id]: commitment },
});

const updateCommitment = (state: ExistingCase, id: string, change: Partial<CommitmentState>): ExistingCase => {
  const current = ownValue(state.commitments, id);
  return current === undefined ? state : withCommitment(state, id, { ...current, ...change });
};

const withInterimUse = (state: ExistingCase, id: string, agreement: InterimUseState): ExistingCase => ({
  ...state,
  interimUses: { ...state.interimUses, [id]: agreement },
});

const updateInterimUse = (state: ExistingCase, id: string, change: Partial<InterimUseState>): ExistingCase => {
  const current = ownValue(state.interimUses, id);
  return current === undefined ? state : withInterimUse(state, id, { ...current, ...change });
};
