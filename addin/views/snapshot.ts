/** Gem version: what was saved, what changed since the previous one, a conflict, or a refusal. */
import type { Issue, Lang } from '../../shared/schemas';
import type { SnapshotDiff, SnapshotValue } from '../../shared/snapshot';
import type { SnapshotMeta } from '../api';
import type { ConflictCase } from '../../shared/wire';
import { fieldLabel, formatDateTime, formatNumber, formatVersionTime, type Translate } from '../i18n';
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

/** What changed since the year's previous version, as a list: old → new. */
export function renderChanges(diff: SnapshotDiff | null, title: string, lang: Lang, t: Translate): HTMLElement {
  const body: HTMLElement[] = [];
  if (diff === null) body.push(h('p', null, t('firstSnapshot')));
  else if (diff.same) body.push(h('p', null, t('noChanges')));
  else {
    if (diff.associations.added.length) body.push(h('p', null, h('strong', null, `${t('added')}: `), diff.associations.added.join(', ')));
    if (diff.associations.removed.length) body.push(h('p', null, h('strong', null, `${t('removed')}: `), diff.associations.removed.join(', ')));
    if (diff.fields.length) {
      body.push(
        h(
          'ul',
          { class: 'changes' },
          diff.fields.slice(0, shownChanges).map((c) =>
            h('li', null, h('strong', null, c.association), ` · ${fieldLabel(lang, c.field)}: `, h('del', null, show(c.old, lang)), ' → ', h('ins', null, show(c.new, lang))),
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
  conflictCase: ConflictCase;
  latest: SnapshotMeta;
  diff: SnapshotDiff;
  lang: Lang;
  t: Translate;
  onSaveAnyway: () => void;
  onStop: () => void;
}

/** Associations shown before "vis alle": enough to see what kind of difference it is, short enough for the choice. */
const shownAssociations = 5;

/**
 * A save that met someone else's version: the choice first (Gem alligevel / Stop), which case it is, then the
 * differences per association — only the fields that differ, the saved version's value → this copy's.
 */
export function renderConflict(p: ConflictProps): HTMLElement {
  const { t } = p;
  const key = p.conflictCase === 'saved-since' ? 'savedSince' : 'notFromThisYear';
  const params = { year: p.latest.year, who: p.latest.createdBy, when: formatVersionTime(p.lang, p.latest.createdAt) };
  return h(
    'div',
    { class: 'snapshot conflict', id: 'snapshot-conflict', role: 'alertdialog', 'aria-labelledby': 'conflict-title', 'data-case': p.conflictCase },
    h('h2', { id: 'conflict-title' }, t(`conflictTitle_${key}`)),
    h('p', { id: 'conflict-text' }, t(`conflictText_${key}`, params)),
    h('p', null, t('conflictChoice')),
    h(
      'div',
      { class: 'button-row' },
      h('button', { type: 'button', class: 'primary', id: 'save-anyway', onclick: p.onSaveAnyway }, t('saveAnyway')),
      h('button', { type: 'button', id: 'save-stop', onclick: p.onStop }, t('stop')),
    ),
    renderDifferences(p.diff, p.lang, t),
  );
}

function renderDifferences(diff: SnapshotDiff, lang: Lang, t: Translate): HTMLElement {
  const byAssociation = new Map<string, SnapshotDiff['fields']>();
  for (const change of diff.fields) byAssociation.set(change.association, [...(byAssociation.get(change.association) ?? []), change]);
  const items = [...byAssociation.entries()].map(([association, changes], i) =>
    h(
      'li',
      { class: 'association-changes', 'data-association': association, hidden: i >= shownAssociations },
      h('strong', null, association),
      h('ul', null, changes.map((c) => h('li', null, `${fieldLabel(lang, c.field)}: `, h('del', null, show(c.old, lang)), ' → ', h('ins', null, show(c.new, lang))))),
    ),
  );
  const list = h('ul', { class: 'changes', id: 'conflict-changes' }, items);
  const showAll =
    items.length > shownAssociations
      ? h('button', {
          type: 'button',
          class: 'link-button',
          id: 'show-all-changes',
          onclick: (e: Event) => {
            for (const item of items) item.hidden = false;
            (e.currentTarget as HTMLElement).remove();
          },
        }, t('showAll', { n: items.length }))
      : null;
  const only = (label: string, names: string[]) => (names.length ? h('p', null, h('strong', null, `${label}: `), names.join(', ')) : null);
  return h(
    'section',
    { class: 'changes-section', id: 'snapshot-changes' },
    h('h3', null, t('differences')),
    diff.same ? h('p', null, t('noChanges')) : null,
    only(t('onlyYours'), diff.associations.added),
    only(t('onlyTheirs'), diff.associations.removed),
    items.length ? h('p', { class: 'hint' }, t('differencesCount', { n: items.length })) : null,
    items.length ? list : null,
    showAll,
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
