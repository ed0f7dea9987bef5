/** A live region for the result of an action: screen readers announce it, errors are marked as alerts. */
export function StatusLine({
  status,
  testId,
}: {
  status: { kind: 'ok' | 'error' | 'info'; text: string } | null;
  testId: string;
}) {
  if (!status) return <p class="status-line" data-testid={testId} role="status" aria-live="polite" />;
  return (
    <p
      class={`status-line status-${status.kind}`}
      data-testid={testId}
      role={status.kind === 'error' ? 'alert' : 'status'}
      aria-live="polite"
    >
      {status.text}
    </p>
  );
}

export type Status = { kind: 'ok' | 'error' | 'info'; text: string } | null;
