import {
  isoMs,
  days,
  daysBetween,
  endOfLocalDay,
  endOfLocalMonth,
  inPeriod,
  isOnOrBeforeLocalDay,
  localDate,
  monthEnds,
  monthsOfQuarter,
  nextDate,
  quarterOfMonth,
  startOfLocalDay,
  timeZoneOffsetMs,
} from './time';

const iso = (d: Date) => d.toISOString();

describe('days', () => {
  it('are milliseconds / 86 400 000, unrounded', () => {
    expect(days(86_400_000)).toBe(1);
    expect(days(43_200_000)).toBe(0.5);
    // 1 ms = 1/86 400 000 day
    expect(days(1)).toBe(1 / 86_400_000);
    // 2026-01-01T00:00Z -> 2026-01-02T06:00Z = 1.25 days
    expect(daysBetween(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-02T06:00:00Z'))).toBe(1.25);
  });
});

describe('endOfLocalDay in Europe/Berlin (default)', () => {
  it('ends a winter (CET, UTC+1) day at 22:59:59.999Z', () => {
    expect(iso(endOfLocalDay('2026-01-10'))).toBe('2026-01-10T22:59:59.999Z');
    expect(iso(endOfLocalDay('2026-03-28'))).toBe('2026-03-28T22:59:59.999Z');
  });

  it('ends a summer (CEST, UTC+2) day at 21:59:59.999Z', () => {
    expect(iso(endOfLocalDay('2026-07-10'))).toBe('2026-07-10T21:59:59.999Z');
    expect(iso(endOfLocalDay('2026-10-24'))).toBe('2026-10-24T21:59:59.999Z');
  });

  it('handles the spring switch day 2026-03-29 (23 hours, ends in CEST)', () => {
    expect(iso(startOfLocalDay('2026-03-29'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(endOfLocalDay('2026-03-29'))).toBe('2026-03-29T21:59:59.999Z');
    // 23 h = 82 800 000 ms
    expect(endOfLocalDay('2026-03-29').getTime() + 1 - startOfLocalDay('2026-03-29').getTime()).toBe(82_800_000);
  });

  it('handles the autumn switch day 2026-10-25 (25 hours, ends in CET)', () => {
    expect(iso(startOfLocalDay('2026-10-25'))).toBe('2026-10-24T22:00:00.000Z');
    expect(iso(endOfLocalDay('2026-10-25'))).toBe('2026-10-25T22:59:59.999Z');
    // 25 h = 90 000 000 ms
    expect(endOfLocalDay('2026-10-25').getTime() + 1 - startOfLocalDay('2026-10-25').getTime()).toBe(90_000_000);
  });

  it('crosses month and year ends', () => {
    expect(iso(endOfLocalDay('2025-12-31'))).toBe('2025-12-31T22:59:59.999Z');
    expect(iso(endOfLocalDay('2024-02-29'))).toBe('2024-02-29T22:59:59.999Z');
  });

  it('rejects what is not a calendar date', () => {
    expect(() => endOfLocalDay('2026-02-30')).toThrow(RangeError);
    expect(() => endOfLocalDay('10.07.2026')).toThrow(RangeError);
    for (const date of ['2026-13-01', '2026-00-10', '2026-04-00', '2026-04-31', '2025-02-29'])
      expect(() => endOfLocalDay(date)).toThrow(new RangeError(`Not a calendar date YYYY-MM-DD: ${date}`));
  });
});

describe('endOfLocalDay in other zones', () => {
  it('UTC', () => {
    expect(iso(endOfLocalDay('2026-07-10', 'UTC'))).toBe('2026-07-10T23:59:59.999Z');
  });

  it('America/New_York on its spring switch day (ends in EDT, UTC-4)', () => {
    expect(iso(endOfLocalDay('2026-03-08', 'America/New_York'))).toBe('2026-03-09T03:59:59.999Z');
  });

  it('Pacific/Apia, which skipped 2011-12-30 (Thursday 29th 23:59:59 UTC−10 -> Saturday 31st 00:00 UTC+14)', () => {
    // the 29th lasts its full 24 hours; the day that does not exist begins where the 31st does
    expect(iso(startOfLocalDay('2011-12-29', 'Pacific/Apia'))).toBe('2011-12-29T10:00:00.000Z');
    expect(iso(endOfLocalDay('2011-12-29', 'Pacific/Apia'))).toBe('2011-12-30T09:59:59.999Z');
    expect(iso(startOfLocalDay('2011-12-30', 'Pacific/Apia'))).toBe('2011-12-30T10:00:00.000Z');
    expect(iso(startOfLocalDay('2011-12-31', 'Pacific/Apia'))).toBe('2011-12-30T10:00:00.000Z');
  });

  it('America/Havana, which skips local midnight on 2026-03-08 (00:00 CST -> 01:00 CDT)', () => {
    // The day starts at 01:00 CDT = 05:00Z; the day before ends one ms earlier.
    expect(iso(startOfLocalDay('2026-03-08', 'America/Havana'))).toBe('2026-03-08T05:00:00.000Z');
    expect(iso(endOfLocalDay('2026-03-07', 'America/Havana'))).toBe('2026-03-08T04:59:59.999Z');
  });
});

describe('local dates and offsets', () => {
  it('offsets', () => {
    expect(timeZoneOffsetMs(new Date('2026-01-10T12:00:00Z'))).toBe(3_600_000);
    expect(timeZoneOffsetMs(new Date('2026-07-10T12:00:00Z'))).toBe(7_200_000);
    // 2026-03-29T00:59:59Z is 01:59:59 CET; 01:00:00Z is 03:00 CEST
    expect(timeZoneOffsetMs(new Date('2026-03-29T00:59:59.999Z'))).toBe(3_600_000);
    expect(timeZoneOffsetMs(new Date('2026-03-29T01:00:00.000Z'))).toBe(7_200_000);
  });

  it('localDate', () => {
    expect(localDate(new Date('2026-07-10T21:59:59.999Z'))).toBe('2026-07-10');
    expect(localDate(new Date('2026-07-10T22:00:00.000Z'))).toBe('2026-07-11');
    expect(localDate(new Date('2026-07-10T22:00:00.000Z'), 'UTC')).toBe('2026-07-10');
  });

  it('"on or before D" is occurredAt <= D 23:59:59.999 local', () => {
    expect(isOnOrBeforeLocalDay(new Date('2026-01-10T22:59:59.999Z'), '2026-01-10')).toBe(true);
    expect(isOnOrBeforeLocalDay(new Date('2026-01-10T23:00:00.000Z'), '2026-01-10')).toBe(false);
  });
});

describe('periods and month ends', () => {
  it('quarters', () => {
    expect(quarterOfMonth('2026-03')).toBe('2026-Q1');
    expect(quarterOfMonth('2026-04')).toBe('2026-Q2');
    expect(quarterOfMonth('2026-12')).toBe('2026-Q4');
    expect(monthsOfQuarter('2026-Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
  });

  it('inPeriod uses the local date', () => {
    // 2026-03-31T22:30Z is 2026-04-01 00:30 CEST: April, Q2
    const instant = new Date('2026-03-31T22:30:00Z');
    expect(inPeriod(instant, '2026-04')).toBe(true);
    expect(inPeriod(instant, '2026-03')).toBe(false);
    expect(inPeriod(instant, '2026-Q2')).toBe(true);
    expect(() => inPeriod(instant, '2026-13')).toThrow(
      new RangeError('Not a budget period YYYY-MM or YYYY-Qn: 2026-13'),
    );
  });

  it('refuses what is no month or quarter, naming it', () => {
    expect(() => quarterOfMonth('2026-13')).toThrow(new RangeError('Not a month YYYY-MM: 2026-13'));
    expect(() => monthsOfQuarter('2026-Q0')).toThrow(new RangeError('Not a quarter YYYY-Qn: 2026-Q0'));
    expect(() => endOfLocalMonth('2026-1')).toThrow(new RangeError('Not a month YYYY-MM: 2026-1'));
    expect(() => monthEnds('2026-01', '2026-00')).toThrow(new RangeError('Not a month YYYY-MM: 2026-00'));
  });

  it('month ends for time series', () => {
    expect(iso(endOfLocalMonth('2026-02'))).toBe('2026-02-28T22:59:59.999Z');
    expect(monthEnds('2025-12', '2026-03').map(({ month, asOf }) => [month, iso(asOf)])).toEqual([
      ['2025-12', '2025-12-31T22:59:59.999Z'],
      ['2026-01', '2026-01-31T22:59:59.999Z'],
      ['2026-02', '2026-02-28T22:59:59.999Z'],
      ['2026-03', '2026-03-31T21:59:59.999Z'],
    ]);
    expect(monthEnds('2026-03', '2026-02')).toEqual([]);
  });
});

describe('isoMs', () => {
  it('reads every time as Date.parse does, the stored form quickly and anything else through Date.parse', () => {
    const stored = Array.from({ length: 2000 }, (_, i) =>
      new Date(Date.UTC(1999, 0, 1) + i * 123_456_789_1).toISOString(),
    );
    const other = [
      '2026-03-29T01:59:59.999Z',
      '2024-02-29T23:59:59.999Z',
      '2026-02-30T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-03-01T24:00:00.000Z',
      '2026-03-01T09:30:00Z',
      '2026-03-01T09:30:00.000+01:00',
      '2026-03-01',
      '0099-03-01T00:00:00.000Z',
      '2026-0a-01T00:00:00.000Z',
      'nonsense',
      '',
      // each separator of the stored form replaced, one at a time
      '2026x03-01T00:00:00.000Z',
      '2026-03x01T00:00:00.000Z',
      '2026-03-01x00:00:00.000Z',
      '2026-03-01T00x00:00.000Z',
      '2026-03-01T00:00x00.000Z',
      '2026-03-01T00:00:00x000Z',
      '2026-03-01T00:00:00.000x',
      '2026-03-01T00:00:00.0000Z',
      // each field just out of range, and the leap days of the century rules
      '2026-00-01T00:00:00.000Z',
      '2026-03-00T00:00:00.000Z',
      '2026-04-31T00:00:00.000Z',
      '2026-03-01T00:60:00.000Z',
      '2026-03-01T00:00:60.000Z',
      '2026-03-01T00:00:00.0a0Z',
      '2000-02-29T12:00:00.000Z',
      '1900-02-29T12:00:00.000Z',
      '2100-02-29T12:00:00.000Z',
      '2028-02-29T12:00:00.000Z',
      '1000-01-01T00:00:00.000Z',
      '0999-12-31T23:59:59.999Z',
      // a character just below '0' or just above '9' where a digit belongs, and text after the Z
      '2026-03-01T0/:00:00.000Z',
      '2026-03-01T00:00:0:.000Z',
      '2026-03-01T00:00:00.000Z5',
      // past what Date.parse reads as an overflow (day 31 of any month, hour 24)
      '2026-01-32T00:00:00.000Z',
      '2026-03-01T25:00:00.000Z',
    ];
    for (const text of [...stored, ...other]) expect([text, isoMs(text)]).toEqual([text, Date.parse(text)]);
  });
});

describe('any year a stored date may name (events are never rewritten)', () => {
  it('years below 100 are those years, not 1900 to 1999', () => {
    expect(iso(endOfLocalDay('0050-06-01', 'UTC'))).toBe('0050-06-01T23:59:59.999Z');
    expect(iso(startOfLocalDay('0099-12-31', 'UTC'))).toBe('0099-12-31T00:00:00.000Z');
    expect(iso(endOfLocalMonth('0050-02', 'UTC'))).toBe('0050-02-28T23:59:59.999Z');
    // Berlin kept local mean time (+00:53:28) before 1893.
    expect(iso(endOfLocalDay('0050-06-01'))).toBe('0050-06-01T23:06:31.999Z');
  });

  it('year 0 (1 BC) and the years around it', () => {
    expect(iso(endOfLocalDay('0000-01-01', 'UTC'))).toBe('0000-01-01T23:59:59.999Z');
    expect(localDate(new Date('0000-06-01T12:00:00Z'), 'UTC')).toBe('0000-06-01');
    expect(iso(endOfLocalDay('0000-12-31'))).toBe('0000-12-31T23:06:31.999Z');
  });

  it('the day after 9999-12-31 exists', () => {
    expect(iso(endOfLocalDay('9999-12-31', 'UTC'))).toBe('9999-12-31T23:59:59.999Z');
    expect(iso(endOfLocalDay('9999-12-31'))).toBe('9999-12-31T22:59:59.999Z');
    expect(nextDate('9999-12-31')).toBe('10000-01-01');
    expect(isOnOrBeforeLocalDay(new Date('2026-01-01T00:00:00Z'), '9999-12-31')).toBe(true);
  });

  it('years below 100 keep the time-zone offset of their instant', () => {
    expect(timeZoneOffsetMs(new Date('0050-06-01T12:00:00Z'), 'UTC')).toBe(0);
    expect(timeZoneOffsetMs(new Date('0050-06-01T12:00:00Z'))).toBe(3208_000);
  });
});
