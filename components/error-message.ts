// What a UI shows for a failed call: a VocaliD API error's sentence for people, else the error's message.
export function messageOf(err: unknown): string {
  if (
    typeof err === 'object' &&
    err !== null &&
    'userMessage' in err &&
    typeof (err as { userMessage: unknown }).userMessage === 'string'
  ) {
    return (err as { userMessage: string }).userMessage;
  }
  return err instanceof Error ? err.message : String(err);
}
