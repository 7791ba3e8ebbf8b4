import type { ReactNode } from 'react';

/** A label above its control, for fields side by side in a form row. */
export function Field({ id, label, children }: { id: string; label: string; children: ReactNode }) {
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', gap: 4 }}>
      <label className="cs-muted" htmlFor={id}>
        {label}
      </label>
      {children}
    </span>
  );
}
