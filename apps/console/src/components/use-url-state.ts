import { useSearchParams } from 'wouter';

/**
 * A page's choices kept in its address (`?asOf=2026-03-31&unitId=…`): a view can be bookmarked and
 * shared, and the browser's Back button returns to the previous choice (each change is a new
 * history entry). A value equal to its default is left out of the address; one that `valid`
 * refuses (a hand-edited or outdated link) counts as the default.
 */
export function useUrlState<Key extends string>(
  defaults: Readonly<Record<Key, string>>,
  valid: (key: Key, value: string) => boolean = () => true,
): [Record<Key, string>, (changes: Partial<Record<Key, string>>) => void] {
  const [params, setParams] = useSearchParams();
  const keys = Object.keys(defaults) as Key[];
  const state = Object.fromEntries(
    keys.map((key) => {
      const value = params.get(key);
      return [key, value !== null && value !== '' && valid(key, value) ? value : defaults[key]];
    }),
  ) as Record<Key, string>;
  const change = (changes: Partial<Record<Key, string>>) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      for (const [key, value] of Object.entries(changes) as [Key, string | undefined][]) {
        if (value === undefined || value === defaults[key]) next.delete(key);
        else next.set(key, value);
      }
      return next;
    });
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
