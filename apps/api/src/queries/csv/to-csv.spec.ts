import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { CsvColumn } from './csv-columns';
import { csvStream, toCsv } from './to-csv';

/** The bytes as text, the byte order mark kept (a TextDecoder would drop it). */
const text = async (stream: Readable) => (await buffer(stream)).toString('utf8');

type Row = { name: string; share: number | null; open: boolean };
const columns: CsvColumn<Row>[] = [
  { name: 'name', description: '', value: (r) => r.name },
  { name: 'share', description: '', value: (r) => r.share },
  { name: 'open', description: '', value: (r) => r.open },
];
const rows: Row[] = [
  { name: 'Münsterstraße; "Ecke"', share: 0.123456, open: true },
  { name: '=HYPERLINK("x")', share: null, open: false },
  { name: 'Zeile\r\nzwei', share: 2, open: true },
];

describe('CSV written as a stream', () => {
  it.each(['en', 'de'] as const)('is byte for byte the CSV toCsv makes (%s)', async (locale) => {
    const streamed = await text(csvStream(columns, rows.values(), locale));
    expect(streamed).toBe(toCsv(columns, rows, locale));
    expect(streamed.startsWith('\uFEFFname')).toBe(true);
    expect(streamed).toContain("'=HYPERLINK");
  });

  it('writes the header alone for no rows, and ends when a row cannot be read', async () => {
    expect(await text(csvStream(columns, [], 'en'))).toBe(toCsv(columns, [], 'en'));
    const failing = (function* () {
      yield rows[0];
      throw new Error('gone');
    })();
    await expect(text(csvStream(columns, failing, 'en'))).rejects.toThrow('gone');
  });
});
