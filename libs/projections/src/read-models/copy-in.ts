import { PoolClient, Query } from 'pg';

const SPECIAL = /[\\\n\r\t]/;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export type CopyValue = string | number | boolean | null | undefined;

/** One line of PostgreSQL's COPY text format: tab-separated, null as \N, backslashes and line breaks escaped. */
export function copyLine(values: readonly CopyValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    const text = value === null || value === undefined ? '\\N' : String(value);
    line +=
      (i ? '\t' : '') +
      (value !== null && value !== undefined && SPECIAL.test(text)
        ? text.replace(/[\\\n\r\t]/g, (c) => ESCAPES[c])
        : text);
  }
  return `${line}\n`;
}

interface CopyConnection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** COPY … FROM STDIN over pg's protocol: the data goes out as soon as the server asks for it. */
class CopyIn extends Query {
  private readonly data: Buffer;

  constructor(text: string, data: Buffer, callback: (error: Error | undefined) => void) {
    super(text, callback);
    this.data = data;
  }

  handleCopyInResponse(connection: CopyConnection): void {
    connection.sendCopyFromChunk(this.data);
    connection.endCopyFrom();
  }
}

/** Appends `lines` (from copyLine) to `table` with COPY, in one round trip; far cheaper than INSERT for many rows. */
export function copyIn(client: PoolClient, table: string, columns: readonly string[], lines: string): Promise<void> {
  if (lines.length === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    client.query(
      new CopyIn(`COPY ${table} (${columns.join(', ')}) FROM STDIN`, Buffer.from(lines), (error) =>
        error ? reject(error) : resolve(),
      ),
    );
  });
}
