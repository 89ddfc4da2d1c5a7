import { fundOpened, given, ids } from '../testing';
import { FundEvent } from './events';
import { fundDecider } from './fund.decider';

const caseId = ids.case;
const increased = (amountCents: number): FundEvent => ({
  type: 'FundBudgetIncreased',
  data: { fundId: ids.fund, amountCents, reason: 'Nachtragshaushalt' },
});
const awarded = (amountCents: number, applicationId: string = ids.application): FundEvent => ({
  type: 'GrantAwarded',
  data: { fundId: ids.fund, applicationId, caseId, amountCents },
});
const rejected = (applicationId: string = ids.application): FundEvent => ({
  type: 'ApplicationRejected',
  data: { fundId: ids.fund, applicationId, caseId, rationale: 'Nicht förderfähig' },
});
const disbursed = (amountCents: number, applicationId: string = ids.application): FundEvent => ({
  type: 'GrantDisbursed',
  data: { fundId: ids.fund, applicationId, caseId, amountCents },
});

const open = (budgetCents: number) =>
  ({ type: 'OpenFund', data: { fundId: ids.fund, name: 'Mit-mach-Fonds 2025', year: 2025, budgetCents } }) as const;
const increase = (amountCents: number) =>
  ({ type: 'IncreaseFundBudget', data: { fundId: ids.fund, amountCents, reason: 'Nachtragshaushalt' } }) as const;
const award = (amountCents: number, applicationId: string = ids.application, rationale?: string) =>
  ({
    type: 'AwardGrant',
    data: { fundId: ids.fund, applicationId, caseId, amountCents, ...(rationale ? { rationale } : {}) },
  }) as const;
const reject = (rationale: string, applicationId: string = ids.application) =>
  ({ type: 'RejectApplication', data: { fundId: ids.fund, applicationId, caseId, rationale } }) as const;
const disburse = (amountCents: number, applicationId: string = ids.application) =>
  ({ type: 'DisburseGrant', data: { fundId: ids.fund, applicationId, amountCents } }) as const;

describe('fund decider', () => {
  describe('OpenFund', () => {
    it('opens a fund', () => {
      const state = given(fundDecider)
        .when(open(500_000))
        .then([fundOpened(500_000)]);
      expect(state).toMatchObject({ status: 'open', budgetCents: 500_000, awardedCents: 0, disbursedCents: 0 });
    });

    it('accepts a zero budget (to be increased later)', () => {
      given(fundDecider)
        .when(open(0))
        .then([fundOpened(0)]);
    });

    it('opens once per id', () => {
      given(fundDecider, [fundOpened()]).when(open(1)).thenThrows('FUND.ALREADY_OPENED');
    });

    it.each([-1, 10.5])('rejects the budget %p', (budgetCents) => {
      given(fundDecider).when(open(budgetCents)).thenThrows('FUND.INVALID_AMOUNT');
    });
  });

  describe('IncreaseFundBudget', () => {
    it('increases the budget', () => {
      const state = given(fundDecider, [fundOpened(100)])
        .when(increase(50))
        .then([increased(50)]);
      expect(state).toMatchObject({ budgetCents: 150 });
    });

    it.each([0, -5, 1.5])('rejects the amount %p', (amountCents) => {
      given(fundDecider, [fundOpened()]).when(increase(amountCents)).thenThrows('FUND.INVALID_AMOUNT');
    });

    it('needs an open fund', () => {
      given(fundDecider).when(increase(50)).thenThrows('FUND.NOT_FOUND', 'not_found');
    });
  });

  describe('AwardGrant', () => {
    it('awards up to exactly the remaining budget', () => {
      const state = given(fundDecider, [fundOpened(1_000), awarded(400, ids.otherApplication)])
        .when(award(600))
        .then([awarded(600)]);
      expect(state).toMatchObject({ awardedCents: 1_000 });
    });

    it('carries the rationale when given', () => {
      given(fundDecider, [fundOpened(1_000)])
        .when(award(100, ids.application, 'Gute Idee'))
        .then([
          {
            type: 'GrantAwarded',
            data: {
              fundId: ids.fund,
              applicationId: ids.application,
              caseId,
              amountCents: 100,
              rationale: 'Gute Idee',
            },
          },
        ]);
    });

    it('rejects an award above the remaining budget, naming what is left', () => {
      const error = given(fundDecider, [fundOpened(1_000), awarded(400, ids.otherApplication)])
        .when(award(601))
        .thenThrows('FUND.BUDGET_EXCEEDED');
      expect(error.details).toMatchObject({ remainingCents: 600, requestedCents: 601 });
    });

    it('counts budget increases into the remaining budget', () => {
      const events = [fundOpened(1_000), awarded(900, ids.otherApplication), increased(500)];
      given(fundDecider, events)
        .when(award(600))
        .then([awarded(600)]);
      const error = given(fundDecider, events).when(award(601)).thenThrows('FUND.BUDGET_EXCEEDED');
      expect(error.details).toMatchObject({ remainingCents: 600 });
    });

    it('does not count disbursements against the budget a second time', () => {
      const events = [fundOpened(1_000), awarded(700, ids.otherApplication), disbursed(700, ids.otherApplication)];
      given(fundDecider, events)
        .when(award(300))
        .then([awarded(300)]);
      given(fundDecider, events).when(award(301)).thenThrows('FUND.BUDGET_EXCEEDED');
    });

    it('does not count rejected applications against the budget', () => {
      given(fundDecider, [fundOpened(1_000), rejected(ids.otherApplication)])
        .when(award(1_000))
        .then([awarded(1_000)]);
    });

    it.each([0, -100, 99.5])('rejects the amount %p', (amountCents) => {
      given(fundDecider, [fundOpened()]).when(award(amountCents)).thenThrows('FUND.INVALID_AMOUNT');
    });

    it('decides an application only once (after an award)', () => {
      given(fundDecider, [fundOpened(), awarded(100)])
        .when(award(100))
        .thenThrows('FUND.APPLICATION_ALREADY_DECIDED');
    });

    it('decides an application only once (after a rejection)', () => {
      const error = given(fundDecider, [fundOpened(), rejected()])
        .when(award(100))
        .thenThrows('FUND.APPLICATION_ALREADY_DECIDED');
      expect(error.details).toEqual({ applicationId: ids.application, decision: 'rejected' });
    });

    it('needs an open fund', () => {
      given(fundDecider).when(award(100)).thenThrows('FUND.NOT_FOUND', 'not_found');
    });

    it('treats ids that are names of Object.prototype members as ordinary ids', () => {
      given(fundDecider, [fundOpened(1_000)])
        .when(award(100, 'constructor'))
        .then([awarded(100, 'constructor')]);
      given(fundDecider, [fundOpened(1_000)])
        .when(disburse(1, 'toString'))
        .thenThrows('FUND.APPLICATION_NOT_AWARDED');
    });
  });

  describe('RejectApplication', () => {
    it('rejects an undecided application', () => {
      given(fundDecider, [fundOpened()]).when(reject('Nicht förderfähig')).then([rejected()]);
    });

    it('needs a rationale', () => {
      given(fundDecider, [fundOpened()]).when(reject('  ')).thenThrows('FUND.RATIONALE_REQUIRED');
    });

    it('is rejected for a decided application', () => {
      given(fundDecider, [fundOpened(), awarded(100)])
        .when(reject('Doch nicht'))
        .thenThrows('FUND.APPLICATION_ALREADY_DECIDED');
      given(fundDecider, [fundOpened(), rejected()])
        .when(reject('Nochmal nein'))
        .thenThrows('FUND.APPLICATION_ALREADY_DECIDED');
    });

    it('needs an open fund', () => {
      given(fundDecider).when(reject('x')).thenThrows('FUND.NOT_FOUND', 'not_found');
    });
  });

  describe('DisburseGrant', () => {
    it('disburses in instalments up to exactly the award', () => {
      const state = given(fundDecider, [fundOpened(), awarded(1_000), disbursed(600)])
        .when(disburse(400))
        .then([disbursed(400)]);
      expect(state).toMatchObject({
        disbursedCents: 1_000,
        applications: { [ids.application]: { decision: 'awarded', awardedCents: 1_000, disbursedCents: 1_000 } },
      });
    });

    it('carries the case id of the award', () => {
      const [event] = fundDecider.decide(
        disburse(10),
        [fundOpened(), awarded(100)].reduce(fundDecider.evolve, fundDecider.initialState()),
      );
      expect(event.data).toStrictEqual({ fundId: ids.fund, applicationId: ids.application, caseId, amountCents: 10 });
    });

    it('rejects a disbursement above what is left of the award', () => {
      const error = given(fundDecider, [fundOpened(), awarded(1_000), disbursed(600)])
        .when(disburse(401))
        .thenThrows('FUND.DISBURSEMENT_EXCEEDS_AWARD');
      expect(error.details).toMatchObject({ awardedCents: 1_000, disbursedCents: 600, remainingCents: 400 });
    });

    it('limits each application by its own award', () => {
      given(fundDecider, [fundOpened(), awarded(100), awarded(900, ids.otherApplication)])
        .when(disburse(101))
        .thenThrows('FUND.DISBURSEMENT_EXCEEDS_AWARD');
    });

    it('needs an awarded application', () => {
      const unknown = given(fundDecider, [fundOpened()]).when(disburse(100)).thenThrows('FUND.APPLICATION_NOT_AWARDED');
      expect(unknown.details).toEqual({ applicationId: ids.application, decision: null });
      const refused = given(fundDecider, [fundOpened(), rejected()])
        .when(disburse(100))
        .thenThrows('FUND.APPLICATION_NOT_AWARDED');
      expect(refused.details).toEqual({ applicationId: ids.application, decision: 'rejected' });
    });

    it.each([0, -1, 0.5])('rejects the amount %p', (amountCents) => {
      given(fundDecider, [fundOpened(), awarded(100)])
        .when(disburse(amountCents))
        .thenThrows('FUND.INVALID_AMOUNT');
    });

    it('needs an open fund', () => {
      given(fundDecider).when(disburse(100)).thenThrows('FUND.NOT_FOUND', 'not_found');
    });
  });
});
