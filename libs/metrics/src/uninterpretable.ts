/**
 * What a stored history holds that the metrics cannot compute with, such as a due date that names no
 * calendar day. Events are never rewritten, so such an entry stays for good: it is left out of the
 * computation and reported with the answer, instead of failing every question about the tenant.
 */
export interface Uninterpretable {
  readonly caseId: string | null;
  /** The history list the entry is in (`commitments`, …), or `case` when the whole case was left out. */
  readonly list: string;
  /** The store position of the event, when one entry is meant. */
  readonly pos: number | null;
  readonly reason: string;
}

export const uninterpretable = (
  caseId: string | null,
  list: string,
  pos: number | null,
  error: unknown,
): Uninterpretable => ({
  caseId,
  list,
  pos,
  reason: error instanceof Error ? error.message : String(error),
});

/** `{ uninterpretable }` when there is any, else nothing: answers over clean histories stay as they were. */
export const reported = (found: readonly Uninterpretable[]): { uninterpretable?: Uninterpretable[] } =>
  found.length > 0 ? { uninterpretable: [...found] } : {};
