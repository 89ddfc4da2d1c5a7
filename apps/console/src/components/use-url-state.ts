import { useRef } from 'react';
import { useSearchParams } from 'wouter';

/** Typed changes of the same choice closer together than this are one step of the history. */
const BURST_MS = 1000;

/**
 * A page's choices kept in its address (`?asOf=2026-03-31&unitId=…`): a view can be bookmarked and
 * shared, and the browser's Back button returns to the previous choice (each change is a new
 * history entry; typing a date digit by digit, changes marked `typing` that follow each other
 * quickly replace their own entry, so one Back undoes the whole date). A value equal to its default is left out of the address; one that `valid`
 * refuses (a hand-edited or outdated link) counts as the default.
 */
export function useUrlState<Key extends string>(
  defaults: Readonly<Record<Key, string>>,
  valid: (key: Key, value: string) => boolean = () => true,
): [Record<Key, string>, (changes: Partial<Record<Key, string>>, options?: { typing?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(defaults) as Key[];
  const state = Object.fromEntries(
    keys.map((key) => {
      const value = params.get(key);
      return [key, value !== null && value !== '' && valid(key, value) ? value : defaults[key]];
    }),
  ) as Record<Key, string>;
  const lastTyped = useRef({ keys: '', at: 0, search: '' });
  const change = (changes: Partial<Record<Key, string>>, { typing = false } = {}) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes) as [Key, string | undefined][]) {
      if (value === undefined || value === defaults[key]) next.delete(key);
      else next.set(key, value);
    }
    const keys = Object.keys(changes).sort().join();
    const now = Date.now();
    // Only while the address is still the one the last keystroke made (not after Back, say).
    const replace =
      typing &&
      keys === lastTyped.current.keys &&
      now - lastTyped.current.at < BURST_MS &&
      params.toString() === lastTyped.current.search;
    lastTyped.current = typing ? { keys, at: now, search: next.toString() } : { keys: '', at: 0, search: '' };
    setParams(next, { replace });
  };
  return [state, change];
}

/** A calendar date (YYYY-MM-DD, no 30 February) from 1900 up to `latest`. */
export function isDateUpTo(latest: string): (value: string) => boolean {
  return (value) => {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
    const real = parsed !== null && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value;
    return real && value >= '1900-01-01' && value <= latest;
  };
}
