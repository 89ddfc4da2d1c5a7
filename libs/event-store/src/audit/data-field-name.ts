/** A field of an event's data that may be written into SQL text (an index expression, a filter): letters and digits. */
export function assertDataFieldName(field: string): void {
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(field)) throw new RangeError(`Not a data field name: ${field}`);
}
