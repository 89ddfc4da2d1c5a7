import { emptyFundHistory, foldFundEvent } from './fund-history';
import { computeFundMetrics } from './fund-metrics';
import { fundStatement } from './fund-statement';
import { BuiltEvent, eventBuilder } from './testing/case-events';

/** How the fund statement and its metrics read stored fund events, hand-computed from docs/METRICS.md ("Funds"). */
const fundId = 'fund-r';
const fold = (events: BuiltEvent[]) => events.reduce(foldFundEvent, emptyFundHistory());

describe('the fund statement reading stored events', () => {
  const ev = eventBuilder();
  const app = (applicationId: string, caseId = `case-${applicationId}`) => ({ fundId, applicationId, caseId });
  const opened = () =>
    ev('FundOpened', { fundId, name: 'F', year: 2026, budgetCents: 1_000_000 }, '2026-01-01T08:00:00Z');
  const asOf = new Date('2026-06-01T00:00:00Z');

  it('lists the applications by id, whatever order they arrived in', () => {
    const history = fold([
      opened(),
      ev('ApplicationReceived', { ...app('a2'), amountRequestedCents: 100 }, '2026-01-10T08:00:00Z'),
      ev('ApplicationReceived', { ...app('a1'), amountRequestedCents: 100 }, '2026-01-11T08:00:00Z'),
    ]);
    expect(fundStatement(history, asOf).applications.map((a) => a.applicationId)).toEqual(['a1', 'a2']);
  });

  it('keeps the case an application was received for when a later event names none, and says null when none ever did', () => {
    const history = fold([
      opened(),
      ev('ApplicationReceived', { ...app('a1'), amountRequestedCents: 100 }, '2026-01-10T08:00:00Z'),
      ev('GrantDisbursed', { fundId, applicationId: 'a1', amountCents: 50 }, '2026-01-20T08:00:00Z'),
      ev('GrantAwarded', { fundId, applicationId: 'old', amountCents: 70 }, '2026-01-21T08:00:00Z'),
    ]);
    const [a1, old] = fundStatement(history, asOf).applications;
    expect(a1).toMatchObject({ applicationId: 'a1', caseId: 'case-a1', disbursedCents: 50 });
    expect(old).toMatchObject({ applicationId: 'old', caseId: null, awardedCents: 70 });
  });

  it('says when an award was first proposed, through a withdrawal and a second proposal', () => {
    const history = fold([
      opened(),
      ev('ApplicationReceived', { ...app('a1'), amountRequestedCents: 600_000 }, '2026-01-10T08:00:00Z'),
      ev(
        'GrantAwardProposed',
        { ...app('a1'), amountCents: 600_000, proofDueOn: '2026-06-30' },
        '2026-01-12T08:00:00Z',
      ),
      ev('GrantProposalWithdrawn', app('a1'), '2026-01-13T08:00:00Z'),
      ev(
        'GrantAwardProposed',
        { ...app('a1'), amountCents: 500_000, proofDueOn: '2026-06-30' },
        '2026-01-14T08:00:00Z',
      ),
    ]);
    expect(fundStatement(history, asOf).applications[0]).toMatchObject({
      status: 'proposed',
      proposedAt: '2026-01-12T08:00:00.000Z',
      reservedCents: 500_000,
    });
  });

  it('leaves out an application event stored without its application id, and reads an amount that is no whole number of cents as none', () => {
    const history = fold([
      opened(),
      ev('GrantDisbursed', { fundId, amountCents: 5_000 }, '2026-01-09T08:00:00Z'),
      ev('GrantAwarded', { ...app('a1'), amountCents: 1_000 }, '2026-01-10T08:00:00Z'),
      ev('GrantDisbursed', { ...app('a1'), amountCents: 12.5 }, '2026-01-11T08:00:00Z'),
      ev('GrantDisbursed', { ...app('a1'), amountCents: '100' }, '2026-01-12T08:00:00Z'),
    ]);
    const statement = fundStatement(history, asOf);
    expect(statement.applications.map((a) => a.applicationId)).toEqual(['a1']);
    expect(statement).toMatchObject({ awardedCents: 1_000, disbursedCents: 0 });
  });
});

describe('grant-procedure metrics at their edges', () => {
  const ev = eventBuilder();
  const app = (applicationId: string) => ({ fundId, applicationId, caseId: `case-${applicationId}` });
  const award = (applicationId: string, proofDueOn: string) =>
    ev('GrantAwarded', { ...app(applicationId), amountCents: 1_000, proofDueOn }, '2026-01-10T08:00:00Z');
  let history: ReturnType<typeof fold>;
  beforeEach(() => {
    history = fold([
      ev('FundOpened', { fundId, name: 'F', year: 2026, budgetCents: 1_000_000 }, '2026-01-01T08:00:00Z'),
      award('due-march', '2026-03-31'), // ends 2026-03-31T21:59:59.999Z (CEST)
      award('due-june', '2026-06-30'),
      award('reviewed', '2026-02-28'),
      ev('ProofOfUseSubmitted', { ...app('reviewed'), spentCents: 1_000, reportRef: 'r' }, '2026-02-10T08:00:00Z'),
      ev(
        'ProofOfUseReviewed',
        { ...app('reviewed'), outcome: 'accepted', acceptedCents: 1_000 },
        '2026-02-20T08:00:00Z',
      ),
      ev('ProofOfUseSubmitted', { ...app('due-june'), spentCents: 1_000, reportRef: 'r' }, '2026-04-01T08:00:00Z'),
    ]);
  });

  it('a proof is past due only after the last millisecond of its day; one due later is not counted', () => {
    expect(computeFundMetrics(history, new Date('2026-03-31T21:59:59.999Z'))).toMatchObject({
      proofsPastDue: 1, // the reviewed one
      proofsOverdue: 0,
      proofOverdueShare: 0,
    });
    expect(computeFundMetrics(history, new Date('2026-03-31T22:00:00.000Z'))).toMatchObject({
      proofsPastDue: 2,
      proofsOverdue: 1,
      proofOverdueShare: 0.5,
    });
  });

  it('daysToProofReview counts reviewed proofs only: a proof submitted and not yet reviewed is no duration', () => {
    // reviewed: submitted 10 Feb, reviewed 20 Feb; due-june: submitted 1 April, no review yet.
    expect(computeFundMetrics(history, new Date('2026-04-02T00:00:00Z')).daysToProofReview).toBe(10);
  });
});
