// The benchmark's printed table (the lead copies it into README's Performance section).
export interface Row {
  metric: string;
  smart: string;
  naive: string;
  ratio: string;
  target: string;
  /** undefined when the figure has no target */
  pass: boolean | undefined;
}

export function formatTable(rows: Row[]): string {
  const header = ['figure', 'smart: median (worst)', 'naive baseline', 'smart ÷ naive', 'target', 'met'];
  const cells = rows.map((r) => [
    r.metric,
    r.smart,
    r.naive,
    r.ratio,
    r.target,
    r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
  ]);
  const lines = [header, ...cells].map((c) => `| ${c.join(' | ')} |`);
  lines.splice(1, 0, `|${header.map(() => ' --- ').join('|')}|`);
  return lines.join('\n');
}
