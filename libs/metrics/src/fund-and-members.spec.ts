import { computeFundMetrics, emptyFundHistory, foldFundEvent } from './fund-metrics';
import { computeMemberRetention, emptyInitiativeHistory, foldInitiativeEvent } from './member-retention';
import { eventBuilder } from './testing/case-events';

describe('fund ratios', () => {
  const ev = eventBuilder();
  const fundId = 'fund-1';
  const fund = [
    ev('FundOpened', { fundId, name: 'F', year: 2026, budgetCents: 100_000 }, '2026-01-01T00:00:00Z'),
    ev('FundBudgetIncreased', { fundId, amountCents: 50_000, reason: 'r' }, '2026-02-01T00:00:00Z'),
    ev('GrantAwarded', { fundId, applicationId: 'a1', caseId: 'c1', amountCents: 60_000 }, '2026-01-15T00:00:00Z'),
    ev('ApplicationRejected', { fundId, applicationId: 'a2', caseId: 'c2', rationale: 'r' }, '2026-01-16T00:00:00Z'),
    ev('GrantAwarded', { fundId, applicationId: 'a3', caseId: 'c3', amountCents: 30_000 }, '2026-02-15T00:00:00Z'),
    ev('GrantDisbursed', { fundId, applicationId: 'a1', caseId: 'c1', amountCents: 45_000 }, '2026-02-20T00:00:00Z'),
  ].reduce(foldFundEvent, emptyFundHistory());

  it('awarded / budget and disbursed / awarded as of T', () => {
    // budget 150 000, awarded 90 000 (0.6), disbursed 45 000 (0.5)
    expect(computeFundMetrics(fund, new Date('2026-03-01T00:00:00Z'))).toEqual({
      fundId,
      budgetCents: 150_000,
      awardedCents: 90_000,
      disbursedCents: 45_000,
      awardedShare: 0.6,
      disbursedShare: 0.5,
    });
    // 01-20: budget 100 000, awarded 60 000 (0.6), nothing disbursed (0)
    expect(computeFundMetrics(fund, new Date('2026-01-20T00:00:00Z'))).toMatchObject({
      awardedShare: 0.6,
      disbursedShare: 0,
    });
    // 01-10: nothing awarded: disbursed / awarded undefined
    expect(computeFundMetrics(fund, new Date('2026-01-10T00:00:00Z'))).toMatchObject({
      awardedShare: 0,
      disbursedShare: null,
    });
    // before the fund opened: no budget
    expect(computeFundMetrics(fund, new Date('2025-12-01T00:00:00Z'))).toMatchObject({
      awardedShare: null,
      disbursedShare: null,
    });
  });
});

describe('member retention', () => {
  const ev = eventBuilder();
  const initiativeId = 'initiative-1';
  const report = (at: string, activeMembers: number, recordedAt?: string) =>
    ev('ActiveMembersReported', { initiativeId, activeMembers }, at, recordedAt);
  const history = [
    report('2026-01-10T00:00:00Z', 10),
    report('2026-02-10T00:00:00Z', 14),
    report('2026-03-10T00:00:00Z', 7),
  ].reduce(foldInitiativeEvent, emptyInitiativeHistory());

  it('latest / highest so far', () => {
    expect(computeMemberRetention(history, new Date('2026-04-01T00:00:00Z')).memberRetention).toBe(0.5); // 7 / 14
    expect(computeMemberRetention(history, new Date('2026-02-15T00:00:00Z')).memberRetention).toBe(1); // 14 / 14
    expect(computeMemberRetention(history, new Date('2026-01-01T00:00:00Z')).memberRetention).toBeNull();
  });

  it('a backdated report recorded later raises the highest but is not the latest', () => {
    const withBackdated = foldInitiativeEvent(history, report('2026-02-15T00:00:00Z', 20, '2026-04-01T00:00:00Z'));
    expect(computeMemberRetention(withBackdated, new Date('2026-04-02T00:00:00Z'))).toEqual({
      initiativeId,
      latestActiveMembers: 7,
      highestActiveMembers: 20,
      memberRetention: 0.35, // 7 / 20
    });
  });

  it('null when the highest is 0', () => {
    const zero = foldInitiativeEvent(emptyInitiativeHistory(), report('2026-01-10T00:00:00Z', 0));
    expect(computeMemberRetention(zero, new Date('2026-02-01T00:00:00Z')).memberRetention).toBeNull();
  });
});
