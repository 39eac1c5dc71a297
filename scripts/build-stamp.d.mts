// Types for scripts/build-stamp.mjs (plain JavaScript so that it runs without compiling; see there).
export declare const repoRoot: string;
export declare const alwaysHashed: string[];
export declare function stampPath(output: string): string;
export declare function sourceList(root: string, files: Iterable<string>): string[];
export declare function fingerprint(root: string, files: string[]): string | null;
export declare function isCurrent(root: string, output: string): boolean;
export declare function ensureBuilt(target: { root: string; output: string; build: () => Promise<string[]>; extra?: string[] }): Promise<boolean>;
export declare function isTargetCurrent(name: 'addin' | 'server' | 'cli'): boolean;
export declare function ensureTarget(name: 'addin' | 'server' | 'cli', build: () => Promise<{ inputs: string[] }>): Promise<boolean>;
export declare const targets: Record<'addin' | 'server' | 'cli', { script: string; uses: string[]; output: string; label: string }>;
