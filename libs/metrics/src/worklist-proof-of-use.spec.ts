import { foldCaseEvents } from './case-history';
import { emptyFundHistory, foldFundEvent, FundHistory } from './fund-history';
import { reminderOccasions } from './reminders';
import { resolveMetricsSettings } from './settings';
import { caseEvents, eventBuilder, positions } from './testing/case-events';
import { caseWorklistItems, selectWorklist, WorklistCase } from './worklist';

/**
 * Proofs of use in the worklist, hand-computed from docs/METRICS.md ("Worklist", "Funds"). Winter
 * time: Berlin = UTC+1, so the end of 2026-03-31 is 2026-03-31T21:59:59.999Z (summer time from
 * 29 March: the end of a day in April is 21:59:59.999Z too).
 */
describe('worklist: proof of use (pure)', () => {
  const settings = resolveMetricsSettings({ responseTargetDays: 14, dormancyDays: 90 });
  const next = positions();
  const ev = eventBuilder(next);
  const fundId = 'fund-1';
  const on = (caseId: string, applicationId: string) => ({ fundId, applicationId, caseId });
  const grants = (...events: ReturnType<typeof ev>[]): FundHistory[] => [
    events.reduce(foldFundEvent, emptyFundHistory()),
  ];
  const caseOf = (caseId: string, fund: FundHistory[], closedAt?: string): WorklistCase => {
    const e = caseEvents(caseId, next);
    return {
      history: foldCaseEvents([
        e.submitted('2026-01-05T08:00:00Z'),
        e.acknowledged('2026-01-06T08:00:00Z'),
        ...(closedAt === undefined ? [] : [e.closed(closedAt)]),
      ]),
      file: { caseId, title: 'Zeltlager', unitId: 'unit-1', staffRef: 'a', interimUse: [] },
      grants: fund,
    };
  };
  const proofItems = (c: WorklistCase, at: string) =>
    caseWorklistItems(c, new Date(at), settings).filter((item) => item.kind.startsWith('proof_of_use'));
  const awarded = (caseId: string, applicationId: string, proofDueOn: string | null, at = '2026-01-20T08:00:00Z') =>
    ev('GrantAwarded', { ...on(caseId, applicationId), amountCents: 250_000, proofDueOn }, at);

  it('an award is due at the end of its proofDueOn, overdue after it by started days; it names the application, the case unit and staff member', () => {
    const c = caseOf('c1', grants(awarded('c1', 'a1', '2026-03-31')));
    expect(proofItems(c, '2026-01-19T12:00:00Z')).toEqual([]); // before the award
    expect(proofItems(c, '2026-03-01T12:00:00Z')).toEqual([
      {
        kind: 'proof_of_use_due',
        caseId: 'c1',
        caseTitle: 'Zeltlager',
        dueOn: '2026-03-31',
        dueAt: '2026-03-31T21:59:59.999Z',
        overdueDays: 0,
        unitId: 'unit-1',
        staffRef: 'a',
        promisor: null,
        refId: 'a1',
        hurts: 'proofOverdueShare',
        paused: false,
      },
    ]);
    expect(proofItems(c, '2026-03-31T21:59:59.999Z')).toMatchObject([{ kind: 'proof_of_use_due', overdueDays: 0 }]);
    expect(proofItems(c, '2026-03-31T22:00:00.000Z')).toMatchObject([{ kind: 'proof_of_use_overdue', overdueDays: 1 }]);
    expect(proofItems(c, '2026-04-02T22:00:00.001Z')).toMatchObject([{ kind: 'proof_of_use_overdue', overdueDays: 3 }]);
  });

  it('a submitted proof is still owed until its review (of any outcome) or a settlement; a reclaim does not end it', () => {
    const submitted = ev(
      'ProofOfUseSubmitted',
      { ...on('c2', 'a1'), spentCents: 1, reportRef: 'DMS-1' },
      '2026-03-20T08:00:00Z',
    );
    const reviewed = (outcome: string) =>
      ev(
        'ProofOfUseReviewed',
        { ...on('c2', 'a1'), outcome, acceptedCents: 0, rationale: 'r' },
        '2026-04-10T08:00:00Z',
      );
    const award = awarded('c2', 'a1', '2026-03-31');
    const kinds = (fund: FundHistory[], at: string) => proofItems(caseOf('c2', fund), at).map((item) => item.kind);
    expect(kinds(grants(award, submitted), '2026-04-09T12:00:00Z')).toEqual(['proof_of_use_overdue']);
    for (const outcome of ['accepted', 'partially_accepted', 'rejected'])
      expect(kinds(grants(award, submitted, reviewed(outcome)), '2026-04-10T08:00:00Z')).toEqual([]);
    // the review's business time decides: before it, still owed
    expect(kinds(grants(award, submitted, reviewed('rejected')), '2026-04-10T07:59:59Z')).toEqual([
      'proof_of_use_overdue',
    ]);
    const reclaimed = ev(
      'GrantReclaimed',
      { ...on('c2', 'a1'), amountCents: 1000, reason: 'kein Nachweis' },
      '2026-04-05T08:00:00Z',
    );
    expect(kinds(grants(award, reclaimed), '2026-04-06T12:00:00Z')).toEqual(['proof_of_use_overdue']);
    const settled = ev('ApplicationSettled', { ...on('c2', 'a1'), releasedCents: 250_000 }, '2026-02-01T08:00:00Z');
    expect(kinds(grants(award, settled), '2026-02-01T08:00:00Z')).toEqual([]);
    expect(kinds(grants(award, settled), '2026-01-31T12:00:00Z')).toEqual(['proof_of_use_due']);
  });

  it('an award without proofDueOn, or with a stored date that is no calendar day, lists nothing; a proposal is no award', () => {
    const kinds = (fund: FundHistory[]) =>
      proofItems(caseOf('c3', fund), '2026-06-01T12:00:00Z').map((item) => item.kind);
    expect(kinds(grants(awarded('c3', 'legacy', null)))).toEqual([]);
    expect(kinds(grants(awarded('c3', 'odd', '2026-02-30')))).toEqual([]);
    const proposed = ev(
      'GrantAwardProposed',
      { ...on('c3', 'p1'), amountCents: 600_000, proofDueOn: '2026-05-31', proposedBy: 'x' },
      '2026-01-21T08:00:00Z',
    );
    expect(kinds(grants(proposed))).toEqual([]);
    // confirmed without a date of its own: the proposal's date holds
    expect(kinds(grants(proposed, awarded('c3', 'p1', null, '2026-01-28T08:00:00Z')))).toEqual([
      'proof_of_use_overdue',
    ]);
  });

  it('a closed case still owes its proof of use (and lists nothing else); a case not submitted by T lists nothing', () => {
    const c = caseOf('c4', grants(awarded('c4', 'a1', '2026-03-31')), '2026-02-15T08:00:00Z');
    expect(caseWorklistItems(c, new Date('2026-03-01T12:00:00Z'), settings).map((item) => item.kind)).toEqual([
      'proof_of_use_due',
    ]);
    expect(caseWorklistItems(c, new Date('2026-01-01T12:00:00Z'), settings)).toEqual([]);
  });

  it('another case’s application in the same fund is not this case’s item; several funds and applications each give one', () => {
    const second: FundHistory = [
      ev(
        'GrantAwarded',
        { fundId: 'fund-2', applicationId: 'b1', caseId: 'c5', amountCents: 1, proofDueOn: '2026-04-30' },
        '2026-01-20T08:00:00Z',
      ),
    ].reduce(foldFundEvent, emptyFundHistory());
    const c = caseOf('c5', [
      ...grants(awarded('c5', 'a1', '2026-03-31'), awarded('other', 'a2', '2026-03-15')),
      second,
    ]);
    expect(proofItems(c, '2026-03-01T12:00:00Z').map((item) => `${item.refId} ${item.dueAt}`)).toEqual([
      'a1 2026-03-31T21:59:59.999Z',
      'b1 2026-04-30T21:59:59.999Z',
    ]);
  });

  it('a wait for the initiative does not move it: the award notice fixes the date', () => {
    const e = caseEvents('c6', next);
    const c: WorklistCase = {
      ...caseOf('c6', grants(awarded('c6', 'a1', '2026-03-31'))),
      history: foldCaseEvents([
        e.submitted('2026-01-05T08:00:00Z'),
        e.acknowledged('2026-01-06T08:00:00Z'),
        e.awaited('2026-02-01T08:00:00Z'),
      ]),
    };
    const [item] = proofItems(c, '2026-03-20T12:00:00Z');
    expect(item).toMatchObject({ kind: 'proof_of_use_due', dueAt: '2026-03-31T21:59:59.999Z', paused: false });
  });

  it('selected by the window like the other kinds, by kind, unit and staff member; reminded when due soon and when overdue', () => {
    const c = caseOf('c7', grants(awarded('c7', 'a1', '2026-03-31')));
    const at = (iso: string) => caseWorklistItems(c, new Date(iso), settings);
    const select = (iso: string, query: Parameters<typeof selectWorklist>[2]) =>
      selectWorklist(at(iso), new Date(iso), query)
        .filter((item) => item.kind.startsWith('proof'))
        .map((item) => item.kind);
    // 31 March 21:59:59.999Z is 13.4 days after 18 March 12:00Z, 15.4 after 16 March
    expect(select('2026-03-16T12:00:00Z', { within: 14 })).toEqual([]);
    expect(select('2026-03-18T12:00:00Z', { within: 14 })).toEqual(['proof_of_use_due']);
    expect(select('2026-03-18T12:00:00Z', { within: 14, kind: 'proof_of_use_overdue' })).toEqual([]);
    expect(select('2026-03-18T12:00:00Z', { within: 14, unitId: 'unit-2' })).toEqual([]);
    expect(select('2026-03-18T12:00:00Z', { within: 14, staffRef: 'a' })).toEqual(['proof_of_use_due']);
    // the initiative's obligation, but not a commitment: listed whichever promisor is asked for
    expect(select('2026-03-18T12:00:00Z', { within: 14, promisor: 'initiative' })).toEqual(['proof_of_use_due']);
    expect(select('2026-05-01T12:00:00Z', { within: 1 })).toEqual(['proof_of_use_overdue']);

    const remind = (iso: string) =>
      reminderOccasions(at(iso), new Date(iso), 7 * 86_400_000)
        .filter(({ item }) => item.kind.startsWith('proof'))
        .map(({ transition, item }) => `${transition} ${item.kind}`);
    expect(remind('2026-03-24T12:00:00Z')).toEqual([]);
    expect(remind('2026-03-25T12:00:00Z')).toEqual(['due proof_of_use_due']);
    expect(remind('2026-04-01T12:00:00Z')).toEqual(['overdue proof_of_use_overdue']);
  });
});
