/** Opaque page cursors: the last row's key, base64url-encoded so clients do not build them. */
export const encodeCursor = (id: string): string => Buffer.from(id, 'utf8').toString('base64url');

/** A cursor this API did not issue. Its own class: no other failure of a page may pass for a bad cursor. */
export class InvalidCursorError extends Error {
  constructor() {
    super('cursor is not one this API issued');
    this.name = 'InvalidCursorError';
  }
}

export function decodeCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw new InvalidCursorError();
  return id;
}
