/**
 * One row of the bench's table: a wait a person has (or a floor the service must hold), measured, and where
 * there is one, the floor of the same work measured in the same run and the ratio between the two.
 */
export interface Wait {
  /** The part of `npm run bench -- <part>` that measured it. */
  part: string;
  /** What a person waits for, in words. */
  wait: string;
  /** Median of the repetitions (or the figure named by `unit`). */
  value: number | null;
  unit: 'ms' | 'saves/s' | 'MB' | 'ns/cell' | '×';
  /** The least work that does the same, measured in the same run; null where the target is absolute. */
  floor: string | null;
  floorValue: number | null;
  /** value / floorValue. */
  ratio: number | null;
  /** The target in words, e.g. "≤ 1.6× floor" or "p99 ≤ 50 ms". */
  target: string;
  met: boolean | null;
  /** How many repetitions the median is of. */
  runs: number | null;
}

export interface PartResult {
  rows: Wait[];
  /** What the rows cannot say: how it was measured, what was skipped and why. */
  notes: string[];
}

/** As bench/results.json keeps a part: its rows and notes, when and under what load it ran. */
export interface StoredPart extends PartResult {
  part: string;
  at: string;
  /** 1-minute load average at the start and the end of the part. */
  load: [number, number];
}
