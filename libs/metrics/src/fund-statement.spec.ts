import { emptyFundHistory, foldFundEvent, FundHistory } from './fund-history';
import { computeFundMetrics } from './fund-metrics';
import { fundStatement } from './fund-statement';
import { eventBuilder } from './testing/case-events';

describe('fund statement and grant-procedure metrics', () => {
  const ev = eventBuilder();
  const fundId = 'fund-1';
  const a = (applicationId: string, caseId = `case-${applicationId}`) => ({ fundId, applicationId, caseId });
  // Winter: Berlin = UTC+1, so the end of 2026-03-31 is 2026-03-31T21:59:59.999Z (summer time from 03-29).
  let history: FundHistory;
  beforeEach(() => {
    history = [
      ev('FundOpened', { fundId, name: 'F', year: 2026, budgetCents: 1_000_000 }, '2026-01-01T08:00:00Z'),
      ev(
        'ApplicationReceived',
        { ...a('a1'), amountRequestedCents: 300_000, purpose: 'Zeltlager' },
        '2026-01-10T08:00:00Z',
      ),
      ev(
        'GrantAwarded',
        { ...a('a1'), amountCents: 250_000, proofDueOn: '2026-03-31', rationale: 'gut' },
        '2026-01-20T08:00:00Z',
      ),
      ev('GrantDisbursed', { ...a('a1'), amountCents: 200_000 }, '2026-01-25T08:00:00Z'),
      ev('ProofOfUseSubmitted', { ...a('a1'), spentCents: 150_000, reportRef: 'DMS-1' }, '2026-03-20T08:00:00Z'),
      ev(
        'ProofOfUseReviewed',
        { ...a('a1'), outcome: 'partially_accepted', acceptedCents: 150_000, rationale: 'x' },
        '2026-03-30T08:00:00Z',
      ),
      ev('GrantReclaimed', { ...a('a1'), amountCents: 50_000, reason: 'nicht verwendet' }, '2026-04-02T08:00:00Z'),
      ev('RepaymentRecorded', { ...a('a1'), amountCents: 20_000 }, '2026-04-10T08:00:00Z'),
      ev('ApplicationSettled', a('a1'), '2026-04-20T08:00:00Z'),
      // four eyes: proposed (reserved), then confirmed
      ev('ApplicationReceived', { ...a('a2'), amountRequestedCents: 600_000, purpose: 'Dach' }, '2026-01-11T08:00:00Z'),
      ev('GrantAwardProposed', { ...a('a2'), amountCents: 600_000, proofDueOn: '2026-02-28' }, '2026-01-21T08:00:00Z'),
      ev('GrantAwarded', { ...a('a2'), amountCents: 600_000 }, '2026-01-28T08:00:00Z'),
      // a proposal withdrawn, then rejected
      ev(
        'ApplicationReceived',
        { ...a('a3'), amountRequestedCents: 100_000, purpose: 'Feier' },
        '2026-01-12T08:00:00Z',
      ),
      ev('GrantAwardProposed', { ...a('a3'), amountCents: 100_000, proofDueOn: '2026-06-30' }, '2026-01-22T08:00:00Z'),
      ev('GrantProposalWithdrawn', a('a3'), '2026-01-23T08:00:00Z'),
      ev('ApplicationRejected', { ...a('a3'), rationale: 'r' }, '2026-01-24T08:00:00Z'),
      // an award stored before awards had a proof due date, and without ApplicationReceived
      ev('GrantAwarded', { ...a('legacy'), amountCents: 50_000 }, '2025-12-20T08:00:00Z'),
    ].reduce(foldFundEvent, emptyFundHistory());
  });

  it('as of 22 January: a1 and the legacy award awarded, a2 and a3 proposed (reserved)', () => {
    const s = fundStatement(history, new Date('2026-01-22T12:00:00Z'));
    expect(s).toMatchObject({
      budgetCents: 1_000_000,
      reservedCents: 700_000,
      awardedCents: 300_000,
      releasedCents: 0,
      availableCents: 0,
    });
    expect(s.applications.map((x) => [x.applicationId, x.status])).toEqual([
      ['a1', 'awarded'],
      ['a2', 'proposed'],
      ['a3', 'proposed'],
      ['legacy', 'awarded'],
    ]);
  });

  it('as of 1 May: every column, the identity and each application with status and dates', () => {
    const s = fundStatement(history, new Date('2026-05-01T00:00:00Z'));
    expect(s).toMatchObject({
      fundId,
      budgetCents: 1_000_000,
      reservedCents: 0,
      awardedCents: 900_000,
      disbursedCents: 200_000,
      acceptedCents: 150_000,
      reclaimedCents: 50_000,
      repaidCents: 20_000,
      releasedCents: 50_000, // a1 settled: 250 000 awarded − 200 000 disbursed
      availableCents: 150_000, // 1 000 000 − 0 − 900 000 + 50 000
    });
    const byId = Object.fromEntries(s.applications.map((x) => [x.applicationId, x]));
    expect(byId.a1).toMatchObject({
      status: 'settled',
      caseId: 'case-a1',
      requestedCents: 300_000,
      spentCents: 150_000,
      receivedAt: '2026-01-10T08:00:00.000Z',
      awardedAt: '2026-01-20T08:00:00.000Z',
      proofDueOn: '2026-03-31',
      proofSubmittedAt: '2026-03-20T08:00:00.000Z',
      proofReviewedAt: '2026-03-30T08:00:00.000Z',
      reviewOutcome: 'partially_accepted',
      proof: 'reviewed',
      settledAt: '2026-04-20T08:00:00.000Z',
    });
    expect(byId.a2).toMatchObject({ status: 'awarded', proofDueOn: '2026-02-28', proof: 'overdue', reservedCents: 0 });
    expect(byId.a3).toMatchObject({ status: 'rejected', reservedCents: 0, awardedCents: 0, proof: null });
    expect(byId.legacy).toMatchObject({
      status: 'awarded',
      requestedCents: null,
      receivedAt: null,
      proofDueOn: null,
      proof: null,
    });
    expect(JSON.stringify(s)).not.toMatch(/gut|Zeltlager|DMS-1|nicht verwendet/);
  });

  it('proof due until the last millisecond of proofDueOn in the tenant zone, overdue after it', () => {
    const at = (iso: string) =>
      fundStatement(history, new Date(iso)).applications.find((x) => x.applicationId === 'a2');
    expect(at('2026-02-28T22:59:59.999Z')?.proof).toBe('due');
    expect(at('2026-02-28T23:00:00.000Z')?.proof).toBe('overdue');
    const inZone = (timeZone: string) =>
      fundStatement(history, new Date('2026-02-28T23:00:00.000Z'), timeZone).applications[1];
    expect(inZone('UTC')).toMatchObject({ applicationId: 'a2', proof: 'due' });
    expect(inZone('Asia/Tokyo')).toMatchObject({ applicationId: 'a2', proof: 'overdue' });
  });

  it('metrics: proofOverdueShare, daysToProofReview, reclaimRate, repaidShare', () => {
    // 1 May: a1 (due 03-31, reviewed) and a2 (due 02-28, not reviewed) are past due; legacy has no due date.
    expect(computeFundMetrics(history, new Date('2026-05-01T00:00:00Z'))).toEqual({
      fundId,
      budgetCents: 1_000_000,
      awardedCents: 900_000,
      disbursedCents: 200_000,
      awardedShare: 0.9,
      disbursedShare: 200_000 / 900_000,
      proofsPastDue: 2,
      proofsOverdue: 1,
      proofOverdueShare: 0.5,
      daysToProofReview: 10,
      reclaimRate: 0.25,
      repaidShare: 0.4,
    });
    // 1 March: only a2 is past due, and not reviewed; nothing reviewed or reclaimed yet
    expect(computeFundMetrics(history, new Date('2026-03-01T00:00:00Z'))).toMatchObject({
      proofOverdueShare: 1,
      daysToProofReview: null,
      reclaimRate: 0,
      repaidShare: null,
    });
    // 10 January: nothing disbursed, no proof past due
    expect(computeFundMetrics(history, new Date('2026-01-10T00:00:00Z'))).toMatchObject({
      awardedShare: 0.05,
      proofOverdueShare: null,
      reclaimRate: null,
    });
    // before the fund opened: no budget, nothing defined
    expect(computeFundMetrics(history, new Date('2025-12-01T00:00:00Z'))).toMatchObject({
      awardedShare: null,
      disbursedShare: null,
    });
  });

  it('an award settled without anything paid out owes no proof and gives everything back; a closed fund says when it closed', () => {
    const settled = [
      ev('GrantAwarded', { ...a('a4'), amountCents: 40_000, proofDueOn: '2026-02-15' }, '2026-01-05T08:00:00Z'),
      ev('ApplicationSettled', { ...a('a4'), releasedCents: 40_000 }, '2026-02-01T08:00:00Z'),
      ev('FundClosed', { fundId }, '2026-04-30T08:00:00Z'),
    ].reduce(foldFundEvent, history);
    const before = fundStatement(settled, new Date('2026-01-31T00:00:00Z'));
    expect(before.applications.find((x) => x.applicationId === 'a4')).toMatchObject({
      status: 'awarded',
      proof: 'due',
    });
    expect(before.closedAt).toBeNull();
    const after = fundStatement(settled, new Date('2026-05-01T00:00:00Z'));
    expect(after.applications.find((x) => x.applicationId === 'a4')).toMatchObject({
      status: 'settled',
      releasedCents: 40_000,
      proof: null,
    });
    expect(after).toMatchObject({
      closedAt: '2026-04-30T08:00:00.000Z',
      releasedCents: 90_000,
      availableCents: 150_000,
    });
    expect(computeFundMetrics(settled, new Date('2026-05-01T00:00:00Z'))).toMatchObject({
      proofsPastDue: 2,
      proofsOverdue: 1,
    });
  });

  it("another case's refused attempt to reuse an application id leaves the application as it is", () => {
    const reused = foldFundEvent(
      history,
      ev(
        'ApplicationRefused',
        { ...a('a2', 'case-x'), amountRequestedCents: 5, code: 'FUND.APPLICATION_ID_IN_USE' },
        '2026-01-12T00:00:00Z',
      ),
    );
    const at = new Date('2026-01-15T00:00:00Z');
    expect(fundStatement(reused, at).applications.find((x) => x.applicationId === 'a2')).toMatchObject({
      caseId: 'case-a2',
      status: 'received',
      refusedAt: null,
    });
    const refused = foldFundEvent(
      emptyFundHistory(),
      ev('ApplicationRefused', { ...a('z'), amountRequestedCents: 5, code: 'FUND.CLOSED' }, '2026-01-12T00:00:00Z'),
    );
    expect(fundStatement(refused, at).applications[0]).toMatchObject({
      status: 'refused',
      refusedAt: '2026-01-12T00:00:00.000Z',
    });
  });

  it('a proof due date that is no calendar date gives no proof state instead of failing', () => {
    const odd = foldFundEvent(
      emptyFundHistory(),
      ev('GrantAwarded', { ...a('odd'), amountCents: 1, proofDueOn: '2026-02-30' }, '2026-01-01T00:00:00Z'),
    );
    const s = fundStatement(odd, new Date('2026-05-01T00:00:00Z'));
    expect(s.applications[0].proof).toBeNull();
    expect(computeFundMetrics(odd, new Date('2026-05-01T00:00:00Z')).proofOverdueShare).toBeNull();
  });

  it('ignores events of other funds and other types, and an event folded twice counts once', () => {
    const other = ev(
      'GrantAwarded',
      { fundId: 'fund-2', applicationId: 'x', caseId: 'c', amountCents: 9 },
      '2026-01-02T00:00:00Z',
    );
    const unrelated = ev('RequestSubmitted', { caseId: 'c' }, '2026-01-02T00:00:00Z');
    const again = history.entries.length;
    const folded = [other, unrelated].reduce(foldFundEvent, history);
    expect(folded.entries).toHaveLength(again);
    const last = ev('GrantDisbursed', { ...a('a2'), amountCents: 5 }, '2026-02-01T00:00:00Z');
    const twice = foldFundEvent(foldFundEvent(history, last), last);
    expect(fundStatement(twice, new Date('2026-05-01T00:00:00Z')).disbursedCents).toBe(200_005);
  });
});
