import { DecisionContext, DEFAULT_TENANT_RULES } from '../shared';
import { fundOpened, given, ids, specContext } from '../testing';
import { FundCommand } from './commands';
import { AwardTerms, FundEvent } from './events';
import { fundDecider } from './fund.decider';

const caseId: string = ids.case;
const otherCase: string = '01890a5d-ac96-774b-bcce-b302099a80ff';
const app: string = ids.application;
const other: string = ids.otherApplication;
const fundId = ids.fund;
const terms = (amountCents: number): AwardTerms => ({ amountCents, proofDueOn: '2026-03-31' });
const second: DecisionContext = { decidedBy: 'clerk-ben', rules: DEFAULT_TENANT_RULES };

// Events
const increased = (amountCents: number): FundEvent => ({
  type: 'FundBudgetIncreased',
  data: { fundId, amountCents, reason: 'Nachtragshaushalt' },
});
const closed: FundEvent = { type: 'FundClosed', data: { fundId } };
const received = (amountRequestedCents = 1_000_000, applicationId = app, forCase = caseId): FundEvent => ({
  type: 'ApplicationReceived',
  data: { fundId, applicationId, caseId: forCase, amountRequestedCents },
});
const refused = (
  code: 'FUND.NOT_FOUND' | 'FUND.CLOSED' | 'FUND.APPLICATION_ID_IN_USE',
  forCase = caseId,
): FundEvent => ({
  type: 'ApplicationRefused',
  data: { fundId, applicationId: app, caseId: forCase, amountRequestedCents: 200_000, code },
});
const awarded = (amountCents: number, applicationId = app, extra: object = {}): FundEvent => ({
  type: 'GrantAwarded',
  data: { fundId, applicationId, caseId, ...terms(amountCents), ...extra },
});
const proposed = (amountCents: number, proposedBy = specContext.decidedBy, applicationId = app): FundEvent => ({
  type: 'GrantAwardProposed',
  data: { fundId, applicationId, caseId, ...terms(amountCents), proposedBy },
});
const withdrawn = (amountCents: number): FundEvent => ({
  type: 'GrantProposalWithdrawn',
  data: { fundId, applicationId: app, caseId, amountCents },
});
const rejected = (applicationId = app): FundEvent => ({
  type: 'ApplicationRejected',
  data: { fundId, applicationId, caseId, rationale: 'Nicht förderfähig' },
});
const disbursed = (amountCents: number, applicationId = app): FundEvent => ({
  type: 'GrantDisbursed',
  data: { fundId, applicationId, caseId, amountCents },
});
const proofSubmitted = (spentCents: number): FundEvent => ({
  type: 'ProofOfUseSubmitted',
  data: { fundId, applicationId: app, caseId, spentCents, reportRef: 'DMS-1' },
});
const reviewed = (outcome: 'accepted' | 'partially_accepted' | 'rejected', acceptedCents: number): FundEvent => ({
  type: 'ProofOfUseReviewed',
  data: { fundId, applicationId: app, caseId, outcome, acceptedCents, rationale: 'Geprüft' },
});
const reclaimed = (amountCents: number): FundEvent => ({
  type: 'GrantReclaimed',
  data: { fundId, applicationId: app, caseId, amountCents, reason: 'Nicht verwendet' },
});
const repaid = (amountCents: number): FundEvent => ({
  type: 'RepaymentRecorded',
  data: { fundId, applicationId: app, caseId, amountCents },
});
const settled = (releasedCents: number): FundEvent => ({
  type: 'ApplicationSettled',
  data: { fundId, applicationId: app, caseId, releasedCents },
});

// Commands
const open = (budgetCents: number): FundCommand => ({
  type: 'OpenFund',
  data: { fundId, name: 'Mit-mach-Fonds 2025', year: 2025, budgetCents },
});
const increase = (amountCents: number): FundCommand => ({
  type: 'IncreaseFundBudget',
  data: { fundId, amountCents, reason: 'Nachtragshaushalt' },
});
const close: FundCommand = { type: 'CloseFund', data: { fundId } };
const receive = (forCase = caseId, amountRequestedCents = 200_000): FundCommand => ({
  type: 'ReceiveApplication',
  data: { fundId, applicationId: app, caseId: forCase, amountRequestedCents },
});
const award = (amountCents: number, data: Partial<Extract<FundCommand, { type: 'AwardGrant' }>['data']> = {}) =>
  ({
    type: 'AwardGrant',
    data: { fundId, applicationId: app, amountCents, proofDueOn: '2026-03-31', ...data },
  }) as FundCommand;
const confirm: FundCommand = { type: 'ConfirmGrantAward', data: { fundId, applicationId: app } };
const withdraw = (reason?: string): FundCommand => ({
  type: 'WithdrawGrantProposal',
  data: { fundId, applicationId: app, ...(reason ? { reason } : {}) },
});
const reject = (rationale: string, data: { caseId?: string; applicationId?: string } = {}): FundCommand => ({
  type: 'RejectApplication',
  data: { fundId, applicationId: app, rationale, ...data },
});
const disburse = (amountCents: number, applicationId = app): FundCommand => ({
  type: 'DisburseGrant',
  data: { fundId, applicationId, amountCents },
});
const submitProof = (spentCents: number, volunteerHours?: number): FundCommand => ({
  type: 'SubmitProofOfUse',
  data: {
    fundId,
    applicationId: app,
    spentCents,
    reportRef: 'DMS-1',
    ...(volunteerHours === undefined ? {} : { volunteerHours }),
  },
});
const review = (
  outcome: 'accepted' | 'partially_accepted' | 'rejected',
  acceptedCents: number,
  rationale = 'Geprüft',
): FundCommand => ({
  type: 'ReviewProofOfUse',
  data: { fundId, applicationId: app, outcome, acceptedCents, rationale },
});
const reclaim = (amountCents: number, reason = 'Nicht verwendet'): FundCommand => ({
  type: 'ReclaimGrant',
  data: { fundId, applicationId: app, amountCents, reason },
});
const repay = (amountCents: number): FundCommand => ({
  type: 'RecordRepayment',
  data: { fundId, applicationId: app, amountCents },
});
const settle: FundCommand = { type: 'SettleApplication', data: { fundId, applicationId: app } };

/** An opened fund (budget 1 000 000) that received the application (requested 1 000 000). */
const withApplication = (...events: FundEvent[]) => [fundOpened(1_000_000), received(), ...events];
/** ... and awarded 400 000 of it, 300 000 paid out. */
const paidOut = (...events: FundEvent[]) => withApplication(awarded(400_000), disbursed(300_000), ...events);

describe('fund decider', () => {
  describe('OpenFund', () => {
    it('opens a fund', () => {
      const state = given(fundDecider)
        .when(open(500_000))
        .then([fundOpened(500_000)]);
      expect(state).toMatchObject({ status: 'open', budgetCents: 500_000, awardedCents: 0, reservedCents: 0 });
    });

    it('accepts a zero budget (to be increased later)', () => {
      given(fundDecider)
        .when(open(0))
        .then([fundOpened(0)]);
    });

    it('opens once per id', () => {
      given(fundDecider, [fundOpened()]).when(open(1)).thenThrows('FUND.ALREADY_OPENED');
    });

    it.each([-1, 10.5])('rejects the budget %p, saying that zero is allowed', (budgetCents) => {
      const error = given(fundDecider).when(open(budgetCents)).thenThrows('FUND.INVALID_AMOUNT');
      expect(error.message).toBe('budgetCents must be an integer number of cents >= 0');
    });

    it('opens a fund whose id applications were refused for before it existed', () => {
      given(fundDecider, [refused('FUND.NOT_FOUND')])
        .when(open(100))
        .then([fundOpened(100)]);
    });
  });

  describe('IncreaseFundBudget', () => {
    it('increases the budget', () => {
      const state = given(fundDecider, [fundOpened(100)])
        .when(increase(50))
        .then([increased(50)]);
      expect(state).toMatchObject({ budgetCents: 150 });
    });

    it.each([0, -5, 1.5])('rejects the amount %p, saying that it must be above zero', (amountCents) => {
      const error = given(fundDecider, [fundOpened()]).when(increase(amountCents)).thenThrows('FUND.INVALID_AMOUNT');
      expect(error.message).toBe('amountCents must be an integer number of cents > 0');
    });

    it('needs an open fund', () => {
      given(fundDecider).when(increase(50)).thenThrows('FUND.NOT_FOUND', 'not_found');
    });
  });

  describe('CloseFund', () => {
    it('closes a fund once', () => {
      const state = given(fundDecider, [fundOpened()]).when(close).then([closed]);
      expect(state).toMatchObject({ status: 'closed' });
      given(fundDecider, [fundOpened(), closed]).when(close).thenThrows('FUND.ALREADY_CLOSED');
    });

    it('needs an opened fund', () => {
      given(fundDecider).when(close).thenThrows('FUND.NOT_FOUND', 'not_found');
    });
  });

  describe('ReceiveApplication (from the process manager)', () => {
    it('receives an application to an open fund', () => {
      const state = given(fundDecider, [fundOpened()])
        .when(receive())
        .then([received(200_000)]);
      expect(state).toMatchObject({
        applications: { [app]: { status: 'received', caseId, requestedCents: 200_000 } },
      });
    });

    it('receives the same application of the same case only once (a redelivery appends nothing)', () => {
      given(fundDecider, [fundOpened(), received(200_000)])
        .when(receive())
        .then([]);
    });

    it('refuses an application to a fund that does not exist here (unknown, or another municipality’s)', () => {
      given(fundDecider)
        .when(receive())
        .then([refused('FUND.NOT_FOUND')]);
    });

    it('refuses an application to a closed fund', () => {
      given(fundDecider, [fundOpened(), closed])
        .when(receive())
        .then([refused('FUND.CLOSED')]);
    });

    it('refuses an application whose id another case’s application has', () => {
      given(fundDecider, [fundOpened(), received(200_000)])
        .when(receive(otherCase))
        .then([refused('FUND.APPLICATION_ID_IN_USE', otherCase)]);
    });

    it('changes nothing on an opened fund by refusing an application', () => {
      for (const [history, code, forCase] of [
        [[fundOpened(), received(200_000)], 'FUND.APPLICATION_ID_IN_USE', otherCase],
        [[fundOpened(), closed], 'FUND.CLOSED', caseId],
      ] as const) {
        const before = given(fundDecider, history).state;
        const after = given(fundDecider, history)
          .when(receive(forCase))
          .then([refused(code, forCase)]);
        expect(after).toStrictEqual(before);
      }
    });

    it.each([0, -1, 1.5])('rejects the requested amount %p (the case never sends it)', (amount) => {
      given(fundDecider, [fundOpened()]).when(receive(caseId, amount)).thenThrows('FUND.INVALID_AMOUNT');
    });
  });

  describe('AwardGrant', () => {
    it('awards below the four-eyes threshold at once, with the proof date and the funded period', () => {
      const period = { fundedFrom: '2025-04-01', fundedUntil: '2025-09-30', proofDueOn: '2025-12-31' };
      const state = given(fundDecider, withApplication())
        .when(award(499_999, { ...period, rationale: 'Gute Idee' }))
        .then([awarded(499_999, app, { ...period, rationale: 'Gute Idee' })]);
      expect(state).toMatchObject({ awardedCents: 499_999, applications: { [app]: { status: 'awarded' } } });
    });

    it('takes the case from the application, and accepts it when sent', () => {
      given(fundDecider, withApplication())
        .when(award(100, { caseId }))
        .then([awarded(100)]);
    });

    it('refuses a case that is not the application’s', () => {
      const error = given(fundDecider, withApplication())
        .when(award(100, { caseId: otherCase }))
        .thenThrows('FUND.CASE_MISMATCH');
      expect(error.details).toMatchObject({ field: 'caseId', applicationCaseId: caseId });
    });

    it('needs an application the fund received', () => {
      given(fundDecider, [fundOpened()]).when(award(100)).thenThrows('FUND.APPLICATION_NOT_RECEIVED');
    });

    it('awards at most the amount requested', () => {
      given(fundDecider, [fundOpened(), received(200_000)])
        .when(award(200_000))
        .then([awarded(200_000)]);
      const error = given(fundDecider, [fundOpened(), received(200_000)])
        .when(award(200_001))
        .thenThrows('FUND.AMOUNT_EXCEEDS_REQUEST');
      expect(error.details).toMatchObject({ requestedCents: 200_000 });
    });

    it('awards up to exactly what is left of the budget, naming what is left when above', () => {
      const events = [fundOpened(1_000), received(), received(1_000, other), awarded(400, other)];
      given(fundDecider, events)
        .when(award(600))
        .then([awarded(600)]);
      const error = given(fundDecider, events).when(award(601)).thenThrows('FUND.BUDGET_EXCEEDED');
      expect(error.details).toMatchObject({ remainingCents: 600, requestedCents: 601 });
    });

    it('counts budget increases, reservations and released money into what is left', () => {
      const budget = 1_000_000;
      const events = [
        fundOpened(budget),
        received(),
        received(2_000_000, other),
        proposed(600_000, 'clerk-x', other),
        increased(100_000),
      ];
      given(fundDecider, events).when(award(500_001)).thenThrows('FUND.BUDGET_EXCEEDED');
      const afterWithdrawal = [
        ...events,
        { ...withdrawn(600_000), data: { ...withdrawn(600_000).data, applicationId: other } },
      ];
      given(fundDecider, afterWithdrawal as FundEvent[])
        .when(award(499_999))
        .then([awarded(499_999)]);
      const released = [fundOpened(100), received(100, other), awarded(100, other), received(100)];
      given(fundDecider, released).when(award(1)).thenThrows('FUND.BUDGET_EXCEEDED');
      const settledOther = [
        ...released,
        { type: 'ApplicationSettled', data: { fundId, applicationId: other, caseId, releasedCents: 100 } },
      ];
      given(fundDecider, settledOther as FundEvent[])
        .when(award(100))
        .then([awarded(100)]);
    });

    it('does not count disbursements or rejected applications against the budget', () => {
      const events = [fundOpened(1_000), received(), received(700, other), awarded(700, other), disbursed(700, other)];
      given(fundDecider, events)
        .when(award(300))
        .then([awarded(300)]);
      given(fundDecider, [fundOpened(1_000), received(), received(5, other), rejected(other)])
        .when(award(1_000))
        .then([awarded(1_000)]);
    });

    it.each([0, -100, 99.5])('rejects the amount %p', (amountCents) => {
      given(fundDecider, withApplication()).when(award(amountCents)).thenThrows('FUND.INVALID_AMOUNT');
    });

    it.each([
      ['proofDueOn', { proofDueOn: '' }],
      ['proofDueOn', { proofDueOn: '2025-02-30' }],
      ['fundedFrom', { fundedFrom: '01.04.2025' }],
      ['fundedUntil', { fundedUntil: '2025-13-01' }],
    ])('needs real dates (%s)', (field, data) => {
      const error = given(fundDecider, withApplication()).when(award(100, data)).thenThrows('FUND.INVALID_DATE');
      expect(error.details).toMatchObject({ field });
      expect(error.message).toBe(`${field} must be a calendar date YYYY-MM-DD in the years 1900 to 2199`);
    });

    it('needs a proof date, naming it as missing when none is sent', () => {
      const error = given(fundDecider, withApplication())
        .when(award(100, { proofDueOn: undefined }))
        .thenThrows('FUND.INVALID_DATE');
      expect(error.details).toStrictEqual({ field: 'proofDueOn', value: null });
    });

    it('needs a funded period that runs forwards and ends before the proof is due', () => {
      given(fundDecider, withApplication())
        .when(award(100, { fundedFrom: '2025-05-01', fundedUntil: '2025-04-30' }))
        .thenThrows('FUND.INVALID_PERIOD');
      given(fundDecider, withApplication())
        .when(award(100, { fundedUntil: '2026-04-01', proofDueOn: '2026-03-31' }))
        .thenThrows('FUND.INVALID_PERIOD');
      given(fundDecider, withApplication())
        .when(award(100, { fundedFrom: '2026-04-01', proofDueOn: '2026-03-31' }))
        .thenThrows('FUND.INVALID_PERIOD');
      given(fundDecider, withApplication())
        .when(award(100, { fundedFrom: '2026-03-31', fundedUntil: '2026-03-31', proofDueOn: '2026-03-31' }))
        .then([awarded(100, app, { fundedFrom: '2026-03-31', fundedUntil: '2026-03-31' })]);
    });

    it('decides an application only once', () => {
      for (const decided of [awarded(100), rejected(), awarded(100), settled(0)]) {
        const history =
          decided.type === 'ApplicationSettled' ? withApplication(awarded(100), decided) : withApplication(decided);
        given(fundDecider, history).when(award(100)).thenThrows('FUND.APPLICATION_ALREADY_DECIDED');
      }
    });

    it('awards on a closed fund what it received before it closed', () => {
      given(fundDecider, withApplication(closed))
        .when(award(100))
        .then([awarded(100)]);
    });

    it('needs an open fund', () => {
      given(fundDecider).when(award(100)).thenThrows('FUND.NOT_FOUND', 'not_found');
    });

    it('treats ids that are names of Object.prototype members as ordinary ids', () => {
      given(fundDecider, [fundOpened(1_000)])
        .when(award(100, { applicationId: 'constructor' }))
        .thenThrows('FUND.APPLICATION_NOT_RECEIVED');
      given(fundDecider, [fundOpened(1_000)])
        .when(disburse(1, 'toString'))
        .thenThrows('FUND.APPLICATION_NOT_AWARDED');
    });
  });

  describe('four eyes', () => {
    it('only proposes an award at or above the tenant’s threshold, reserving the amount', () => {
      const state = given(fundDecider, withApplication())
        .when(award(500_000))
        .then([proposed(500_000)]);
      expect(state).toMatchObject({
        reservedCents: 500_000,
        awardedCents: 0,
        applications: { [app]: { status: 'proposed' } },
      });
    });

    it('follows the tenant’s own threshold', () => {
      const strict: DecisionContext = { decidedBy: 'clerk-anna', rules: { fourEyesThresholdCents: 100 } };
      given(fundDecider, withApplication())
        .when(award(100), strict)
        .then([proposed(100)]);
      given(fundDecider, withApplication())
        .when(award(99), strict)
        .then([awarded(99)]);
    });

    it('awards the proposal when another person confirms it, releasing the reservation into the award', () => {
      const state = given(fundDecider, withApplication(proposed(600_000)))
        .when(confirm, second)
        .then([awarded(600_000, app, { proposedBy: specContext.decidedBy })]);
      expect(state).toMatchObject({
        reservedCents: 0,
        awardedCents: 600_000,
        applications: { [app]: { status: 'awarded' } },
      });
    });

    it('awards the proposed funded period when the proposal is confirmed', () => {
      const period = { fundedFrom: '2025-04-01', fundedUntil: '2025-09-30', proofDueOn: '2025-12-31' };
      const proposal: FundEvent = {
        type: 'GrantAwardProposed',
        data: { fundId, applicationId: app, caseId, amountCents: 600_000, ...period, proposedBy: 'clerk-anna' },
      };
      given(fundDecider, withApplication(proposal))
        .when(confirm, second)
        .then([awarded(600_000, app, { ...period, proposedBy: 'clerk-anna' })]);
    });

    it('refuses the confirmation of the person who proposed it', () => {
      const error = given(fundDecider, withApplication(proposed(600_000)))
        .when(confirm, specContext)
        .thenThrows('FUND.FOUR_EYES_SAME_PERSON');
      expect(error.details).toMatchObject({ amountCents: 600_000 });
    });

    it('confirms only a proposal', () => {
      given(fundDecider, withApplication()).when(confirm, second).thenThrows('FUND.NO_AWARD_PROPOSED');
      given(fundDecider, withApplication(awarded(100)))
        .when(confirm, second)
        .thenThrows('FUND.NO_AWARD_PROPOSED');
      given(fundDecider, [fundOpened()]).when(confirm, second).thenThrows('FUND.APPLICATION_NOT_RECEIVED');
    });

    it('withdraws a proposal: the reservation goes back and the application is undecided again', () => {
      const state = given(fundDecider, withApplication(proposed(600_000)))
        .when(withdraw('Finanzplan wird überarbeitet'))
        .then([
          {
            ...withdrawn(600_000),
            data: { ...withdrawn(600_000).data, reason: 'Finanzplan wird überarbeitet' },
          } as FundEvent,
        ]);
      expect(state).toMatchObject({ reservedCents: 0, applications: { [app]: { status: 'received' } } });
      given(fundDecider, withApplication(proposed(600_000), withdrawn(600_000)))
        .when(award(100))
        .then([awarded(100)]);
    });

    it('withdraws only a proposal', () => {
      given(fundDecider, withApplication()).when(withdraw()).thenThrows('FUND.NO_AWARD_PROPOSED');
    });

    it('neither awards nor rejects while a proposal waits, naming the amount proposed', () => {
      const error = given(fundDecider, withApplication(proposed(600_000)))
        .when(award(100))
        .thenThrows('FUND.AWARD_PROPOSED');
      expect(error.details).toStrictEqual({ applicationId: app, proposedCents: 600_000 });
      given(fundDecider, withApplication(proposed(600_000)))
        .when(reject('Nein'))
        .thenThrows('FUND.AWARD_PROPOSED');
    });
  });

  describe('RejectApplication', () => {
    it('rejects a received, undecided application, taking the case from it', () => {
      given(fundDecider, withApplication()).when(reject('Nicht förderfähig')).then([rejected()]);
      given(fundDecider, withApplication())
        .when(reject('Nicht förderfähig', { caseId: otherCase }))
        .thenThrows('FUND.CASE_MISMATCH');
    });

    it('needs a rationale, also when the command comes without one', () => {
      const error = given(fundDecider, withApplication()).when(reject('  ')).thenThrows('FUND.RATIONALE_REQUIRED');
      expect(error.message).toBe('Rejecting an application needs a rationale');
      given(fundDecider, withApplication())
        .when(reject(undefined as unknown as string))
        .thenThrows('FUND.RATIONALE_REQUIRED');
    });

    it('needs a received application', () => {
      given(fundDecider, [fundOpened()]).when(reject('Nein')).thenThrows('FUND.APPLICATION_NOT_RECEIVED');
    });

    it('is refused for a decided application', () => {
      given(fundDecider, withApplication(awarded(100)))
        .when(reject('Doch nicht'))
        .thenThrows('FUND.APPLICATION_ALREADY_DECIDED');
      const error = given(fundDecider, withApplication(rejected()))
        .when(reject('Nochmal nein'))
        .thenThrows('FUND.APPLICATION_ALREADY_DECIDED');
      expect(error.details).toEqual({ applicationId: app, decision: 'rejected' });
    });

    it('needs an open fund', () => {
      given(fundDecider).when(reject('x')).thenThrows('FUND.NOT_FOUND', 'not_found');
    });
  });

  describe('DisburseGrant', () => {
    it('disburses in instalments up to exactly the award, with the case of the award', () => {
      const state = given(fundDecider, withApplication(awarded(1_000), disbursed(600)))
        .when(disburse(400))
        .then([disbursed(400)]);
      expect(state).toMatchObject({
        disbursedCents: 1_000,
        applications: { [app]: { status: 'awarded', awardedCents: 1_000, disbursedCents: 1_000 } },
      });
    });

    it('rejects a disbursement above what is left of the award', () => {
      const error = given(fundDecider, withApplication(awarded(1_000), disbursed(600)))
        .when(disburse(401))
        .thenThrows('FUND.DISBURSEMENT_EXCEEDS_AWARD');
      expect(error.details).toMatchObject({ awardedCents: 1_000, disbursedCents: 600, remainingCents: 400 });
    });

    it('needs an awarded, unsettled application', () => {
      const unknown = given(fundDecider, [fundOpened()]).when(disburse(100)).thenThrows('FUND.APPLICATION_NOT_AWARDED');
      expect(unknown.details).toEqual({ applicationId: app, decision: null });
      for (const history of [withApplication(), withApplication(rejected()), withApplication(proposed(600_000))])
        given(fundDecider, history).when(disburse(100)).thenThrows('FUND.APPLICATION_NOT_AWARDED');
      given(fundDecider, withApplication(awarded(100), settled(100)))
        .when(disburse(100))
        .thenThrows('FUND.APPLICATION_SETTLED');
    });

    it.each([0, -1, 0.5])('rejects the amount %p', (amountCents) => {
      given(fundDecider, withApplication(awarded(100)))
        .when(disburse(amountCents))
        .thenThrows('FUND.INVALID_AMOUNT');
    });

    it('needs an open fund', () => {
      given(fundDecider).when(disburse(100)).thenThrows('FUND.NOT_FOUND', 'not_found');
    });
  });

  describe('SubmitProofOfUse', () => {
    it('records what was spent and where the report lies', () => {
      const state = given(fundDecider, paidOut())
        .when(submitProof(290_000, 120.5))
        .then([
          {
            type: 'ProofOfUseSubmitted',
            data: {
              fundId,
              applicationId: app,
              caseId,
              spentCents: 290_000,
              reportRef: 'DMS-1',
              volunteerHours: 120.5,
            },
          },
        ]);
      expect(state).toMatchObject({ applications: { [app]: { proof: 'submitted', spentCents: 290_000 } } });
    });

    it('takes one proof at a time, and a new one only after a rejected review', () => {
      const waiting = given(fundDecider, paidOut(proofSubmitted(1)))
        .when(submitProof(2))
        .thenThrows('FUND.PROOF_ALREADY_SUBMITTED');
      expect(waiting.message).toBe(`A proof of use of application ${app} waits for its review`);
      const reviewedAlready = given(fundDecider, paidOut(proofSubmitted(1), reviewed('partially_accepted', 1)))
        .when(submitProof(2))
        .thenThrows('FUND.PROOF_ALREADY_SUBMITTED');
      expect(reviewedAlready.message).toBe(
        `The proof of use of application ${app} was already reviewed (partially_accepted)`,
      );
      given(fundDecider, paidOut(proofSubmitted(0), reviewed('rejected', 0)))
        .when(submitProof(300_000))
        .then([proofSubmitted(300_000)]);
    });

    it('needs an awarded application', () => {
      given(fundDecider, withApplication()).when(submitProof(1)).thenThrows('FUND.APPLICATION_NOT_AWARDED');
    });

    it('validates the amount and the hours', () => {
      const error = given(fundDecider, paidOut()).when(submitProof(-1)).thenThrows('FUND.INVALID_AMOUNT');
      expect(error.message).toBe('spentCents must be an integer number of cents >= 0');
      given(fundDecider, paidOut()).when(submitProof(1, -1)).thenThrows('FUND.INVALID_HOURS');
      given(fundDecider, paidOut())
        .when(submitProof(0))
        .then([proofSubmitted(0)]);
    });
  });

  describe('ReviewProofOfUse', () => {
    it('accepts (part of) a proof', () => {
      const state = given(fundDecider, paidOut(proofSubmitted(290_000)))
        .when(review('partially_accepted', 250_000))
        .then([reviewed('partially_accepted', 250_000)]);
      expect(state).toMatchObject({ applications: { [app]: { proof: 'partially_accepted', acceptedCents: 250_000 } } });
      given(fundDecider, paidOut(proofSubmitted(300_000)))
        .when(review('accepted', 300_000))
        .then([reviewed('accepted', 300_000)]);
      given(fundDecider, paidOut(proofSubmitted(290_000)))
        .when(review('rejected', 0))
        .then([reviewed('rejected', 0)]);
    });

    it.each([
      ['accepted', 299_999],
      ['partially_accepted', 300_000],
      ['partially_accepted', 0],
      ['rejected', 1],
    ] as const)('refuses the outcome %s with %p of 300 000 cents disbursed', (outcome, acceptedCents) => {
      given(fundDecider, paidOut(proofSubmitted(400_000)))
        .when(review(outcome, acceptedCents))
        .thenThrows('FUND.OUTCOME_CONTRADICTS_AMOUNT');
    });

    it('accepts at most what was spent and what was awarded', () => {
      given(fundDecider, paidOut(proofSubmitted(290_000)))
        .when(review('accepted', 290_001))
        .thenThrows('FUND.ACCEPTED_EXCEEDS_PROOF');
      given(fundDecider, paidOut(proofSubmitted(900_000)))
        .when(review('accepted', 400_001))
        .thenThrows('FUND.ACCEPTED_EXCEEDS_PROOF');
    });

    it('refuses an outcome it does not know', () => {
      given(fundDecider, paidOut(proofSubmitted(300_000)))
        .when(review('approved' as 'accepted', 300_000))
        .thenThrows('FUND.OUTCOME_CONTRADICTS_AMOUNT');
    });

    it('needs a proof waiting for review, and a rationale', () => {
      given(fundDecider, paidOut()).when(review('accepted', 0)).thenThrows('FUND.NO_PROOF_SUBMITTED');
      given(fundDecider, paidOut(proofSubmitted(1), reviewed('accepted', 1)))
        .when(review('accepted', 1))
        .thenThrows('FUND.NO_PROOF_SUBMITTED');
      const error = given(fundDecider, paidOut(proofSubmitted(300_000)))
        .when(review('accepted', 300_000, ' '))
        .thenThrows('FUND.RATIONALE_REQUIRED');
      expect(error.message).toBe('Reviewing a proof of use needs a rationale');
      given(fundDecider, paidOut(proofSubmitted(300_000)))
        .when(review('accepted', -1))
        .thenThrows('FUND.INVALID_AMOUNT');
    });
  });

  describe('ReclaimGrant and RecordRepayment', () => {
    it('reclaims up to what was paid out and neither accepted nor reclaimed', () => {
      const history = paidOut(proofSubmitted(300_000), reviewed('partially_accepted', 250_000));
      given(fundDecider, history)
        .when(reclaim(50_000))
        .then([reclaimed(50_000)]);
      given(fundDecider, [...history, reclaimed(30_000)])
        .when(reclaim(20_000))
        .then([reclaimed(20_000)]);
      const error = given(fundDecider, [...history, reclaimed(30_000)])
        .when(reclaim(20_001))
        .thenThrows('FUND.RECLAIM_EXCEEDS_UNACCEPTED');
      expect(error.details).toMatchObject({ reclaimableCents: 20_000 });
    });

    it('may reclaim before any review (the purpose failed)', () => {
      given(fundDecider, paidOut())
        .when(reclaim(300_000))
        .then([reclaimed(300_000)]);
      given(fundDecider, paidOut()).when(reclaim(300_001)).thenThrows('FUND.RECLAIM_EXCEEDS_UNACCEPTED');
    });

    it('needs an amount above zero, a reason and an awarded application', () => {
      const amount = given(fundDecider, paidOut()).when(reclaim(0)).thenThrows('FUND.INVALID_AMOUNT');
      expect(amount.details).toStrictEqual({ field: 'amountCents', value: 0 });
      const reason = given(fundDecider, paidOut()).when(reclaim(1, '')).thenThrows('FUND.RATIONALE_REQUIRED');
      expect(reason.message).toBe('Reclaiming a grant needs a reason');
      given(fundDecider, withApplication()).when(reclaim(1)).thenThrows('FUND.APPLICATION_NOT_AWARDED');
    });

    it('records repayments up to what was reclaimed and not repaid', () => {
      const history = paidOut(reclaimed(50_000), repaid(20_000));
      given(fundDecider, history)
        .when(repay(30_000))
        .then([repaid(30_000)]);
      const error = given(fundDecider, history).when(repay(30_001)).thenThrows('FUND.REPAYMENT_EXCEEDS_RECLAIM');
      expect(error.details).toMatchObject({ outstandingCents: 30_000 });
      given(fundDecider, paidOut()).when(repay(1)).thenThrows('FUND.REPAYMENT_EXCEEDS_RECLAIM');
      given(fundDecider, paidOut()).when(repay(0)).thenThrows('FUND.INVALID_AMOUNT');
    });
  });

  describe('SettleApplication', () => {
    it('closes the application and releases what was awarded and never paid out', () => {
      const history = paidOut(
        proofSubmitted(300_000),
        reviewed('partially_accepted', 250_000),
        reclaimed(50_000),
        repaid(50_000),
      );
      const state = given(fundDecider, history)
        .when(settle)
        .then([settled(100_000)]);
      expect(state).toMatchObject({ releasedCents: 100_000, applications: { [app]: { status: 'settled' } } });
    });

    it('settles an award that was never paid out without a proof, releasing all of it', () => {
      given(fundDecider, withApplication(awarded(400_000)))
        .when(settle)
        .then([settled(400_000)]);
    });

    it('needs a reviewed proof when money was paid out', () => {
      given(fundDecider, paidOut()).when(settle).thenThrows('FUND.PROOF_NOT_REVIEWED');
      given(fundDecider, paidOut(proofSubmitted(1)))
        .when(settle)
        .thenThrows('FUND.PROOF_NOT_REVIEWED');
    });

    it('needs reclaimed money repaid', () => {
      const error = given(
        fundDecider,
        paidOut(proofSubmitted(0), reviewed('rejected', 0), reclaimed(300_000), repaid(1)),
      )
        .when(settle)
        .thenThrows('FUND.REPAYMENT_OUTSTANDING');
      expect(error.details).toMatchObject({ outstandingCents: 299_999 });
    });

    it('settles once, and only awarded applications', () => {
      given(fundDecider, withApplication(awarded(1), settled(1)))
        .when(settle)
        .thenThrows('FUND.APPLICATION_SETTLED');
      given(fundDecider, withApplication(rejected())).when(settle).thenThrows('FUND.APPLICATION_NOT_AWARDED');
    });
  });

  describe('stores written before the grant procedure', () => {
    const legacyAward: FundEvent = {
      type: 'GrantAwarded',
      data: { fundId, applicationId: app, caseId, amountCents: 1_000, proofDueOn: null },
    };

    it('loads awards and rejections of applications the fund never received', () => {
      const state = given(fundDecider, [fundOpened(), legacyAward, disbursed(1_000), rejected(other)]).state;
      expect(state).toMatchObject({
        awardedCents: 1_000,
        applications: {
          [app]: { status: 'awarded', requestedCents: null, awardedCents: 1_000, disbursedCents: 1_000 },
          [other]: { status: 'rejected', requestedCents: null },
        },
      });
    });

    it('continues their procedure: proof, review, settlement', () => {
      given(fundDecider, [
        fundOpened(),
        legacyAward,
        disbursed(1_000),
        proofSubmitted(1_000),
        reviewed('accepted', 1_000),
      ])
        .when(settle)
        .then([settled(0)]);
    });

    it('receives such an application late without deciding it again', () => {
      given(fundDecider, [fundOpened(), legacyAward]).when(receive()).then([]);
    });
  });
});
