/** Flattens nested objects into dotted columns (`commitments.administration.kept`). */
function flatten(value: unknown, prefix = '', into: Record<string, unknown> = {}): Record<string, unknown> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into[prefix] = Array.isArray(value) ? value.join(' ') : value;
  }
  return into;
}

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote when needed; neutralise spreadsheet formulas.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** RFC 4180 CSV with a header row; columns are the union of all rows' keys, in first-seen order. */
export function toCsv(rows: readonly object[]): string {
  const flat = rows.map((row) => flatten(row));
  const columns = [...new Set(flat.flatMap((row) => Object.keys(row)))];
  return [columns.join(','), ...flat.map((row) => columns.map((column) => cell(row[column])).join(','))].join('\r\n') + '\r\n';
}
