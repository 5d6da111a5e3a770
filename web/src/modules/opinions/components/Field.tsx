import type { ReactNode } from 'react';

/**
 * A labelled field with its error under it, laid out like antd's vertical Form.Item. The scan page
 * keeps its few fields itself rather than through antd's Form: on a phone slowed down, Form's code
 * and styles cost a quarter of a second before the page can be used.
 */
export function Field({ id, label, error, children }: { id?: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div style={{ marginBottom: 24 }}>
      <label htmlFor={id} style={{ display: 'block', paddingBottom: 8 }}>
        {label}
      </label>
      {children}
      {error && (
        <div id={id && `${id}-error`} role="alert" style={{ color: '#ff4d4f', whiteSpace: 'pre-line' }}>
          {error}
        </div>
      )}
    </div>
  );
}

/** What a control with an error says to assistive technology (as antd's Form.Item does). */
export const describedBy = (id: string, error: string | undefined) => (error ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {});
