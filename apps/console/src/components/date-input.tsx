import { useEffect, useState } from 'react';
import { isDateUpTo } from './use-url-state';

/**
 * A date field for a chosen date: while someone types (a year digit by digit passes through 0002,
 * 0020, …) the field keeps what is typed, and only a real date from 1900 up to `latest` is passed on.
 * `id` comes from the surrounding Field (its label).
 */
export function DateInput({
  id,
  value,
  latest,
  onDate,
}: {
  id?: string;
  value: string;
  latest: string;
  onDate: (date: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  return (
    <input
      id={id}
      type="date"
      value={draft}
      max={latest}
      min="1900-01-01"
      required
      onChange={(event) => {
        setDraft(event.target.value);
        if (isDateUpTo(latest)(event.target.value)) onDate(event.target.value);
      }}
    />
  );
}
