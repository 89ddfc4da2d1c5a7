import { assertNever, ownValue } from '../shared';
import { FundEvent } from './events';
import { FundApplication, FundState, OpenedFund, receivedApplication } from './state';

export const evolveFund = (state: FundState, event: FundEvent): FundState => {
  if (event.type === 'FundOpened') {
    return {
      status: 'open',
      ...event.data,
      reservedCents: 0,
      awardedCents: 0,
      disbursedCents: 0,
      releasedCents: 0,
      applications: {},
    };
  }
  // ApplicationRefused is all an unopened fund's stream may hold; it changes nothing.
  if (state.status === 'unopened') return state;
  switch (event.type) {
    case 'FundBudgetIncreased':
      return { ...state, budgetCents: state.budgetCents + event.data.amountCents };
    case 'FundClosed':
      return { ...state, status: 'closed' };
    case 'ApplicationReceived':
      return withApplication(
        state,
        event.data.applicationId,
        receivedApplication(event.data.caseId, event.data.amountRequestedCents),
      );
    case 'ApplicationRefused':
      return state;
    case 'GrantAwardProposed': {
      const { applicationId, caseId, proposedBy, amountCents, proofDueOn, fundedFrom, fundedUntil } = event.data;
      const proposal = { proposedBy, amountCents, proofDueOn, fundedFrom, fundedUntil };
      return {
        ...withApplication(state, applicationId, {
          ...known(state, applicationId, caseId),
          status: 'proposed',
          proposal,
        }),
        reservedCents: state.reservedCents + amountCents,
      };
    }
    case 'GrantProposalWithdrawn': {
      const { applicationId, caseId } = event.data;
      const { proposal, ...application } = known(state, applicationId, caseId);
      return {
        ...withApplication(state, applicationId, { ...application, status: 'received' }),
        reservedCents: state.reservedCents - (proposal?.amountCents ?? 0),
      };
    }
    case 'GrantAwarded': {
      const { applicationId, caseId, amountCents } = event.data;
      const { proposal, ...application } = known(state, applicationId, caseId);
      return {
        ...withApplication(state, applicationId, { ...application, status: 'awarded', awardedCents: amountCents }),
        reservedCents: state.reservedCents - (proposal?.amountCents ?? 0),
        awardedCents: state.awardedCents + amountCents,
      };
    }
    case 'ApplicationRejected': {
      const { applicationId, caseId } = event.data;
      return withApplication(state, applicationId, { ...known(state, applicationId, caseId), status: 'rejected' });
    }
    case 'GrantDisbursed': {
      const { applicationId, caseId, amountCents } = event.data;
      const application = known(state, applicationId, caseId);
      return {
        ...withApplication(state, applicationId, {
          ...application,
          disbursedCents: application.disbursedCents + amountCents,
        }),
        disbursedCents: state.disbursedCents + amountCents,
      };
    }
    case 'ProofOfUseSubmitted': {
      const { applicationId, caseId, spentCents } = event.data;
      return withApplication(state, applicationId, {
        ...known(state, applicationId, caseId),
        proof: 'submitted',
        spentCents,
      });
    }
    case 'ProofOfUseReviewed': {
      const { applicationId, caseId, outcome, acceptedCents } = event.data;
      return withApplication(state, applicationId, {
        ...known(state, applicationId, caseId),
        proof: outcome,
        acceptedCents,
      });
    }
    case 'GrantReclaimed': {
      const { applicationId, caseId, amountCents } = event.data;
      const application = known(state, applicationId, caseId);
      return withApplication(state, applicationId, {
        ...application,
        reclaimedCents: application.reclaimedCents + amountCents,
      });
    }
    case 'RepaymentRecorded': {
      const { applicationId, caseId, amountCents } = event.data;
      const application = known(state, applicationId, caseId);
      return withApplication(state, applicationId, {
        ...application,
        repaidCents: application.repaidCents + amountCents,
      });
    }
    case 'ApplicationSettled': {
      const { applicationId, caseId, releasedCents } = event.data;
      return {
        ...withApplication(state, applicationId, { ...known(state, applicationId, caseId), status: 'settled' }),
        releasedCents: state.releasedCents + releasedCents,
      };
    }
    default:
      return assertNever(event, 'fund event');
  }
};

/**
 * The application an event is about. Stores written before the fund received applications hold
 * awards and rejections of applications it never received: those start from a received
 * application whose requested amount is unknown.
 */
const known = (fund: OpenedFund, applicationId: string, caseId: string): FundApplication =>
  ownValue(fund.applications, applicationId) ?? receivedApplication(caseId, null);

const withApplication = (fund: OpenedFund, applicationId: string, application: FundApplication): OpenedFund => ({
  ...fund,
  applications: { ...fund.applications, [applicationId]: application },
});
