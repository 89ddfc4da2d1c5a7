import { assertNever, ownValue } from '../shared';
import { FundEvent } from './events';
import { FundState } from './state';

export const evolveFund = (state: FundState, event: FundEvent): FundState => {
  if (event.type === 'FundOpened') {
    return { status: 'open', ...event.data, awardedCents: 0, disbursedCents: 0, applications: {} };
  }
  if (state.status === 'unopened') return state;
  switch (event.type) {
    case 'FundBudgetIncreased':
      return { ...state, budgetCents: state.budgetCents + event.data.amountCents };
    case 'GrantAwarded': {
      const { applicationId, caseId, amountCents } = event.data;
      return {
        ...state,
        awardedCents: state.awardedCents + amountCents,
        applications: {
          ...state.applications,
          [applicationId]: { decision: 'awarded', caseId, awardedCents: amountCents, disbursedCents: 0 },
        },
      };
    }
    case 'ApplicationRejected': {
      const { applicationId, caseId } = event.data;
      return { ...state, applications: { ...state.applications, [applicationId]: { decision: 'rejected', caseId } } };
    }
    case 'GrantDisbursed': {
      const { applicationId, amountCents } = event.data;
      const application = ownValue(state.applications, applicationId);
      const applications =
        application?.decision === 'awarded'
          ? {
              ...state.applications,
              [applicationId]: { ...application, disbursedCents: application.disbursedCents + amountCents },
            }
          : state.applications;
      return { ...state, disbursedCents: state.disbursedCents + amountCents, applications };
    }
    default:
      return assertNever(event, 'fund event');
  }
};
