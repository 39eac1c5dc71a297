export interface BenchSection {
  name: string;
  rows: Array<Record<string, string | number | boolean | null>>;
  /** Targets met or missed, in words. */
  notes?: string[];
  /** When this section was measured (written by bench/run.ts). */
  at?: string;
}
