import { types } from 'pg';
import { parseTimestamptz } from './timestamptz';

const pgParser = types.getTypeParser(1184, 'text') as (text: string) => Date;

describe('parseTimestamptz', () => {
  it.each([
    '2025-03-30 02:30:00+02',
    '2025-03-30 00:30:00.1+00',
    '2025-03-30 00:30:00.12+00',
    '2025-03-30 00:30:00.123+00',
    '2025-03-30 00:30:00.123456+00',
    '2025-10-26 02:59:59.999999+01',
    '2024-02-29 23:59:59.5-03',
    '2026-01-01 05:30:00+05:30',
    '1890-06-01 12:00:00+00:53:28',
    '0099-12-31 23:00:00+00',
    '1970-01-01 00:00:00+00',
  ])('reads %s as pg does', (text) => {
    expect(parseTimestamptz(text).toISOString()).toBe(pgParser(text).toISOString());
  });

  it.each(['infinity', '-infinity', '0044-03-15 12:00:00+00 BC'])('leaves %s to pg', (text) => {
    expect(String(parseTimestamptz(text))).toBe(String(pgParser(text)));
  });
});
