import { foldCaseEvents } from './case-history';
import { computeCaseMetrics } from './case-metrics';
import { commitmentStatus } from './commitment-status';
import { caseEvents } from './testing/case-events';
import { MS_PER_DAY as DAY } from './time';
import { movedDeadline, runningDeadline, waitStretches } from './waiting';

const T = (s: string) => new Date(s);
const ms = (s: string) => Date.parse(s);

describe('waits for the initiative as stretches', () => {
  const stretchesOf = (events: ReturnType<typeof foldCaseEvents>, t: string) =>
    waitStretches(events, ms(events.submitted!.at as string), ms(t), 'Europe/Berlin');

  it('a wait runs from InitiativeAwaited to CaseResumed, or to T while it runs', () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.awaited('2026-01-05T00:00:00Z'),
      e.resumed('2026-01-15T00:00:00Z'),
      e.awaited('2026-02-01T00:00:00Z'),
    ]);
    expect(stretchesOf(h, '2026-02-03T00:00:00Z')).toEqual([
      { from: ms('2026-01-05T00:00:00Z'), to: ms('2026-01-15T00:00:00Z'), until: null, endedBy: 'resumed' },
      { from: ms('2026-02-01T00:00:00Z'), to: ms('2026-02-03T00:00:00Z'), until: null, endedBy: 'running' },
    ]);
  });

  it('ends after its until (last millisecond of that day, Berlin), and a late ResumeCase changes nothing', () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-03-01T00:00:00Z'),
      e.awaited('2026-03-02T10:00:00Z', '2026-03-10'),
      e.resumed('2026-03-25T00:00:00Z'),
    ]);
    expect(stretchesOf(h, '2026-04-01T00:00:00Z')).toEqual([
      { from: ms('2026-03-02T10:00:00Z'), to: ms('2026-03-10T22:59:59.999Z'), until: '2026-03-10', endedBy: 'until' },
    ]);
  });

  it('closing ends a wait, a reopened case does not wait, and a second await during a wait is no new wait', () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.awaited('2026-01-02T00:00:00Z'),
      e.awaited('2026-01-03T00:00:00Z', '2026-01-04'),
      e.closed('2026-01-07T00:00:00Z'),
      e.reopened('2026-01-17T00:00:00Z'),
      e.resumed('2026-01-20T00:00:00Z'),
    ]);
    expect(stretchesOf(h, '2026-02-01T00:00:00Z')).toEqual([
      { from: ms('2026-01-02T00:00:00Z'), to: ms('2026-01-07T00:00:00Z'), until: null, endedBy: 'closed' },
    ]);
  });

  it('a wait backdated before the submission starts with it; an until before its start makes a wait of no length', () => {
    const e = caseEvents();
    const h = foldCaseEvents([e.awaited('2025-12-20T00:00:00Z', '2025-12-01'), e.submitted('2026-01-01T00:00:00Z')]);
    expect(stretchesOf(h, '2026-02-01T00:00:00Z')).toEqual([
      { from: ms('2026-01-01T00:00:00Z'), to: ms('2026-01-01T00:00:00Z'), until: '2025-12-01', endedBy: 'until' },
    ]);
  });
});

describe('deadlines that stand still while the case waits', () => {
  const wait = (from: string, to: string) => ({ from: ms(from), to: ms(to), until: null, endedBy: 'resumed' as const });

  it('runningDeadline: a clock of 14 days from the submission, stopped for 10 days of waiting, runs out 10 days later', () => {
    const start = ms('2026-01-05T08:00:00Z');
    const waits = [wait('2026-01-07T08:00:00Z', '2026-01-17T08:00:00Z')];
    expect(new Date(runningDeadline(start, 14 * DAY, waits)).toISOString()).toBe('2026-01-29T08:00:00.000Z');
    // A wait after the clock ran out does not move it.
    expect(runningDeadline(start, 14 * DAY, [wait('2026-01-20T00:00:00Z', '2026-01-25T00:00:00Z')])).toBe(
      start + 14 * DAY,
    );
  });

  it('movedDeadline: a due date moves by waits that begin after it was set and before it ran out, to the end of a local day', () => {
    const end = ms('2026-02-10T22:59:59.999Z'); // end of 10 Feb, Berlin (CET)
    const made = ms('2026-01-22T09:00:00Z');
    // 14 days of waiting: 10 Feb + 14 days = 24 Feb.
    const fourteen = [wait('2026-02-01T12:00:00Z', '2026-02-15T12:00:00Z')];
    expect(new Date(movedDeadline(end, made, fourteen, 'Europe/Berlin')).toISOString()).toBe(
      '2026-02-24T22:59:59.999Z',
    );
    // 10.5 days: the moved deadline falls on 21 Feb 10:59:59.999 UTC, so the due date is 21 Feb (whole day).
    const tenAndAHalf = [wait('2026-02-01T12:00:00Z', '2026-02-12T00:00:00Z')];
    expect(new Date(movedDeadline(end, made, tenAndAHalf, 'Europe/Berlin')).toISOString()).toBe(
      '2026-02-21T22:59:59.999Z',
    );
    // A wait that was running when the date was set, or that begins after the deadline, moves nothing.
    expect(movedDeadline(end, made, [wait('2026-01-20T00:00:00Z', '2026-02-05T00:00:00Z')], 'Europe/Berlin')).toBe(end);
    expect(movedDeadline(end, made, [wait('2026-02-11T00:00:00Z', '2026-02-20T00:00:00Z')], 'Europe/Berlin')).toBe(end);
  });

  it('commitmentStatus: an administration promise is open, not overdue, while the wait moves it; then due on the moved day', () => {
    const madeAt = ms('2026-01-22T09:00:00Z');
    const waits = [wait('2026-02-01T12:00:00Z', '2026-02-15T12:00:00Z')];
    expect(commitmentStatus('2026-02-10', [], T('2026-02-20T00:00:00Z'), 'Europe/Berlin', { madeAt, waits })).toEqual({
      status: 'open',
      dueOn: '2026-02-24',
      agreedDueOn: '2026-02-10',
      markedLate: false,
    });
    expect(
      commitmentStatus('2026-02-10', [], T('2026-02-25T00:00:00Z'), 'Europe/Berlin', { madeAt, waits }).status,
    ).toBe('overdue');
    // Fulfilled on 23 Feb: kept (due 24 Feb), where without the wait it would be late.
    const fulfilled = [{ kind: 'fulfilled' as const, at: '2026-02-23T10:00:00Z' }];
    expect(
      commitmentStatus('2026-02-10', fulfilled, T('2026-03-01T00:00:00Z'), 'Europe/Berlin', { madeAt, waits }),
    ).toMatchObject({
      status: 'kept',
    });
    expect(commitmentStatus('2026-02-10', fulfilled, T('2026-03-01T00:00:00Z'), 'Europe/Berlin').status).toBe('late');
  });

  it('commitmentStatus: a renegotiation during a wait sets a date that the running wait does not move', () => {
    const madeAt = ms('2026-01-22T09:00:00Z');
    const waits = [wait('2026-02-01T12:00:00Z', '2026-02-15T12:00:00Z')];
    const renegotiated = [{ kind: 'renegotiated' as const, at: '2026-02-05T10:00:00Z', newDueOn: '2026-03-01' }];
    expect(
      commitmentStatus('2026-02-10', renegotiated, T('2026-03-01T12:00:00Z'), 'Europe/Berlin', { madeAt, waits }),
    ).toEqual({ status: 'open', dueOn: '2026-03-01', markedLate: false });
  });
});

describe('case metrics of a case that waited for the initiative (hand-computed)', () => {
  it('the response target stands still: 17 days until the acknowledgement, 10 of them waiting, is 7 days', () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-01-05T08:00:00Z'),
      e.awaited('2026-01-07T08:00:00Z'),
      e.resumed('2026-01-17T08:00:00Z'),
      e.acknowledged('2026-01-22T08:00:00Z'),
    ]);
    const m = computeCaseMetrics(h, T('2026-02-01T00:00:00Z'))!;
    expect(m.daysToFirstResponse).toBe(7);
    expect(m.respondedWithinTarget).toBe(true);
    expect(m.trustIndex.components.responsiveness.value).toBeCloseTo(1 - 7 / 28, 12);
    expect(m.waitingDays).toBe(10);
    expect(m.waitingForInitiative).toBeNull();
    // Unanswered on 21 Jan: 16 days since the submission (> 14), but 10 of them waiting: 6 <= 14, undecided.
    const before = computeCaseMetrics(h, T('2026-01-21T08:00:00Z'))!;
    expect(before.daysToFirstResponse).toBeNull();
    expect(before.respondedWithinTarget).toBeNull();
    expect(before.trustIndex.components.responsiveness.value).toBeCloseTo(1 - 6 / 28, 12);
  });

  it('the dormancy clock stands still: 110 days without contact, 40 of them waiting, is 70 days of silence', () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.interaction('2026-01-11T00:00:00Z', 'a', 'administration', 'consult'),
      e.awaited('2026-01-21T00:00:00Z'),
      e.resumed('2026-03-02T00:00:00Z'),
    ]);
    const m = computeCaseMetrics(h, T('2026-05-01T00:00:00Z'))!;
    expect(m.waitingDays).toBe(40);
    expect(m.longestSilenceDays).toBe(70);
    expect(m.medianContactGapDays).toBe(10);
    expect(m.dormant).toBe(false);
    expect(m.continuityIndex.components.rhythm.value).toBeCloseTo(1 - 70 / 180, 12);
    // Stages do not pause: 1 Jan to 1 May is 120 days in request.
    expect(m.stageDays.request).toBe(120);
    // 90 days of silence on 21 May is not more than dormancyDays; 91 on 22 May is.
    expect(computeCaseMetrics(h, T('2026-05-21T00:00:00Z'))!.dormant).toBe(false);
    expect(computeCaseMetrics(h, T('2026-05-22T00:00:00Z'))!.dormant).toBe(true);
  });

  it('a wait with until ends after that day; while it runs, the metrics say since when and until when', () => {
    const e = caseEvents();
    const h = foldCaseEvents([e.submitted('2026-03-01T00:00:00Z'), e.awaited('2026-03-02T10:00:00Z', '2026-03-10')]);
    const during = computeCaseMetrics(h, T('2026-03-05T00:00:00Z'))!;
    expect(during.waitingForInitiative).toEqual({ since: '2026-03-02T10:00:00.000Z', until: '2026-03-10' });
    expect(during.waitingDays).toBeCloseTo(2 + 14 / 24, 12);
    const after = computeCaseMetrics(h, T('2026-03-20T00:00:00Z'))!;
    expect(after.waitingForInitiative).toBeNull();
    expect(after.waitingDays).toBeCloseTo((ms('2026-03-10T22:59:59.999Z') - ms('2026-03-02T10:00:00Z')) / DAY, 12);
  });

  it("the administration's promises pause, the initiative's do not", () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-01-05T08:00:00Z'),
      e.commitment('2026-01-22T09:00:00Z', 'admin', 'administration', '2026-02-10'),
      e.commitment('2026-01-22T09:00:00Z', 'initiative', 'initiative', '2026-02-10'),
      e.awaited('2026-02-01T12:00:00Z', '2026-02-28'),
      e.resumed('2026-02-15T12:00:00Z'),
    ]);
    const feb20 = computeCaseMetrics(h, T('2026-02-20T00:00:00Z'))!;
    expect(feb20.commitments.administration).toMatchObject({ open: 1, overdue: 0 });
    expect(feb20.commitments.initiative).toMatchObject({ open: 0, overdue: 1 });
    expect(feb20.commitmentReliability).toEqual({ administration: null, initiative: 0, combined: 0 });
    const feb25 = computeCaseMetrics(h, T('2026-02-25T00:00:00Z'))!;
    expect(feb25.commitments.administration).toMatchObject({ open: 0, overdue: 1 });
  });

  it('a closed case does not wait: the wait ends with the closing and the silence resumes after reopening', () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.awaited('2026-01-11T00:00:00Z'),
      e.closed('2026-01-16T00:00:00Z'),
      e.reopened('2026-01-26T00:00:00Z'),
    ]);
    const m = computeCaseMetrics(h, T('2026-02-05T00:00:00Z'))!;
    // Open 1–16 Jan and 26 Jan–5 Feb (25 days), waiting 11–16 Jan (5 days): 20 days of silence.
    expect(m.waitingDays).toBe(5);
    expect(m.longestSilenceDays).toBe(20);
    expect(m.waitingForInitiative).toBeNull();
  });
});

describe('a response target in working days moves like a due date', () => {
  it('3 working days in NRW from Wed 3 June 2026 end on Tue 9 June; 2 days of waiting move them to Thu 11 June', () => {
    const e = caseEvents();
    const settings = { calendar: { state: 'NW' }, responseTargetWorkingDays: 3, workingDayMetrics: true };
    const answered = [e.submitted('2026-06-03T08:00:00Z'), e.acknowledged('2026-06-11T12:00:00Z')];
    const waited = [e.awaited('2026-06-04T10:00:00Z'), e.resumed('2026-06-06T10:00:00Z')];
    expect(
      computeCaseMetrics(foldCaseEvents(answered), T('2026-06-20T00:00:00Z'), settings)!.respondedWithinTarget,
    ).toBe(false);
    const m = computeCaseMetrics(foldCaseEvents([...answered, ...waited]), T('2026-06-20T00:00:00Z'), settings)!;
    expect(m.respondedWithinTarget).toBe(true);
    // Unanswered: undecided until the end of 11 June (CEST), false after it.
    const unanswered = foldCaseEvents([answered[0], ...waited]);
    expect(computeCaseMetrics(unanswered, T('2026-06-11T21:59:59.999Z'), settings)!.respondedWithinTarget).toBeNull();
    expect(computeCaseMetrics(unanswered, T('2026-06-11T22:00:00Z'), settings)!.respondedWithinTarget).toBe(false);
  });
});

describe('waits and clocks at their edges', () => {
  const stretchesOf = (events: ReturnType<typeof foldCaseEvents>, t: string) =>
    waitStretches(events, ms(events.submitted!.at as string), ms(t), 'Europe/Berlin');
  const wait = (from: number, to: number) => ({ from, to, until: null, endedBy: 'resumed' as const });

  it('a closed case cannot be made to wait; once reopened it can', () => {
    const e = caseEvents();
    const h = foldCaseEvents([
      e.submitted('2026-01-01T00:00:00Z'),
      e.closed('2026-01-05T00:00:00Z'),
      e.awaited('2026-01-06T00:00:00Z'),
      e.reopened('2026-01-10T00:00:00Z'),
      e.awaited('2026-01-12T00:00:00Z'),
    ]);
    expect(stretchesOf(h, '2026-01-20T00:00:00Z')).toEqual([
      { from: ms('2026-01-12T00:00:00Z'), to: ms('2026-01-20T00:00:00Z'), until: null, endedBy: 'running' },
    ]);
  });

  it('a wait with until runs through the last millisecond of that day: resumed then, or still running at T then', () => {
    const e = caseEvents();
    const lastMs = '2026-03-10T22:59:59.999Z'; // 23:59:59.999 on 10 March in Berlin
    const awaited = [e.submitted('2026-03-01T00:00:00Z'), e.awaited('2026-03-02T10:00:00Z', '2026-03-10')];
    expect(stretchesOf(foldCaseEvents([...awaited, e.resumed(lastMs)]), '2026-04-01T00:00:00Z')).toEqual([
      { from: ms('2026-03-02T10:00:00Z'), to: ms(lastMs), until: '2026-03-10', endedBy: 'resumed' },
    ]);
    expect(stretchesOf(foldCaseEvents(awaited), lastMs)).toEqual([
      { from: ms('2026-03-02T10:00:00Z'), to: ms(lastMs), until: '2026-03-10', endedBy: 'running' },
    ]);
  });

  it('a history stored before waits existed (no list of waits) has none', () => {
    const e = caseEvents();
    const { waits: _none, ...stored } = foldCaseEvents([e.submitted('2026-01-01T00:00:00Z')]);
    expect(stretchesOf(stored, '2026-02-01T00:00:00Z')).toEqual([]);
  });

  it('runningDeadline: a wait that ended before the clock started moves nothing; one that starts the very millisecond it runs out stops it', () => {
    expect(runningDeadline(20 * DAY, 100 * DAY, [wait(0, 10 * DAY)])).toBe(120 * DAY);
    expect(runningDeadline(0, 100 * DAY, [wait(100 * DAY, 150 * DAY)])).toBe(150 * DAY);
  });

  it('movedDeadline: a wait that began the instant the date was set does not move it; one that begins at its last millisecond does', () => {
    const end = ms('2026-02-10T22:59:59.999Z');
    const made = ms('2026-01-22T09:00:00Z');
    expect(movedDeadline(end, made, [wait(made, made + 2 * DAY)], 'Europe/Berlin')).toBe(end);
    expect(new Date(movedDeadline(end, made, [wait(end, end + 2 * DAY)], 'Europe/Berlin')).toISOString()).toBe(
      '2026-02-12T22:59:59.999Z',
    );
  });
});
