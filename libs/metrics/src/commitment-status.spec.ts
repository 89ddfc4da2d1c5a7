import { commitmentStatus } from './commitment-status';

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
