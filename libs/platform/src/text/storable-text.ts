/**
 * Text PostgreSQL can store and validators can walk: no NUL character and no unpaired UTF-16
 * surrogate (both valid in JSON). `isWellFormed` is the language's own surrogate check.
 */
export const isStorableText = (value: string): boolean => !value.includes('\u0000') && value.isWellFormed();
