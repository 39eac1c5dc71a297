/** The three choices on top of the pane: budget sheet, membership sheet, programme year. */
import type { Translate } from '../i18n';
import type { Choice, Detection } from '../workbook-choice';
import { h } from './dom';

export interface SetupProps {
  sheets: string[];
  detection: Detection;
  choice: Choice;
  years: number[];
  disabled: boolean;
  t: Translate;
  onChange: (choice: Choice) => void;
}

export function renderSetup(p: SetupProps): HTMLElement {
  const { t } = p;
  const sheetSelect = (id: string, value: string | null, wasDetected: boolean, label: string, apply: (v: string | null) => Choice) =>
    field(
      id,
      label,
      wasDetected && value === (id === 'budget-sheet' ? p.detection.choice.budgetSheet : p.detection.choice.membershipSheet) ? t('detected') : null,
      h(
        'select',
        { id, disabled: p.disabled, onchange: (e: Event) => p.onChange(apply((e.target as HTMLSelectElement).value || null)) },
        h('option', { value: '', selected: value === null }, t('noSheet')),
        p.sheets.map((name) => h('option', { value: name, selected: name === value }, name)),
      ),
    );
  return h(
    'div',
    { class: 'setup' },
    sheetSelect('budget-sheet', p.choice.budgetSheet, p.detection.detected.budgetSheet, t('budgetSheet'), (v) => ({ ...p.choice, budgetSheet: v })),
    sheetSelect('membership-sheet', p.choice.membershipSheet, p.detection.detected.membershipSheet, t('membershipSheet'), (v) => ({ ...p.choice, membershipSheet: v })),
    field(
      'programme-year',
      t('programmeYear'),
      p.detection.detected.year && p.choice.year === p.detection.choice.year ? t('detected') : null,
      h(
        'select',
        {
          id: 'programme-year',
          disabled: p.disabled,
          'aria-invalid': p.choice.year === null ? 'true' : undefined,
          'aria-describedby': p.choice.year === null ? 'year-missing' : undefined,
          onchange: (e: Event) => {
            const value = (e.target as HTMLSelectElement).value;
            p.onChange({ ...p.choice, year: value === '' ? null : Number(value) });
          },
        },
        p.choice.year === null ? h('option', { value: '', selected: true }, t('chooseYear')) : null,
        p.years.map((y) => h('option', { value: y, selected: y === p.choice.year }, y)),
      ),
      p.choice.year === null ? h('p', { class: 'field-error', id: 'year-missing' }, t('yearNotFound')) : null,
    ),
  );
}

function field(id: string, label: string, note: string | null, control: HTMLElement, after: HTMLElement | null = null): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label, note ? h('span', { class: 'note' }, ` · ${note}`) : null), control, after);
}
