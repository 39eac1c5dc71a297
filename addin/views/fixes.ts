/** Ret on a finding with a safe fix, and the bar with Ret alle sikre and Fortryd rettelser above the findings. */
import type { Issue, Lang } from '../../shared/schemas';
import { formatNumber, type Translate } from '../i18n';
import { h } from './dom';

/** The value a fix writes, as the person reads it ("400.000", "Bispebjerg"). */
function shown(value: Issue['value'], lang: Lang): string {
  if (typeof value === 'number') return formatNumber(lang, value, Number.isInteger(value) ? 0 : 2);
  return String(value ?? '');
}

/** Ret beside a finding that carries a fix; null for the others. */
export function renderFixButton(issue: Issue, lang: Lang, t: Translate, onFix: (issue: Issue) => void): HTMLElement | null {
  if (!issue.fix || issue.sheet === null) return null;
  const what = t('fixOneTitle', { cell: issue.fix.cell, value: shown(issue.fix.value, lang) });
  return h('button', { type: 'button', class: 'fix-one', 'data-fix-cell': issue.fix.cell, title: what, 'aria-label': what, onclick: () => onFix(issue) }, t('fixOne'));
}

export interface FixBarProps {
  /** Cells the report's safe fixes would write. */
  fixable: number;
  /** Cells the workbook remembers as fixed. */
  remembered: number;
  t: Translate;
  onFixAll: () => void;
  onUndo: () => void;
}

/** Nothing when there is nothing to fix or to undo. */
export function renderFixBar(p: FixBarProps): HTMLElement | null {
  if (p.fixable === 0 && p.remembered === 0) return null;
  const { t } = p;
  return h(
    'section',
    { class: 'fix-bar', id: 'fix-bar', 'aria-label': t('fixesTitle') },
    h(
      'div',
      { class: 'button-row' },
      p.fixable > 0 ? h('button', { type: 'button', class: 'primary', id: 'fix-all', onclick: p.onFixAll }, t('fixAll', { n: p.fixable })) : null,
      p.remembered > 0 ? h('button', { type: 'button', id: 'undo-fixes', onclick: p.onUndo }, t('undoFixes')) : null,
    ),
    h('p', { class: 'hint' }, t(p.remembered > 0 ? 'fixesUndoHint' : 'fixesHint')),
  );
}

/** "D5 og D7 i Økonomi" style list of cells, by sheet, the first ones only. */
export function cellList(cells: ReadonlyArray<{ sheet: string; cell: string }>, t: Translate, shownCells = 12): string {
  const bySheet = new Map<string, string[]>();
  for (const c of cells.slice(0, shownCells)) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c.cell]);
  const parts = [...bySheet].map(([sheet, list]) => t('cellsOnSheet', { cells: list.join(', '), sheet }));
  const more = cells.length > shownCells ? ` ${t('andMore', { n: cells.length - shownCells })}` : '';
  return parts.join('; ') + more;
}

/** What Ret did: the cells fixed, and the ones left because they changed since the check. */
export function fixedText(outcome: { fixed: readonly unknown[]; changedSinceCheck: ReadonlyArray<{ sheet: string; cell: string }> }, t: Translate): string {
  const n = outcome.fixed.length;
  const done = n === 0 ? t('fixedNone') : n === 1 ? t('fixed_one') : t('fixed_other', { n });
  return outcome.changedSinceCheck.length > 0 ? `${done} ${t('fixSkipped', { cells: cellList(outcome.changedSinceCheck, t) })}` : done;
}

/** What Fortryd rettelser did: the cells put back, and the ones left alone because they changed since the fix. */
export function undoneText(outcome: { restored: readonly unknown[]; changedSince: ReadonlyArray<{ sheet: string; cell: string }> }, t: Translate): string {
  const n = outcome.restored.length;
  if (n === 0 && outcome.changedSince.length === 0) return t('nothingToUndo');
  const done = n === 0 ? t('undoneNone') : n === 1 ? t('undone_one') : t('undone_other', { n });
  return outcome.changedSince.length > 0 ? `${done} ${t('undoSkipped', { cells: cellList(outcome.changedSince, t) })}` : done;
}
