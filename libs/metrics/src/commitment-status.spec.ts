import { CommitmentChange, commitmentStatus } from './commitment-status';
import type { WaitStretch } from './waiting';

const at = (s: string) => new Date(s);
const fulfilled = (s: string) => ({ kind: 'fulfilled' as const, at: at(s) });
const withdrawn = (s: string) => ({ kind: 'withdrawn' as const, at: at(s) });
const renegotiated = (s: string, newDueOn: string) => ({ kind: 'renegotiated' as const, at: at(s), newDueOn });
const LATER = at('2027-01-01T00:00:00Z');

describe('commitment status: fulfilment around local midnight (Europe/Berlin)', () => {
  it('summer time (CEST, UTC+2): dueOn 2026-07-10 ends at 21:59:59.999Z', () => {
    expect(commitmentStatus('2026-07-10', [fulfilled('2026-07-10T21:59:59.999Z')], LATER).status).toBe('kept');
    expect(commitmentStatus('2026-07-10', [fulfilled('2026-07-10T22:00:00.000Z')], LATER).status).toBe('late');
  });

  it('winter time (CET, UTC+1): dueOn 2026-01-10 ends at 22:59:59.999Z', () => {
    expect(commitmentStatus('2026-01-10', [fulfilled('2026-01-10T22:59:59.999Z')], LATER).status).toBe('kept');
    expect(commitmentStatus('2026-01-10', [fulfilled('2026-01-10T23:00:00.000Z')], LATER).status).toBe('late');
  });

  it('spring switch day 2026-03-29 ends in CEST at 21:59:59.999Z', () => {
    expect(commitmentStatus('2026-03-29', [fulfilled('2026-03-29T21:59:59.999Z')], LATER).status).toBe('kept');
    expect(commitmentStatus('2026-03-29', [fulfilled('2026-03-29T22:00:00.000Z')], LATER).status).toBe('late');
  });

  it('autumn switch day 2026-10-25 ends in CET at 22:59:59.999Z', () => {
    // 22:30Z is 23:30 CET on the 25th: still on the due date
    expect(commitmentStatus('2026-10-25', [fulfilled('2026-10-25T22:30:00.000Z')], LATER).status).toBe('kept');
    expect(commitmentStatus('2026-10-25', [fulfilled('2026-10-25T22:59:59.999Z')], LATER).status).toBe('kept');
    expect(commitmentStatus('2026-10-25', [fulfilled('2026-10-25T23:00:00.000Z')], LATER).status).toBe('late');
  });

  it('honours another tenant time zone', () => {
    expect(commitmentStatus('2026-07-10', [fulfilled('2026-07-10T22:00:00.000Z')], LATER, 'UTC').status).toBe('kept');
    expect(commitmentStatus('2026-07-10', [fulfilled('2026-07-11T00:00:00.000Z')], LATER, 'UTC').status).toBe('late');
  });
});

describe('commitment status: renegotiation', () => {
  it('on or before the due date replaces it', () => {
    const result = commitmentStatus(
      '2026-07-10',
      [renegotiated('2026-07-09T10:00:00Z', '2026-07-20'), fulfilled('2026-07-15T10:00:00Z')],
      LATER,
    );
    expect(result).toEqual({ status: 'kept', dueOn: '2026-07-20', markedLate: false });
  });

  it('in the last millisecond of the due date still replaces it', () => {
    const result = commitmentStatus(
      '2026-07-10',
      [renegotiated('2026-07-10T21:59:59.999Z', '2026-07-20'), fulfilled('2026-07-15T10:00:00Z')],
      LATER,
    );
    expect(result).toEqual({ status: 'kept', dueOn: '2026-07-20', markedLate: false });
  });

  it('after the due date leaves it unchanged and marks the commitment late, whatever happens next', () => {
    const late = renegotiated('2026-07-10T22:00:00.000Z', '2026-07-20');
    expect(commitmentStatus('2026-07-10', [late, fulfilled('2026-07-12T10:00:00Z')], LATER)).toEqual({
      status: 'late',
      dueOn: '2026-07-10',
      markedLate: true,
    });
    // not fulfilled yet: late, not overdue
    expect(commitmentStatus('2026-07-10', [late], at('2026-07-11T00:00:00Z')).status).toBe('late');
    // withdrawn afterwards: late, not broken
    expect(commitmentStatus('2026-07-10', [late, withdrawn('2026-07-12T10:00:00Z')], LATER).status).toBe('late');
  });

  it('chains: each renegotiation is judged against the due date in force', () => {
    // 07-10 -> (07-05) 07-20 -> (07-15) 07-31; fulfilled 07-30: kept
    expect(
      commitmentStatus(
        '2026-07-10',
        [
          renegotiated('2026-07-05T08:00:00Z', '2026-07-20'),
          renegotiated('2026-07-15T08:00:00Z', '2026-07-31'),
          fulfilled('2026-07-30T08:00:00Z'),
        ],
        LATER,
      ),
    ).toEqual({ status: 'kept', dueOn: '2026-07-31', markedLate: false });
    // 07-10 -> (07-05) 07-20; renegotiated again on 07-21, after 07-20: late
    expect(
      commitmentStatus(
        '2026-07-10',
        [
          renegotiated('2026-07-05T08:00:00Z', '2026-07-20'),
          renegotiated('2026-07-21T08:00:00Z', '2026-07-31'),
          fulfilled('2026-07-30T08:00:00Z'),
        ],
        LATER,
      ),
    ).toEqual({ status: 'late', dueOn: '2026-07-20', markedLate: true });
  });

  it('takes changes in business-time order, whatever order they are given in', () => {
    const result = commitmentStatus(
      '2026-07-10',
      [fulfilled('2026-07-15T10:00:00Z'), renegotiated('2026-07-09T10:00:00Z', '2026-07-20')],
      LATER,
    );
    expect(result.status).toBe('kept');
  });
});

describe('commitment status: broken, overdue, open, as of T', () => {
  it('withdrawn is broken', () => {
    expect(commitmentStatus('2026-07-10', [withdrawn('2026-07-01T10:00:00Z')], LATER).status).toBe('broken');
    expect(commitmentStatus('2026-07-10', [withdrawn('2026-07-15T10:00:00Z')], LATER).status).toBe('broken');
  });

  it('open until the end of the due date, overdue right after', () => {
    expect(commitmentStatus('2026-07-10', [], at('2026-07-10T21:59:59.999Z')).status).toBe('open');
    expect(commitmentStatus('2026-07-10', [], at('2026-07-10T22:00:00.000Z')).status).toBe('overdue');
  });

  it('ignores changes after T', () => {
    const changes = [fulfilled('2026-07-12T10:00:00Z')];
    expect(commitmentStatus('2026-07-10', changes, at('2026-07-05T00:00:00Z')).status).toBe('open');
    expect(commitmentStatus('2026-07-10', changes, at('2026-07-11T00:00:00Z')).status).toBe('overdue');
    expect(commitmentStatus('2026-07-10', changes, at('2026-07-12T10:00:00Z')).status).toBe('late');
    // a renegotiation after T does not mark it late yet
    expect(
      commitmentStatus('2026-07-10', [renegotiated('2026-07-12T10:00:00Z', '2026-07-30')], at('2026-07-11T00:00:00Z'))
        .status,
    ).toBe('overdue');
  });

  it('the first fulfilment or withdrawal ends the commitment', () => {
    expect(
      commitmentStatus(
        '2026-07-10',
        [fulfilled('2026-07-01T10:00:00Z'), renegotiated('2026-07-20T10:00:00Z', '2026-07-30')],
        LATER,
      ),
    ).toEqual({ status: 'kept', dueOn: '2026-07-10', markedLate: false });
  });
});

describe('commitment status: changes at the same instant', () => {
  const instant = '2026-07-11T08:00:00.000Z'; // after the due date 2026-07-10
  const lateRenegotiation = (pos: number) => ({ ...renegotiated(instant, '2026-07-20'), pos });
  const withdrawal = (pos: number) => ({ ...withdrawn(instant), pos });

  it('takes them in store order, whatever order they are handed in: a late renegotiation, then a withdrawal, is late', () => {
    expect(commitmentStatus('2026-07-10', [withdrawal(8), lateRenegotiation(7)], LATER)).toEqual({
      status: 'late',
      dueOn: '2026-07-10',
      markedLate: true,
    });
  });

  it('a withdrawal, then a late renegotiation, is broken: the withdrawal ended the commitment', () => {
    expect(commitmentStatus('2026-07-10', [lateRenegotiation(8), withdrawal(7)], LATER)).toEqual({
      status: 'broken',
      dueOn: '2026-07-10',
      markedLate: false,
    });
  });
});

describe('commitment status: changes at the same instant, handed in store order', () => {
  const instant = '2026-07-11T08:00:00.000Z'; // after the due date 2026-07-10
  const lateRenegotiation = (pos: number) => ({ ...renegotiated(instant, '2026-07-20'), pos });
  const withdrawal = (pos: number) => ({ ...withdrawn(instant), pos });

  it('a late renegotiation (position 7), then a withdrawal (8): late', () => {
    expect(commitmentStatus('2026-07-10', [lateRenegotiation(7), withdrawal(8)], LATER).status).toBe('late');
  });

  it('a withdrawal (7), then a late renegotiation (8): broken', () => {
    expect(commitmentStatus('2026-07-10', [withdrawal(7), lateRenegotiation(8)], LATER).status).toBe('broken');
  });
});

describe('commitment status: a renegotiation stored without a new due date', () => {
  const withoutDate = (s: string) => ({ kind: 'renegotiated' as const, at: at(s) });

  it('on or before the due date (its last millisecond included) changes nothing', () => {
    for (const when of ['2026-07-05T08:00:00.000Z', '2026-07-10T21:59:59.999Z'])
      expect(commitmentStatus('2026-07-10', [withoutDate(when)], LATER)).toEqual({
        status: 'overdue',
        dueOn: '2026-07-10',
        markedLate: false,
      });
  });

  it('after the due date marks the promise late like any late renegotiation', () => {
    expect(commitmentStatus('2026-07-10', [withoutDate('2026-07-10T22:00:00.000Z')], LATER)).toEqual({
      status: 'late',
      dueOn: '2026-07-10',
      markedLate: true,
    });
  });
});

describe('commitment status: waits for the initiative (the administration’s promises)', () => {
  // Due 2026-07-10: its last millisecond is 2026-07-10T21:59:59.999Z (CEST).
  const ms = (s: string) => at(s).getTime();
  const ended = (from: string, to: string): WaitStretch => ({
    from: ms(from),
    to: ms(to),
    until: null,
    endedBy: 'resumed',
  });
  const running = (from: string, asOf: string): WaitStretch => ({
    from: ms(from),
    to: ms(asOf),
    until: null,
    endedBy: 'running',
  });
  const status = (changes: CommitmentChange[], asOf: string, madeAt: string, waits: WaitStretch[]) =>
    commitmentStatus('2026-07-10', changes, at(asOf), undefined, { madeAt: ms(madeAt), waits });

  it('a wait that ended before the promise was made moves nothing; the same wait after it moves the due date', () => {
    const fulfilledOn11th = [fulfilled('2026-07-11T08:00:00Z')];
    // waited 07-01..07-03, promise made 07-05: due 07-10 stands, fulfilled 07-11 is late
    expect(
      status(fulfilledOn11th, '2026-08-01T00:00:00Z', '2026-07-05T08:00:00Z', [
        ended('2026-07-01T08:00:00Z', '2026-07-03T08:00:00Z'),
      ]),
    ).toEqual({ status: 'late', dueOn: '2026-07-10', markedLate: false });
    // waited 07-06..07-08 (2 days) after the promise: due 07-12, fulfilled 07-11 is kept
    expect(
      status(fulfilledOn11th, '2026-08-01T00:00:00Z', '2026-07-05T08:00:00Z', [
        ended('2026-07-06T08:00:00Z', '2026-07-08T08:00:00Z'),
      ]),
    ).toEqual({ status: 'kept', dueOn: '2026-07-12', agreedDueOn: '2026-07-10', markedLate: false });
  });

  it('a wait running at T that began after the promise was made pauses it', () => {
    // waits since 07-08 08:00; at 07-09 08:00 one day waited: due 07-11, paused
    expect(
      status([], '2026-07-09T08:00:00Z', '2026-07-01T08:00:00Z', [
        running('2026-07-08T08:00:00Z', '2026-07-09T08:00:00Z'),
      ]),
    ).toEqual({ status: 'open', dueOn: '2026-07-11', agreedDueOn: '2026-07-10', paused: true, markedLate: false });
  });

  it('a wait already running when the promise was made (or beginning in that millisecond) neither moves nor pauses it', () => {
    for (const madeAt of ['2026-07-06T08:00:00.000Z', '2026-07-05T08:00:00.000Z'])
      expect(
        status([], '2026-07-08T08:00:00Z', madeAt, [running('2026-07-05T08:00:00.000Z', '2026-07-08T08:00:00Z')]),
      ).toEqual({ status: 'open', dueOn: '2026-07-10', markedLate: false });
  });

  it('a wait beginning in the due date’s last millisecond pauses it; one a millisecond later finds it overdue', () => {
    // 8 hours waited from 07-10 23:59:59.999 local: due 07-11
    expect(
      status([], '2026-07-11T06:00:00Z', '2026-07-01T08:00:00Z', [
        running('2026-07-10T21:59:59.999Z', '2026-07-11T06:00:00Z'),
      ]),
    ).toEqual({ status: 'open', dueOn: '2026-07-11', agreedDueOn: '2026-07-10', paused: true, markedLate: false });
    expect(
      status([], '2026-07-11T06:00:00Z', '2026-07-01T08:00:00Z', [
        running('2026-07-10T22:00:00.000Z', '2026-07-11T06:00:00Z'),
      ]),
    ).toEqual({ status: 'overdue', dueOn: '2026-07-10', markedLate: false });
  });

  it('a running wait is judged against the due date every earlier wait moved', () => {
    // 2 days (07-02..07-04) move 07-10 to 07-12, 5 days (07-05..07-10) to 07-17; the wait since 07-15
    // began before 07-17 ran out (though after 07-12): paused, one day waited by 07-16: due 07-18
    expect(
      status([], '2026-07-16T08:00:00Z', '2026-07-01T08:00:00Z', [
        ended('2026-07-02T08:00:00Z', '2026-07-04T08:00:00Z'),
        ended('2026-07-05T08:00:00Z', '2026-07-10T08:00:00Z'),
        running('2026-07-15T08:00:00Z', '2026-07-16T08:00:00Z'),
      ]),
    ).toEqual({ status: 'open', dueOn: '2026-07-18', agreedDueOn: '2026-07-10', paused: true, markedLate: false });
  });
});
