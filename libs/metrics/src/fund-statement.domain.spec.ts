import fc from 'fast-check';
import {
  DEFAULT_TENANT_RULES,
  DomainError,
  FundCommand,
  fundDecider,
  FundEvent,
  FundState,
  PROOF_OF_USE_OUTCOMES,
  remainingBudgetCents,
} from '@koproduktiv/domain';
import { emptyFundHistory, foldFundEvent } from './fund-history';
import { fundStatement } from './fund-statement';

/**
 * The statement against the fund's own decider: random commands by two clerks go through the grant
 * procedure's rules (refused ones leave no event), and at every step the statement folded from the
 * events agrees with the aggregate's state: what is reserved, awarded, disbursed, released and
 * available, each application's state and money; and nothing available ever goes below 0.
 */
const FUND = 'fund-d';
const START = Date.UTC(2026, 0, 5, 9);
const RULES = { ...DEFAULT_TENANT_RULES, fourEyesThresholdCents: 300_000 };

const step = fc.record({
  // weighted so that histories get far: applications received, awarded (some by four eyes), paid, proven, settled
  kind: fc.oneof(
    ...(
      [
        ['ReceiveApplication', 8],
        ['AwardGrant', 8],
        ['ConfirmGrantAward', 4],
        ['WithdrawGrantProposal', 1],
        ['RejectApplication', 1],
        ['DisburseGrant', 8],
        ['SubmitProofOfUse', 4],
        ['ReviewProofOfUse', 4],
        ['ReclaimGrant', 3],
        ['RecordRepayment', 3],
        ['SettleApplication', 3],
        ['IncreaseFundBudget', 1],
        ['CloseFund', 1],
      ] as const
    ).map(([kind, weight]) => ({ arbitrary: fc.constant(kind), weight })),
  ),
  application: fc.constantFrom('a', 'b'),
  // now and then another case applies with an id in use: the fund refuses it
  otherCase: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  amountCents: fc.integer({ min: 1, max: 400_000 }),
  by: fc.constantFrom('clerk-anna', 'clerk-ben'),
  outcome: fc.constantFrom(...PROOF_OF_USE_OUTCOMES),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const command = (s: Step): FundCommand => {
  const ids = { fundId: FUND, applicationId: s.application };
  const amountCents = s.amountCents;
  switch (s.kind) {
    case 'IncreaseFundBudget':
      return { type: s.kind, data: { fundId: FUND, amountCents, reason: 'r' } };
    case 'ReceiveApplication':
      return {
        type: s.kind,
        data: {
          ...ids,
          caseId: s.otherCase ? 'case-other' : `case-${s.application}`,
          amountRequestedCents: amountCents,
        },
      };
    case 'AwardGrant':
      return { type: s.kind, data: { ...ids, amountCents, proofDueOn: '2026-03-31' } };
    case 'RejectApplication':
      return { type: s.kind, data: { ...ids, rationale: 'r' } };
    case 'DisburseGrant':
    case 'RecordRepayment':
      return { type: s.kind, data: { ...ids, amountCents } };
    case 'SubmitProofOfUse':
      return { type: s.kind, data: { ...ids, spentCents: amountCents, reportRef: 'DMS-1' } };
    case 'ReviewProofOfUse':
      return { type: s.kind, data: { ...ids, outcome: s.outcome, acceptedCents: amountCents, rationale: 'r' } };
    case 'ReclaimGrant':
      return { type: s.kind, data: { ...ids, amountCents, reason: 'r' } };
    case 'CloseFund':
      return { type: s.kind, data: { fundId: FUND } };
    default:
      return { type: s.kind, data: ids } as FundCommand;
  }
};

describe('fund statement against the grant procedure (fast-check, fund decider)', () => {
  it('agrees with the fund aggregate at every step, and nothing available goes below 0', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 20, maxLength: 80 }), (steps) => {
        const open: FundCommand = {
          type: 'OpenFund',
          data: { fundId: FUND, name: 'F', year: 2026, budgetCents: 1_000_000 },
        };
        let state: FundState = fundDecider.initialState();
        let history = emptyFundHistory();
        let position = 0;
        let accepted = 0;
        for (const [i, next] of [open, ...steps.map(command)].entries()) {
          const by = i === 0 ? 'clerk-anna' : steps[i - 1].by;
          let events: FundEvent[];
          try {
            events = fundDecider.decide(next, state, { decidedBy: by, rules: RULES });
          } catch (error) {
            if (error instanceof DomainError) continue;
            throw error;
          }
          accepted += 1;
          for (const event of events) {
            state = fundDecider.evolve(state, event);
            history = foldFundEvent(history, {
              type: event.type,
              data: event.data,
              occurredAt: new Date(START + i * 3_600_000),
              position: ++position,
            });
          }
          if (state.status === 'unopened') continue;
          const s = fundStatement(history, new Date(START + i * 3_600_000));
          expect({
            budgetCents: s.budgetCents,
            reservedCents: s.reservedCents,
            awardedCents: s.awardedCents,
            disbursedCents: s.disbursedCents,
            releasedCents: s.releasedCents,
            availableCents: s.availableCents,
          }).toEqual({
            budgetCents: state.budgetCents,
            reservedCents: state.reservedCents,
            awardedCents: state.awardedCents,
            disbursedCents: state.disbursedCents,
            releasedCents: state.releasedCents,
            availableCents: remainingBudgetCents(state),
          });
          expect(s.availableCents).toBeGreaterThanOrEqual(0);
          for (const a of s.applications) {
            const known = state.applications[a.applicationId];
            // Refused ones (closed fund) never become the fund's applications.
            if (known === undefined) {
              expect(a.status).toBe('refused');
              continue;
            }
            expect(a.caseId).toBe(known.caseId);
            expect({ id: a.applicationId, status: a.status }).toEqual({ id: a.applicationId, status: known.status });
            expect([a.acceptedCents, a.reclaimedCents, a.repaidCents, a.disbursedCents]).toEqual([
              known.acceptedCents,
              known.reclaimedCents,
              known.repaidCents,
              known.disbursedCents,
            ]);
          }
        }
        return accepted > 0;
      }),
      { numRuns: 600 },
    );
  });
});
