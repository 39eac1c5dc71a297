/**
 * Issue 11: the core holds no state between calls. Two ways a module-level memo would show: the heap keeps a
 * workbook's texts after its report is gone (counted in a heap snapshot, which V8 takes after a full
 * collection, in a process of its own: heap-after-validation.ts), and a module of shared/ declares a mutable
 * value at its top level (read with the TypeScript compiler, so a cache re-added in any declaration fails here).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { validateWorkbook, type WorkbookInput } from '../../shared';

const repoRoot = join(import.meta.dirname, '../..');
const ROWS = 200_000;

describe('the core holds no state between calls', () => {
  it(`after validating ${ROWS.toLocaleString('en-GB')} distinct district strings (and distinct tier, yes/no and amount texts), the heap keeps none of them`, async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, 'node_modules/tsx/dist/cli.mjs'), join(import.meta.dirname, 'heap-after-validation.ts'), String(ROWS)], {
      cwd: repoRoot, maxBuffer: 1 << 20,
    });
    const { seen, left } = JSON.parse(stdout) as { seen: Record<string, unknown>; left: Record<string, number> };
    // Each text was read as meant: Valby, standard, yes, 700,000 kr. — each one a spelling variant or a text amount.
    expect(seen.rows).toBe(ROWS);
    expect(seen.first).toMatchObject({ district: 'Valby', localArea: 'Valby/Sydhavnen', tier: 'standard', agreementTerms: true, salary: 700_000 });
    expect(seen.variants).toEqual({ district: ROWS, tier: ROWS / 10, yesNo: ROWS / 10 });
    expect(seen.textAmounts).toBe(ROWS / 10);
    // A module-level memo keeps every one of them (a bounded one, its last 10,000); a few could stay where V8
    // itself keeps a last match.
    for (const [kind, n] of Object.entries(left)) expect([kind, n <= 3]).toEqual([kind, true]);
  });

  it('the same workbook validated again, after another one, gives the same report', () => {
    const a: WorkbookInput = { sheets: [
      { name: 'Budget 2025', values: [['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Timer pr. uge'], ['BK Union', 'nørrebro ', 'Standard', '250.000 kr.', 20], ['Siam', 'Valbi', 'x', 250_000, 20]] },
    ] };
    const b: WorkbookInput = { sheets: [
      { name: 'Budget 2025', values: [['Forening', 'Bydel', 'Partnerskab', 'Tilskud', 'Timer pr. uge'], ['BK Union', 'Nørrebro', 'udvidet', '250.000', 'x'], ['Siam', 'Valby', 'Standard', 'kr. 250.000,-', 20]] },
    ] };
    const first = validateWorkbook(a);
    const other = validateWorkbook(b);
    expect(validateWorkbook(a)).toEqual(first);
    expect(validateWorkbook(b, { lang: 'en' }).issues.map((i) => i.code)).toEqual(other.issues.map((i) => i.code));
    expect(first.issues.map((i) => [i.code, i.cell])).toContainEqual(['unknown-district', 'B3']);
  });
});

// ------------------------------------------------------------------------------------------------ module scan

const sharedDir = join(import.meta.dirname, '../../shared');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry']);
const MUTATORS = new Set(['set', 'add', 'delete', 'clear', 'push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin']);

/**
 * What in a module could keep state between calls: a top-level let/var, a top-level Map or Set not typed
 * read-only (a WeakMap or WeakRef at all), and any write to a top-level binding (a call of a mutating method,
 * an assignment to one of its elements or properties) anywhere in the file.
 */
function moduleState(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const topLevel = new Set<string>();
  const where = (n: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(n.getStart()).line + 1}`;
  const functions = new Map<string, ts.Node>();
  for (const statement of file.statements) if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement);
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    if (!(statement.declarationList.flags & ts.NodeFlags.Const)) found.push(`${where(statement)} top-level let/var`);
    for (const d of statement.declarationList.declarations) {
      if (!ts.isIdentifier(d.name)) continue;
      const name = d.name.text;
      topLevel.add(name);
      const type = d.type?.getText(file) ?? '';
      for (const made of collectionsMade(d.initializer, false)) {
        if (made.startsWith('Weak') || made === 'FinalizationRegistry') found.push(`${where(d)} ${name}: a ${made} at module level`);
        else if (!type.includes(`Readonly${made}<`)) found.push(`${where(d)} ${name}: a ${made} not typed Readonly${made}`);
      }
      // A closure made at load time around a collection: memoised(parse) and the like.
      const init = d.initializer;
      if (init && ts.isCallExpression(init) && ts.isIdentifier(init.expression)) {
        const maker = functions.get(init.expression.text);
        if (maker && collectionsMade(maker, true).length > 0) found.push(`${where(d)} ${name}: made by ${init.expression.text}(), which keeps a collection`);
      }
    }
  }
  const rootOf = (e: ts.Expression): string | null => {
    let x = e;
    while (ts.isPropertyAccessExpression(x) || ts.isElementAccessExpression(x) || ts.isParenthesizedExpression(x) || ts.isNonNullExpression(x) || ts.isAsExpression(x)) x = x.expression;
    return ts.isIdentifier(x) ? x.text : null;
  };
  const visit = (n: ts.Node) => {
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && MUTATORS.has(n.expression.name.text)) {
      const root = rootOf(n.expression.expression);
      if (root && topLevel.has(root) && !isShadowed(n, root)) found.push(`${where(n)} ${n.expression.getText(file)}(…) changes a module-level value`);
    }
    if (ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const target = n.left;
      if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
        const root = rootOf(target);
        if (root && topLevel.has(root) && !isShadowed(n, root)) found.push(`${where(n)} ${target.getText(file)} = … changes a module-level value`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  return found;
}

/** The collections (Map, Set, …) an expression makes, outside the functions it holds unless `inFunctions`. */
function collectionsMade(node: ts.Node | undefined, inFunctions: boolean): string[] {
  const made: string[] = [];
  const look = (n: ts.Node) => {
    if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && COLLECTIONS.has(n.expression.text)) made.push(n.expression.text);
    if (inFunctions || !ts.isFunctionLike(n)) ts.forEachChild(n, look);
  };
  if (node) look(node);
  return made;
}

/** Whether a name is declared again (a parameter or local) between a node and the module's top level. */
function isShadowed(node: ts.Node, name: string): boolean {
  for (let p: ts.Node | undefined = node.parent; p && !ts.isSourceFile(p); p = p.parent) {
    if (ts.isFunctionLike(p) && p.parameters.some((q) => ts.isIdentifier(q.name) && q.name.text === name)) return true;
    if (ts.isBlock(p) || ts.isForStatement(p) || ts.isForOfStatement(p)) {
      let declared = false;
      const look = (n: ts.Node) => {
        if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.name.text === name) declared = true;
        else if (!ts.isFunctionLike(n)) ts.forEachChild(n, look);
      };
      ts.forEachChild(p, look);
      if (declared) return true;
    }
  }
  return false;
}

describe('no module of shared/ declares state', () => {
  it('the scan finds each way a cache can be declared (so that it can fail)', () => {
    const caches = [
      'const memo = new Map<string, number>();',
      'export const seen = new Set<string>();',
      'const byConfig: ReadonlyMap<object, number> = new WeakMap();',
      'let calls = 0;',
      'const letters: string[] = [];\nexport function f(i: number) { return (letters[i] ??= String(i)); }',
      'const box = { last: "" };\nexport function f(s: string) { box.last = s; }',
      'const ok: ReadonlyMap<string, number> = new Map([["a", 1]]);\nexport function f() { (ok as Map<string, number>).set("b", 2); }',
      'const byKind: Record<string, Map<string, number>> = { a: new Map() };',
      'function memoised(f: (s: string) => number) { const m = new Map<string, number>(); return (s: string) => m.get(s) ?? f(s); }\nconst parse = memoised(Number);',
    ];
    for (const text of caches) expect([text, moduleState('x.ts', text).length > 0]).toEqual([text, true]);
    const constants = [
      "const YES: ReadonlySet<string> = new Set(['ja']);\nexport const f = (s: string) => YES.has(s);",
      'const list = [1, 2];\nexport function f(list: number[]) { list.push(3); }',
      'const items = [1];\nexport function f() { const items: number[] = []; items.push(1); return items; }',
      "const byKind: Readonly<Record<string, ReadonlySet<string>>> = { a: new Set(['x']) };\nexport const g = () => new Map<string, number>();",
    ];
    for (const text of constants) expect([text, moduleState('x.ts', text)]).toEqual([text, []]);
  });

  it('every file of shared/ is free of module-level state', () => {
    const files = sourceFiles(sharedDir);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((f) => moduleState(relative(sharedDir, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });
});
