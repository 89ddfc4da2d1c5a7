import { ReactElement, cloneElement, useId } from 'react';

/** A label and its control, tied by id (the label does not wrap the control, so its name is the label's text alone). */
export function Field({ label, children }: { label: string; children: ReactElement<{ id?: string }> }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}
