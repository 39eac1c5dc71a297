/** A plain-text table with a header and a rule: by default the first column left-aligned, figures right-aligned. */
export function textTable(header: string[], rows: string[][], opts: { rightAligned?: (col: number) => boolean } = {}): string[] {
  const right = opts.rightAligned ?? ((c: number) => c > 0);
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((cell, c) => (right(c) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}
