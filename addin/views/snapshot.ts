/** Gem version: what was saved, what changed since the previous one, a conflict, or a refusal. */
import type { Issue, Lang } from '../../shared/schemas';
import type { SnapshotDiff, SnapshotValue } from '../../shared/snapshot';
import type { SnapshotMeta } from '../api';
import { fieldLabel, formatDateTime, formatNumber, type Translate } from '../i18n';
import { h } from './dom';

const shownChanges = 60;

export function renderSnapshotMeta(meta: SnapshotMeta, lang: Lang, t: Translate): HTMLElement {
  const row = (label: string, value: string, id: string) => h('div', { class: 'meta-row' }, h('dt', null, label), h('dd', { 'data-meta': id }, value));
  return h(
    'dl',
    { class: 'meta' },
    row(t('savedAt'), formatDateTime(lang, meta.createdAt), 'createdAt'),
    row(t('savedBy'), meta.createdBy, 'createdBy'),
    row(t('hash'), meta.hash.slice(0, 12), 'hash'),
    row(t('snapshotId'), meta.id, 'id'),
  );
}

export function renderSaved(meta: SnapshotMeta, existing: boolean, diff: HTMLElement | null, lang: Lang, t: Translate): HTMLElement {
  return h(
    'div',
    { class: 'snapshot', id: 'snapshot-saved' },
    h('h2', null, t('savedTitle')),
    existing ? h('p', { class: 'hint' }, t('alreadySaved')) : null,
    renderSnapshotMeta(meta, lang, t),
    diff,
  );
}

/**
 * A diff as a list. `history`: the previous snapshot → this one. `conflict`: the other person's snapshot →
 * this copy, said as "theirs / yours", since neither is simply older.
 */
export function renderChanges(diff: SnapshotDiff | null, title: string, lang: Lang, t: Translate, mode: 'history' | 'conflict' = 'history'): HTMLElement {
  const body: HTMLElement[] = [];
  const labels = mode === 'history' ? { added: t('added'), removed: t('removed') } : { added: t('onlyYours'), removed: t('onlyTheirs') };
  if (diff === null) body.push(h('p', null, t('firstSnapshot')));
  else if (diff.same) body.push(h('p', null, t('noChanges')));
  else {
    if (diff.associations.added.length) body.push(h('p', null, h('strong', null, `${labels.added}: `), diff.associations.added.join(', ')));
    if (diff.associations.removed.length) body.push(h('p', null, h('strong', null, `${labels.removed}: `), diff.associations.removed.join(', ')));
    if (diff.fields.length) {
      body.push(
        h(
          'ul',
          { class: 'changes' },
          diff.fields.slice(0, shownChanges).map((c) =>
            h(
              'li',
              null,
              h('strong', null, c.association),
              ` · ${fieldLabel(lang, c.field)}: `,
              mode === 'history'
                ? [h('del', null, show(c.old, lang)), ' → ', h('ins', null, show(c.new, lang))]
                : [`${t('theirs')} `, h('del', null, show(c.old, lang)), `, ${t('yours')} `, h('ins', null, show(c.new, lang))],
            ),
          ),
        ),
      );
      if (diff.fields.length > shownChanges) body.push(h('p', { class: 'more' }, `… +${diff.fields.length - shownChanges}`));
    }
  }
  return h('section', { class: 'changes-section', id: 'snapshot-changes' }, h('h3', null, title), body);
}

function show(value: SnapshotValue, lang: Lang): string {
  if (value === null || value === '') return '–';
  if (typeof value === 'number') return formatNumber(lang, value, Number.isInteger(value) ? 0 : 2);
  return String(value);
}

export interface ConflictProps {
  latest: SnapshotMeta;
  diff: SnapshotDiff;
  lang: Lang;
  t: Translate;
  onSaveAnyway: () => void;
  onStop: () => void;
}

export function renderConflict(p: ConflictProps): HTMLElement {
  const { t } = p;
  return h(
    'div',
    { class: 'snapshot conflict', id: 'snapshot-conflict', role: 'alertdialog', 'aria-labelledby': 'conflict-title' },
    h('h2', { id: 'conflict-title' }, t('conflictTitle')),
    h('p', null, t('conflictText', { year: p.latest.year, who: p.latest.createdBy, when: formatDateTime(p.lang, p.latest.createdAt) })),
    renderChanges(p.diff, t('differences'), p.lang, t, 'conflict'),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'button', class: 'primary', id: 'save-anyway', onclick: p.onSaveAnyway }, t('saveAnyway')),
      h('button', { type: 'button', id: 'save-stop', onclick: p.onStop }, t('stop')),
    ),
  );
}

/**
 * A save that did not happen because of errors. `by`: the pane found them and sent nothing, or the service
 * (which re-validates) refused the sheets; the person is told which, since only the second reached the service.
 */
export function renderRefused(issues: Issue[], by: 'pane' | 'service', t: Translate, issueList: (issues: Issue[]) => HTMLElement): HTMLElement {
  return h(
    'div',
    { class: 'snapshot refused', id: 'snapshot-refused', 'data-by': by },
    h('h2', null, t(by === 'pane' ? 'notSentTitle' : 'refusedTitle')),
    h('p', null, t(by === 'pane' ? 'notSentText' : 'refusedText')),
    issueList(issues),
  );
}
