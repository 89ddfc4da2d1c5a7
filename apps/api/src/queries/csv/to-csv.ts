import { Readable, pipeline } from 'node:stream';
import { stringify as stringifyStream, type Options } from 'csv-stringify';
import { stringify } from 'csv-stringify/sync';
import type { CsvColumn } from './csv-columns';

/** `en`: `,` between fields, `.` in numbers. `de`: what German spreadsheets expect, `;` and `,`. */
export const CSV_LOCALES = ['en', 'de'] as const;
export type CsvLocale = (typeof CSV_LOCALES)[number];

/** Fractional numbers in CSV carry this many decimals (the JSON gives them unrounded). */
export const CSV_DECIMALS = 4;

const round = (value: number) => Number(value.toFixed(CSV_DECIMALS));

/** A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP CSV injection). */
const neutralise = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

const optionsFor = <T>(columns: readonly CsvColumn<T>[], locale: CsvLocale): Options => ({
  bom: true,
  header: true,
  columns: columns.map((column) => column.name),
  delimiter: locale === 'de' ? ';' : ',',
  record_delimiter: 'windows',
  cast: {
    number: (value) => {
      const text = String(round(value));
      return locale === 'de' ? text.replace('.', ',') : text;
    },
    boolean: (value) => (value ? 'true' : 'false'),
    string: neutralise,
  },
});

const cellsOf = <T>(columns: readonly CsvColumn<T>[], row: T) => columns.map((column) => column.value(row));

/**
 * RFC 4180 CSV with a UTF-8 BOM (so Excel reads umlauts), a header row and CRLF line ends. Every
 * row has exactly `columns`; null and undefined are empty cells.
 */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[], locale: CsvLocale = 'en'): string {
  return stringify(
    rows.map((row) => cellsOf(columns, row)),
    optionsFor(columns, locale),
  );
}

/**
 * The same CSV as toCsv, written a row at a time as the client takes it: for answers that can be
 * large (a whole fund statement), so the rows are not held a second time as one text.
 */
export function csvStream<T>(columns: readonly CsvColumn<T>[], rows: Iterable<T>, locale: CsvLocale = 'en'): Readable {
  const csv = stringifyStream(optionsFor(columns, locale));
  const records = function* () {
    for (const row of rows) yield cellsOf(columns, row);
  };
  // A failure on either side destroys the other; the client sees a cut answer, never a hanging one.
  pipeline(Readable.from(records()), csv, () => undefined);
  return csv;
}
