import { CaseHistory, caseHistoryAsOf, emptyCaseHistory, foldCaseEvent, foldCaseEvents } from './case-history';
import {
  biceBoxerman,
  CaseMetrics,
  caseUnit,
  computeCaseFacts,
  computeCaseMetrics,
  reciprocityOf,
} from './case-metrics';
import { caseEvents, scores } from './testing/case-events';
import type { Party } from '@koproduktiv/domain';

const T = (s: string) => new Date(s);

describe('Bice–Boxerman and reciprocity helpers', () => {
  it('contact continuity', () => {
    // [a,a,b]: (2² + 1² − 3) / (3 · 2) = 2/6 = 1/3
    expect(biceBoxerman(['a', 'a', 'b'])).toBeCloseTo(1 / 3, 12);
    // always the same person: (3² − 3) / 6 = 1
    expect(biceBoxerman(['a', 'a', 'a'])).toBe(1);
    // all different: (1 + 1 + 1 − 3) / 6 = 0
    expect(biceBoxerman(['a', 'b', 'c'])).toBe(0);
    // [a,a,b,b]: (4 + 4 − 4) / (4 · 3) = 4/12 = 1/3
    expect(biceBoxerman(['a', 'a', 'b', 'b'])).toBeCloseTo(1 / 3, 12);
    expect(biceBoxerman(['a'])).toBeNull();
    expect(biceBoxerman([])).toBeNull();
  });

  it('reciprocity', () => {
    // s = 1/2 -> 1; s = 1/4 -> 1 − |0.5 − 1| = 0.5; s = 0 or 1 -> 0
    expect(reciprocityOf(['initiative', 'administration'])).toBe(1);
    expect(reciprocityOf(['initiative', 'administration', 'administration', 'administration'])).toBe(0.5);
    expect(reciprocityOf(['administration', 'administration'])).toBe(0);
    expect(reciprocityOf(['initiative'])).toBe(0);
    expect(reciprocityOf([])).toBeNull();
  });
});

describe('case A: contacts, continuity, response, participation', () => {
  const e = caseEvents('case-a');
  let history: CaseHistory;
  let m: CaseMetrics;
  beforeEach(() => {
    history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-03T00:00:00Z', 'a', 'initiative', 'inform'),
      e.acknowledged('2026-01-04T00:00:00Z', 'unit-1', 'a'),
      e.assigned('2026-01-05T12:00:00Z', 'a', 'unit-1'),
      e.interaction('2026-01-11T00:00:00Z', 'a', 'administration', 'consult'),
      e.interaction('2026-01-21T00:00:00Z', 'b', 'initiative', 'collaborate'),
      e.assigned('2026-01-25T00:00:00Z', 'b', 'unit-2'),
    ]);
    m = computeCaseMetrics(history, T('2026-02-20T00:00:00Z'))!;
  });

  it('continuity', () => {
    expect(m.contactContinuity).toBeCloseTo(1 / 3, 12); // staff [a, a, b]
    expect(m.contactHandovers).toBe(1);
    expect(m.daysToContactPerson).toBe(4.5); // 01-01 00:00 -> 01-05 12:00
    // contacts 01-01, 01-03, 01-11, 01-21: gaps 2, 8, 10 -> median 8
    expect(m.medianContactGapDays).toBe(8);
    // last contact 01-21 -> T 02-20 = 30 days > every gap
    expect(m.longestSilenceDays).toBe(30);
    expect(m.dormant).toBe(false);
    // 01-01 -> 02-20 = 31 + 19 = 50 days, all in request
    expect(m.stageDays).toEqual({ request: 50, support: 0, interim_use: 0, institutionalised: 0 });
    expect(m.daysToInstitutionalisation).toBeNull();
    expect(m.interimUseExtensions).toBe(0);
  });

  it('trust', () => {
    // acknowledged after 3 days, first administration-initiated interaction after 10: 3
    expect(m.daysToFirstResponse).toBe(3);
    expect(m.respondedWithinTarget).toBe(true);
    expect(m.participation).toEqual({ inform: 1, consult: 1, involve: 0, collaborate: 1, empower: 0 });
    expect(m.coCreationShare).toBeCloseTo(1 / 3, 12);
    expect(m.pseudoParticipationRisk).toBe(false);
    // s = 2/3 initiated by the initiative: 1 − |4/3 − 1| = 2/3
    expect(m.reciprocityIndex).toBeCloseTo(2 / 3, 12);
    expect(m.commitments.administration).toEqual({ kept: 0, late: 0, broken: 0, overdue: 0, open: 0 });
    expect(m.commitmentReliability).toEqual({ administration: null, initiative: null, combined: null });
    expect(m.fundingDecisionDays).toBeNull();
    expect(m.perceivedTrust).toEqual({ initiative: null, administration: null, overall: null });
    expect(m.asOf).toBe('2026-02-20T00:00:00.000Z');
  });

  it('trustIndex renormalised over responsiveness, participation and reciprocity', () => {
    // responsiveness 1 − 3/28 = 25/28; participation (0 + 0.25 + 0.75)/3 = 1/3; reciprocity 2/3
    // Σw = 0.25 + 0.15 + 0.10 = 0.5; Σwv = 25/112 + 1/20 + 1/15 = 571/1680; value = 100 × 571/840 = 67.97619…
    expect(m.trustIndex.value).toBeCloseTo(67.97619, 4);
    expect(m.trustIndex.components.responsiveness.value).toBeCloseTo(25 / 28, 12);
    expect(m.trustIndex.components.responsiveness.effectiveWeight).toBeCloseTo(0.5, 12); // 0.25 / 0.5
    expect(m.trustIndex.components.participation.value).toBeCloseTo(1 / 3, 12);
    expect(m.trustIndex.components.reliability).toEqual({ value: null, weight: 0.3, effectiveWeight: null });
    expect(m.trustIndex.components.perceived).toEqual({ value: null, weight: 0.2, effectiveWeight: null });
  });

  it('continuityIndex', () => {
    // stability 1/3 (0.4), handovers 1/2 (0.3), rhythm 1 − 30/180 = 5/6 (0.3)
    // 100 × (0.4/3 + 0.15 + 0.25) = 100 × 8/15 = 53.333…
    expect(m.continuityIndex.value).toBeCloseTo(53.33333, 4);
    expect(m.continuityIndex.components.handovers).toEqual({ value: 0.5, weight: 0.3, effectiveWeight: 0.3 });
    expect(m.continuityIndex.components.rhythm.value).toBeCloseTo(5 / 6, 12);
  });

  it('the unit rule follows the current contact person', () => {
    expect(caseUnit(history, T('2026-01-04T12:00:00Z'))).toBe('unit-1'); // acknowledged, no contact person yet
    expect(caseUnit(history, T('2026-01-06T00:00:00Z'))).toBe('unit-1'); // contact person of unit-1
    expect(caseUnit(history, T('2026-02-20T00:00:00Z'))).toBe('unit-2'); // handed over to unit-2
    expect(caseUnit(history, T('2026-01-02T00:00:00Z'))).toBeNull(); // neither yet
  });

  it('is JSON-serialisable and gives the same numbers after a round trip', () => {
    const restored = JSON.parse(JSON.stringify(history));
    expect(computeCaseMetrics(restored, T('2026-02-20T00:00:00Z'))).toEqual(m);
  });
});

describe('case B: commitments, funding, feedback, stages', () => {
  const e = caseEvents('case-b');
  let history: CaseHistory;
  let m: CaseMetrics;
  beforeEach(() => {
    history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      // c1 administration, kept in the last ms of 2026-01-10 (CET)
      e.commitment('2026-01-02T00:00:00Z', 'c1', 'administration', '2026-01-10'),
      e.fulfilled('2026-01-10T22:59:59.999Z', 'c1'),
      // c2 administration, fulfilled at local midnight: late
      e.commitment('2026-01-02T00:00:00Z', 'c2', 'administration', '2026-01-10'),
      e.fulfilled('2026-01-10T23:00:00.000Z', 'c2'),
      // c3 initiative, renegotiated in time to 03-01, fulfilled 02-15: kept
      e.commitment('2026-01-02T00:00:00Z', 'c3', 'initiative', '2026-02-01'),
      e.renegotiated('2026-01-30T10:00:00Z', 'c3', '2026-03-01'),
      e.fulfilled('2026-02-15T10:00:00Z', 'c3'),
      // c4 initiative, renegotiated after its due date: late
      e.commitment('2026-01-02T00:00:00Z', 'c4', 'initiative', '2026-02-01'),
      e.renegotiated('2026-02-05T10:00:00Z', 'c4', '2026-03-01'),
      // c5 administration, withdrawn: broken
      e.commitment('2026-01-02T00:00:00Z', 'c5', 'administration', '2026-02-01'),
      e.withdrawn('2026-01-20T10:00:00Z', 'c5'),
      // c6 administration, due 02-10, nothing by T: overdue
      e.commitment('2026-01-02T00:00:00Z', 'c6', 'administration', '2026-02-10'),
      // c7 initiative, due at the end of the year: open
      e.commitment('2026-01-02T00:00:00Z', 'c7', 'initiative', '2026-12-31'),
      // funding: 10 days, 20.5 days, one undecided
      e.applied('2026-01-05T00:00:00Z', 'app-1'),
      e.awarded('2026-01-15T00:00:00Z', 'app-1'),
      e.applied('2026-01-10T00:00:00Z', 'app-2'),
      e.rejected('2026-01-30T12:00:00Z', 'app-2'),
      e.applied('2026-02-01T00:00:00Z', 'app-3'),
      // stages
      e.supportAgreed('2026-01-11T00:00:00Z'),
      e.interimUseAgreed('2026-01-21T00:00:00Z'),
      e.interimUseExtended('2026-01-25T00:00:00Z', '2026-07-31'),
      e.interimUseExtended('2026-02-05T00:00:00Z', '2026-08-31'),
      e.institutionalised('2026-02-10T00:00:00Z'),
      // feedback
      e.feedback('2026-02-01T00:00:00Z', 'initiative', scores(5, 4, 3, 2, 1)),
      e.feedback('2026-02-02T00:00:00Z', 'initiative', scores(3, 4, 5, 4, 3)),
      e.feedback('2026-02-03T00:00:00Z', 'administration', scores(4, 4, 4, 4, 4)),
    ]);
    m = computeCaseMetrics(history, T('2026-03-01T00:00:00Z'))!;
  });

  it('commitment counts and reliability', () => {
    expect(m.commitments).toEqual({
      administration: { kept: 1, late: 1, broken: 1, overdue: 1, open: 0 },
      initiative: { kept: 1, late: 1, broken: 0, overdue: 0, open: 1 },
    });
    // administration 1/4; initiative 1/2; combined kept 2 / (2 + 2 + 1 + 1) = 1/3
    expect(m.commitmentReliability.administration).toBe(0.25);
    expect(m.commitmentReliability.initiative).toBe(0.5);
    expect(m.commitmentReliability.combined).toBeCloseTo(1 / 3, 12);
  });

  it('funding decision days: mean over decided applications', () => {
    // (10 + 20.5) / 2 = 15.25
    expect(m.fundingDecisionDays).toBe(15.25);
  });

  it('stages', () => {
    // request 01-01..01-11 = 10, support ..01-21 = 10, interim_use ..02-10 = 20, institutionalised ..03-01 = 19
    expect(m.stageDays).toEqual({ request: 10, support: 10, interim_use: 20, institutionalised: 19 });
    expect(m.daysToInstitutionalisation).toBe(40); // 01-01 -> 02-10
    expect(m.interimUseExtensions).toBe(2);
  });

  it('perceived trust: means per side and driver; overall over both sides pooled', () => {
    expect(m.perceivedTrust.initiative).toEqual({
      responsiveness: 4,
      reliability: 4,
      integrity: 4,
      openness: 3,
      fairness: 2,
    });
    expect(m.perceivedTrust.administration).toEqual({
      responsiveness: 4,
      reliability: 4,
      integrity: 4,
      openness: 4,
      fairness: 4,
    });
    // pooled driver means 4, 4, 4, 10/3, 8/3 -> (12 + 6) / 5 = 3.6
    expect(m.perceivedTrust.overall).toBeCloseTo(3.6, 12);
  });

  it('no interactions: contact metrics null or from the submission alone', () => {
    expect(m.contactContinuity).toBeNull();
    expect(m.medianContactGapDays).toBeNull();
    expect(m.longestSilenceDays).toBe(59); // 01-01 -> 03-01
    expect(m.daysToContactPerson).toBeNull();
    expect(m.daysToFirstResponse).toBeNull();
    expect(m.respondedWithinTarget).toBe(false); // 59 > 14
    expect(m.coCreationShare).toBeNull();
    expect(m.reciprocityIndex).toBeNull();
    expect(m.pseudoParticipationRisk).toBe(false);
  });

  it('indices', () => {
    // trust: responsiveness max(0, 1 − 59/28) = 0 (w .25); reliability 1/3 (w .3); perceived (3.6 − 1)/4 = 0.65 (w .2)
    // Σwv = 0 + 0.1 + 0.13 = 0.23; Σw = 0.75 -> 100 × 23/75 = 30.666…
    expect(m.trustIndex.components.responsiveness.value).toBe(0);
    expect(m.trustIndex.components.perceived.value).toBeCloseTo(0.65, 12);
    expect(m.trustIndex.value).toBeCloseTo(30.66667, 4);
    // continuity: handovers 1 (w .3), rhythm 1 − 59/180 = 121/180 (w .3); stability null
    // 100 × (0.3 + 0.3 × 121/180) / 0.6 = 100 × 301/360 = 83.6111…
    expect(m.continuityIndex.value).toBeCloseTo(83.61111, 4);
    expect(m.continuityIndex.components.contactStability.effectiveWeight).toBeNull();
    expect(m.continuityIndex.components.handovers.effectiveWeight).toBe(0.5);
  });

  it('as of an earlier T', () => {
    const early = computeCaseMetrics(history, T('2026-01-20T12:00:00Z'))!;
    // administration: c1 kept, c2 late, c5 broken, c6 open; initiative: c3, c4, c7 open
    expect(early.commitments).toEqual({
      administration: { kept: 1, late: 1, broken: 1, overdue: 0, open: 1 },
      initiative: { kept: 0, late: 0, broken: 0, overdue: 0, open: 3 },
    });
    // only app-1 decided (10 days); app-2's rejection lies after T
    expect(early.fundingDecisionDays).toBe(10);
    // request 10, support 01-11 -> 01-20 12:00 = 9.5
    expect(early.stageDays).toEqual({ request: 10, support: 9.5, interim_use: 0, institutionalised: 0 });
    expect(early.daysToInstitutionalisation).toBeNull();
    expect(early.interimUseExtensions).toBe(0);
    expect(early.perceivedTrust.overall).toBeNull();
  });

  it('facts', () => {
    expect(computeCaseFacts(history, T('2026-03-01T00:00:00Z'))).toEqual({
      caseId: 'case-b',
      initiativeId: 'initiative-1',
      category: 'culture',
      submittedAt: '2026-01-01T00:00:00.000Z',
      status: 'open',
      outcome: null,
      stage: 'institutionalised',
      unitId: null,
      fundingDecisionDays: [10, 20.5],
      asOf: '2026-03-01T00:00:00.000Z',
    });
  });
});

describe('case C: closed and reopened', () => {
  const e = caseEvents('case-c');
  const events = [
    e.submitted('2026-01-01T00:00:00Z'),
    e.interaction('2026-01-11T00:00:00Z', 'a', 'administration', 'consult'),
    e.supportAgreed('2026-01-21T00:00:00Z'),
    e.closed('2026-01-31T00:00:00Z', 'completed', 'support'),
    e.reopened('2026-03-02T00:00:00Z', 'support'), // closed for 30 days
  ];
  let history: CaseHistory;
  beforeEach(() => {
    history = foldCaseEvents(events);
  });
  const settings = { dormancyDays: 25 };

  it('while closed: stage clock and silence stop at the closing', () => {
    const m = computeCaseMetrics(history, T('2026-02-15T00:00:00Z'), settings)!;
    expect(m.stageDays).toEqual({ request: 20, support: 10, interim_use: 0, institutionalised: 0 });
    expect(m.medianContactGapDays).toBe(10); // 01-01 -> 01-11
    expect(m.longestSilenceDays).toBe(20); // 01-11 -> closing 01-31
    expect(m.dormant).toBe(false); // closed
    expect(computeCaseFacts(history, T('2026-02-15T00:00:00Z'))).toMatchObject({
      status: 'closed',
      outcome: 'completed',
      stage: 'support',
    });
  });

  it('after reopening: continues in the stage it was closed in; closed time counts for nothing', () => {
    const m = computeCaseMetrics(history, T('2026-03-12T00:00:00Z'), settings)!;
    // support 01-21..01-31 (10) + 03-02..03-12 (10)
    expect(m.stageDays).toEqual({ request: 20, support: 20, interim_use: 0, institutionalised: 0 });
    // silence resumes: 20 days before closing + 10 since reopening = 30 (not 60 of wall time)
    expect(m.longestSilenceDays).toBe(30);
    expect(m.dormant).toBe(true); // open again and 30 > 25
    expect(computeCaseMetrics(history, T('2026-03-07T00:00:00Z'), settings)!.dormant).toBe(false); // 20 + 5 = 25, not > 25
    expect(computeCaseFacts(history, T('2026-03-12T00:00:00Z'))).toMatchObject({
      status: 'open',
      outcome: null,
      stage: 'support',
    });
  });

  it('a gap spanning the closure counts only open time', () => {
    const withContact = foldCaseEvent(history, e.interaction('2026-03-07T00:00:00Z', 'a', 'initiative', 'involve'));
    const m = computeCaseMetrics(withContact, T('2026-03-12T00:00:00Z'), settings)!;
    // contacts 01-01, 01-11, 03-07: gaps 10 and 20 + 5 = 25 (wall time 55); silence since 03-07: 5
    expect(m.medianContactGapDays).toBe(17.5); // (10 + 25) / 2
    expect(m.longestSilenceDays).toBe(25);
    expect(m.dormant).toBe(false);
  });
});

describe('respondedWithinTarget', () => {
  const submittedAt = '2026-01-01T00:00:00Z';

  it('null while no response and T − submitted <= target; false after', () => {
    const e = caseEvents();
    const history = foldCaseEvents([
      e.submitted(submittedAt),
      e.interaction('2026-01-02T00:00:00Z', 'a', 'initiative', 'inform'), // not a response
    ]);
    const atTarget = computeCaseMetrics(history, T('2026-01-15T00:00:00.000Z'))!; // exactly 14 days
    expect(atTarget.daysToFirstResponse).toBeNull();
    expect(atTarget.respondedWithinTarget).toBeNull();
    // responsiveness uses the wait so far: 1 − 14/28 = 0.5
    expect(atTarget.trustIndex.components.responsiveness.value).toBe(0.5);
    expect(computeCaseMetrics(history, T('2026-01-15T00:00:00.001Z'))!.respondedWithinTarget).toBe(false);
  });

  it('true up to the target, false beyond it', () => {
    const e = caseEvents();
    const inTime = foldCaseEvents([
      e.submitted(submittedAt),
      e.interaction('2026-01-15T00:00:00.000Z', 'a', 'administration', 'inform'),
    ]);
    const m = computeCaseMetrics(inTime, T('2026-02-01T00:00:00Z'))!;
    expect(m.daysToFirstResponse).toBe(14);
    expect(m.respondedWithinTarget).toBe(true);
    const f = caseEvents();
    const tooLate = foldCaseEvents([f.submitted(submittedAt), f.acknowledged('2026-01-15T00:00:00.001Z')]);
    expect(computeCaseMetrics(tooLate, T('2026-02-01T00:00:00Z'))!.respondedWithinTarget).toBe(false);
  });

  it('uses the tenant target', () => {
    const e = caseEvents();
    const history = foldCaseEvents([e.submitted(submittedAt), e.acknowledged('2026-01-10T00:00:00Z')]);
    expect(
      computeCaseMetrics(history, T('2026-02-01T00:00:00Z'), { responseTargetDays: 7 })!.respondedWithinTarget,
    ).toBe(false);
    expect(
      computeCaseMetrics(history, T('2026-02-01T00:00:00Z'), { responseTargetDays: 9 })!.respondedWithinTarget,
    ).toBe(true);
  });
});

describe('dormancy (default 90 days)', () => {
  const e = caseEvents();
  let history: CaseHistory;
  beforeEach(() => {
    history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-02T00:00:00Z', 'a', 'administration', 'consult'),
    ]);
  });

  it('dormant only when T − last contact > 90 days', () => {
    // 01-02 -> 04-02 = 29 + 28 + 31 + 2 = 90 days: not yet
    expect(computeCaseMetrics(history, T('2026-04-02T00:00:00.000Z'))!.dormant).toBe(false);
    expect(computeCaseMetrics(history, T('2026-04-02T00:00:00.001Z'))!.dormant).toBe(true);
  });

  it('a closed case is never dormant', () => {
    const closed = foldCaseEvent(history, e.closed('2026-02-01T00:00:00Z', 'withdrawn'));
    const m = computeCaseMetrics(closed, T('2026-12-01T00:00:00Z'))!;
    expect(m.dormant).toBe(false);
    expect(m.longestSilenceDays).toBe(30); // 01-02 -> closing 02-01
  });
});

describe('pseudo-participation risk', () => {
  const build = (levels: ('inform' | 'consult' | 'involve')[]) => {
    const e = caseEvents();
    return foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      ...levels.map((level, i) =>
        e.interaction(`2026-01-${String(i + 2).padStart(2, '0')}T00:00:00Z`, 'a', 'administration', level),
      ),
    ]);
  };
  const at = T('2026-02-01T00:00:00Z');

  it('N >= 5 and nothing at involve or above', () => {
    expect(
      computeCaseMetrics(build(['inform', 'consult', 'inform', 'consult', 'inform']), at)!.pseudoParticipationRisk,
    ).toBe(true);
    expect(computeCaseMetrics(build(['inform', 'consult', 'inform', 'consult']), at)!.pseudoParticipationRisk).toBe(
      false,
    );
    expect(
      computeCaseMetrics(build(['inform', 'consult', 'inform', 'consult', 'involve']), at)!.pseudoParticipationRisk,
    ).toBe(false);
  });

  it('participation component: mean of level scores', () => {
    // (0 + 0.25 + 0 + 0.25 + 0.5) / 5 = 0.2
    const m = computeCaseMetrics(build(['inform', 'consult', 'inform', 'consult', 'involve']), at)!;
    expect(m.trustIndex.components.participation.value).toBeCloseTo(0.2, 12);
    expect(m.coCreationShare).toBe(0);
    expect(m.reciprocityIndex).toBe(0); // all initiated by the administration
  });
});

describe('perceived trust from one side only', () => {
  it('the other side is null; overall is the mean of the five driver means', () => {
    const e = caseEvents();
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.feedback('2026-01-10T00:00:00Z', 'initiative', scores(5, 5, 4, 4, 2)),
    ]);
    const m = computeCaseMetrics(history, T('2026-01-11T00:00:00Z'))!;
    expect(m.perceivedTrust.administration).toBeNull();
    expect(m.perceivedTrust.overall).toBe(4); // (5 + 5 + 4 + 4 + 2) / 5
    expect(m.trustIndex.components.perceived.value).toBe(0.75); // (4 − 1) / 4
  });

  it('feedback given after closing still counts', () => {
    const e = caseEvents();
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.closed('2026-01-05T00:00:00Z'),
      e.feedback('2026-01-10T00:00:00Z', 'administration', scores(1, 1, 1, 1, 1)),
    ]);
    expect(computeCaseMetrics(history, T('2026-01-11T00:00:00Z'))!.perceivedTrust.overall).toBe(1);
  });
});

describe('as of T', () => {
  it('a case not yet submitted at T has no metrics', () => {
    const e = caseEvents();
    const history = foldCaseEvents([e.submitted('2026-01-10T00:00:00Z')]);
    expect(computeCaseMetrics(history, T('2026-01-09T23:59:59.999Z'))).toBeNull();
    expect(computeCaseFacts(history, T('2026-01-09T23:59:59.999Z'))).toBeNull();
    expect(computeCaseMetrics(emptyCaseHistory(), T('2026-01-09T00:00:00Z'))).toBeNull();
  });

  it('excludes later business times but includes backdated events recorded later', () => {
    const e = caseEvents();
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-20T00:00:00Z', 'b', 'administration', 'empower'), // business time after T
      // entered on 03-01 about a meeting on 01-05 (recorded after T, happened before)
      e.interaction('2026-01-05T00:00:00Z', 'a', 'administration', 'collaborate', '2026-03-01T00:00:00Z'),
    ]);
    const m = computeCaseMetrics(history, T('2026-01-10T00:00:00Z'))!;
    expect(m.participation).toEqual({ inform: 0, consult: 0, involve: 0, collaborate: 1, empower: 0 });
    expect(m.daysToFirstResponse).toBe(4); // the backdated meeting on 01-05
    expect(m.medianContactGapDays).toBe(4); // 01-01 -> 01-05
    expect(m.longestSilenceDays).toBe(5); // 01-05 -> T 01-10
    // later, both count: contacts 01-01, 01-05, 01-20: gaps 4, 15
    const later = computeCaseMetrics(history, T('2026-03-02T00:00:00Z'))!;
    expect(later.participation.empower).toBe(1);
    expect(later.medianContactGapDays).toBe(9.5); // (4 + 15) / 2
    expect(later.contactContinuity).toBe(0); // [a, b]: (1 + 1 − 2) / 2
  });

  it('caseHistoryAsOf keeps exactly the entries up to T', () => {
    const e = caseEvents();
    const history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-05T00:00:00Z', 'a', 'administration', 'inform'),
      e.interaction('2026-01-06T00:00:00Z', 'a', 'administration', 'inform'),
    ]);
    expect(caseHistoryAsOf(history, T('2026-01-05T00:00:00Z')).interactions).toHaveLength(1);
  });
});

describe('folding', () => {
  const e = caseEvents('case-f');
  const other = caseEvents('case-other');
  const events = [
    e.submitted('2026-01-01T00:00:00Z'),
    e.assigned('2026-01-02T00:00:00Z', 'a'),
    e.interaction('2026-01-03T00:00:00Z', 'a', 'initiative', 'involve'),
    e.commitment('2026-01-03T00:00:00Z', 'c1', 'administration', '2026-01-20'),
    e.renegotiated('2026-01-10T00:00:00Z', 'c1', '2026-02-20'),
    e.fulfilled('2026-02-01T00:00:00Z', 'c1'),
    e.applied('2026-01-04T00:00:00Z', 'app-1'),
    e.awarded('2026-01-24T00:00:00Z', 'app-1'),
    e.closed('2026-02-05T00:00:00Z'),
    e.reopened('2026-02-10T00:00:00Z'),
  ];
  const at = T('2026-03-01T00:00:00Z');

  it('does not depend on the order events are folded in', () => {
    const forward = foldCaseEvents(events);
    const backward = foldCaseEvents([...events].reverse());
    expect(computeCaseMetrics(backward, at)).toEqual(computeCaseMetrics(forward, at));
    expect(computeCaseMetrics(forward, at)!.commitments.administration.kept).toBe(1);
    expect(computeCaseMetrics(forward, at)!.fundingDecisionDays).toBe(20);
  });

  it('is idempotent per event and ignores other cases and unrelated events', () => {
    const once = foldCaseEvents(events);
    expect(foldCaseEvents([...events, ...events])).toEqual(once);
    expect(foldCaseEvent(once, other.interaction('2026-01-05T00:00:00Z', 'z', 'initiative', 'empower'))).toBe(once);
    expect(
      foldCaseEvent(once, { type: 'SponsorAssigned', data: { caseId: 'case-f' }, occurredAt: at, position: 999 }),
    ).toBe(once);
  });
});

describe('history stored before dates were checked: read, not a failure', () => {
  const e = caseEvents('case-old');
  let history: CaseHistory;
  let m: CaseMetrics;
  beforeEach(() => {
    history = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.commitment('2026-01-02T00:00:00Z', 'far', 'administration', '9999-12-31'),
      e.commitment('2026-01-02T00:00:00Z', 'early', 'administration', '0050-06-01'),
      e.commitment('2026-01-02T00:00:00Z', 'nonsense', 'initiative', 'soon'),
      e.commitment('2026-01-02T00:00:00Z', 'moved', 'initiative', '2026-02-01'),
      e.renegotiated('2026-01-10T00:00:00Z', 'moved', '2026-02-30'),
      e.commitment('2026-01-02T00:00:00Z', 'nobody', 'council' as Party, '2026-03-01'),
    ]);
    m = computeCaseMetrics(history, T('2026-06-30T00:00:00Z'))!;
  });

  it('computes with extreme but real dates: 9999-12-31 is still open, 0050-06-01 long overdue', () => {
    expect(m.commitments.administration).toMatchObject({ open: 1, overdue: 1 });
  });

  it('leaves out and reports what names no calendar day or no party', () => {
    expect(m.commitments.initiative).toEqual({ kept: 0, late: 0, broken: 0, overdue: 0, open: 0 });
    expect(m.uninterpretable?.map(({ list, reason }) => [list, reason])).toEqual([
      ['commitments', 'Not a calendar date YYYY-MM-DD: soon'],
      ['commitments', 'Not a calendar date YYYY-MM-DD: 2026-02-30'],
      ['commitments', 'Not a promisor: council'],
    ]);
    expect(m.uninterpretable?.every((found) => found.caseId === 'case-old' && typeof found.pos === 'number')).toBe(
      true,
    );
  });

  it('answers for a clean history without the field', () => {
    expect(
      'uninterpretable' in
        computeCaseMetrics(foldCaseEvents([e.submitted('2026-01-01T00:00:00Z')]), T('2026-02-01T00:00:00Z'))!,
    ).toBe(false);
  });
});
