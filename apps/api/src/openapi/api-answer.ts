import { ApiOkResponse } from '@nestjs/swagger';
import { CsvColumn, csvColumnsDescription } from '../queries/csv/csv-columns';
import { CSV_DECIMALS } from '../queries/csv/to-csv';

const POSITION_HEADER = {
  'X-Read-Model-Position': {
    description: 'The store position the read models had reached',
    schema: { type: 'integer' },
  },
};

/**
 * The 200 answer of a read route: `schema` (a component of response-schemas.ts) as JSON and, where
 * offered, CSV with its fixed columns.
 */
export const ApiAnswer = (
  schema: string,
  options: { description?: string; csv?: readonly CsvColumn<never>[]; rows?: string; paged?: boolean } = {},
) =>
  ApiOkResponse({
    description: options.description ?? 'The answer and the read-model position it reflects',
    headers: {
      ...POSITION_HEADER,
      ...(options.paged
        ? {
            Link: {
              description: 'The next page: `<…?cursor=…>; rel="next"` (absent on the last page)',
              schema: { type: 'string' },
            },
          }
        : {}),
      ...(options.csv
        ? { 'Content-Disposition': { description: 'CSV only: `attachment; filename="…"`', schema: { type: 'string' } } }
        : {}),
    },
    content: {
      'application/json': { schema: { $ref: `#/components/schemas/${schema}` } },
      ...(options.csv
        ? {
            'text/csv': {
              schema: {
                type: 'string',
                description:
                  `UTF-8 with a byte order mark, a header row and CRLF line ends; one row per ${options.rows ?? 'answer'}. ` +
                  `Fractional numbers have at most ${CSV_DECIMALS} decimals; empty cells are null. ` +
                  '`?locale=de` separates fields with `;` and writes decimal commas. Columns, always all of them in this order:\n\n' +
                  csvColumnsDescription(options.csv),
              },
            },
          }
        : {}),
    },
  });
