import fc from 'fast-check';
import { emptyFundHistory, foldFundEvent, FUND_ENTRY_TYPES, REVIEW_OUTCOMES } from './fund-history';
import { fundStatement, FundStatement } from './fund-statement';
import type { MetricsEvent } from './timed';

/**
 * The statement on arbitrary histories: any order of any fund events, also ones the domain would
 * refuse (a disbursement before the award, two reviews, an award without application), backdated
 * events, equal business times. Whatever the events, the identity holds and every column is the
 * independent sum below, computed straight from the event list.
 */
const FUND = 'fund-p';
const START = Date.UTC(2026, 0, 1);
const FUND_ONLY: readonly string[] = ['FundOpened', 'FundBudgetIncreased', 'FundClosed'];
const APPLICATION_TYPES = FUND_ENTRY_TYPES.filter((type) => !FUND_ONLY.includes(type));

interface Generated {
  type: string;
  applicationId: string;
  amountCents: number;
  day: number;
  proofDueOn: string | undefined;
  outcome: string;
}

const generated = fc.record({
  type: fc.constantFrom(...FUND_ENTRY_TYPES, ...APPLICATION_TYPES, 'GrantAwarded', 'GrantDisbursed'),
  applicationId: fc.constantFrom('a', 'b', 'c', 'd'),
  amountCents: fc.integer({ min: 1, max: 2_000_000 }),
  // few distinct days, so equal business times happen often
  day: fc.integer({ min: 0, max: 40 }),
  proofDueOn: fc.option(fc.constantFrom('2026-01-10', '2026-01-20', '2026-02-05'), { nil: undefined }),
  outcome: fc.constantFrom(...REVIEW_OUTCOMES),
});

const toEvent = (g: Generated, index: number): MetricsEvent => {
  const amountField: Record<string, string> = {
    FundOpened: 'budgetCents',
    ApplicationReceived: 'amountRequestedCents',
    ProofOfUseSubmitted: 'spentCents',
    ProofOfUseReviewed: 'acceptedCents',
  };
  return {
    type: g.type,
    data: {
      fundId: FUND,
      applicationId: g.applicationId,
      caseId: `case-${g.applicationId}`,
      [amountField[g.type] ?? 'amountCents']: g.amountCents,
      ...(g.proofDueOn ? { proofDueOn: g.proofDueOn } : {}),
      outcome: g.outcome,
      rationale: 'free text that must never show',
    },
    occurredAt: new Date(START + g.day * 86_400_000),
    position: index + 1,
  };
};

const ms = (event: MetricsEvent) => new Date(event.occurredAt).getTime();
const inOrder = (a: MetricsEvent, b: MetricsEvent) => ms(a) - ms(b) || a.position - b.position;
const amountOf = (event: MetricsEvent): number => {
  const data = event.data as Record<string, number>;
  return data.amountCents ?? data.budgetCents ?? data.acceptedCents ?? 0;
};
const app = (event: MetricsEvent) => (event.data as { applicationId: string }).applicationId;

/** Every column computed straight from the events, without the statement's fold. */
function independently(events: readonly MetricsEvent[], t: number) {
  const seen = events.filter((e) => ms(e) <= t).sort(inOrder);
  const of = (...types: string[]) => seen.filter((e) => types.includes(e.type));
  const total = (list: MetricsEvent[]) => list.reduce((sum, e) => sum + amountOf(e), 0);
  const ids = [...new Set(of(...APPLICATION_TYPES).map(app))];
  const perApplication = (id: string) => seen.filter((e) => !FUND_ONLY.includes(e.type) && app(e) === id);
  const awardedOf = (id: string) => total(perApplication(id).filter((e) => e.type === 'GrantAwarded'));
  const disbursedOf = (id: string) => total(perApplication(id).filter((e) => e.type === 'GrantDisbursed'));
  /** A proposal reserves until an award, withdrawal or rejection of its application comes after it. */
  const reservedOf = (id: string) => {
    const list = perApplication(id);
    const proposals = list.filter((e) => e.type === 'GrantAwardProposed');
    const last = proposals.at(-1);
    if (!last) return 0;
    const closed = list
      .slice(list.indexOf(last) + 1)
      .some((e) => ['GrantAwarded', 'GrantProposalWithdrawn', 'ApplicationRejected'].includes(e.type));
    return closed ? 0 : amountOf(last);
  };
  const settled = ids.filter((id) => perApplication(id).some((e) => e.type === 'ApplicationSettled'));
  const lastReview = (id: string) =>
    perApplication(id)
      .filter((e) => e.type === 'ProofOfUseReviewed')
      .at(-1);
  const budgetCents = total(of('FundOpened', 'FundBudgetIncreased'));
  return {
    budgetCents,
    reservedCents: ids.reduce((sum, id) => sum + reservedOf(id), 0),
    awardedCents: total(of('GrantAwarded')),
    disbursedCents: total(of('GrantDisbursed')),
    acceptedCents: ids.reduce((sum, id) => sum + (lastReview(id) ? amountOf(lastReview(id) as MetricsEvent) : 0), 0),
    reclaimedCents: total(of('GrantReclaimed')),
    repaidCents: total(of('RepaymentRecorded')),
    releasedCents: settled.reduce((sum, id) => sum + Math.max(0, awardedOf(id) - disbursedOf(id)), 0),
    applications: ids.length,
  };
}

const COLUMNS = [
  'reservedCents',
  'awardedCents',
  'disbursedCents',
  'acceptedCents',
  'reclaimedCents',
  'repaidCents',
  'releasedCents',
] as const;

const statementOf = (events: readonly MetricsEvent[], t: number): FundStatement =>
  fundStatement(events.reduce(foldFundEvent, emptyFundHistory()), new Date(t));

describe('fund statement on generated histories (fast-check)', () => {
  const histories = fc.tuple(fc.array(generated, { maxLength: 40 }), fc.integer({ min: -1, max: 45 }));

  it('available = budget − reserved − awarded + released, and every column is its independent sum', () => {
    fc.assert(
      fc.property(histories, ([list, day]) => {
        const events = list.map(toEvent);
        const t = START + day * 86_400_000 + 43_200_000;
        const s = statementOf(events, t);
        expect(s.availableCents).toBe(s.budgetCents - s.reservedCents - s.awardedCents + s.releasedCents);
        const expected = independently(events, t);
        expect({ ...s, applications: s.applications.length }).toMatchObject(expected);
        for (const column of COLUMNS) expect(s.applications.reduce((sum, a) => sum + a[column], 0)).toBe(s[column]);
        expect(JSON.stringify(s)).not.toContain('free text');
      }),
      { numRuns: 3000 },
    );
  });

  it('the same statement whatever order the events are folded in and however often (a rebuild, a retried batch)', () => {
    fc.assert(
      fc.property(histories, fc.integer(), ([list, day], seed) => {
        const events = list.map(toEvent);
        const t = START + day * 86_400_000;
        const shuffled = [...events, ...events.filter((_, i) => (i + seed) % 3 === 0)].sort(
          (a, b) => ((a.position * 7919 + seed) % 101) - ((b.position * 7919 + seed) % 101),
        );
        expect(statementOf(shuffled, t)).toEqual(statementOf(events, t));
      }),
      { numRuns: 2000 },
    );
  });
});
