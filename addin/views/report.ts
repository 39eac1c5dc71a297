/** The result of Kontrollér: counts by severity, then the issues per sheet; each issue with a cell is a button. */
import type { Issue, Report, Severity } from '../../shared/schemas';
import type { Translate } from '../i18n';
import type { IssueGroup } from '../workbook-choice';
import { h } from './dom';

/** Thousands of issues would make the pane sluggish; the first ones per sheet are what a user works through. */
const shownPerSheet = 300;

export function renderCounts(report: Pick<Report, 'counts'>, t: Translate): HTMLElement {
  const badge = (severity: Severity, label: string) =>
    h('div', { class: `count count-${severity}`, 'data-severity': severity }, h('span', { class: 'count-number' }, report.counts[severity]), h('span', { class: 'count-label' }, label));
  return h('div', { class: 'counts' }, badge('error', t('errors')), badge('warning', t('warnings')), badge('info', t('infos')));
}

/** `beside`: a control shown next to a finding (Ret, for one with a safe fix), outside its own button. */
export function renderIssueGroups(groups: IssueGroup[], t: Translate, onSelect: (issue: Issue) => void, beside?: (issue: Issue) => HTMLElement | null): HTMLElement {
  if (groups.length === 0) return h('p', { class: 'empty' }, t('noIssues'));
  return h(
    'div',
    { class: 'issue-groups' },
    groups.map((group) =>
      h(
        'section',
        { class: 'issue-group' },
        h('h3', null, group.sheet ?? t('workbookLevel'), h('span', { class: 'group-count' }, ` (${group.issues.length})`)),
        h('ul', { class: 'issues' }, group.issues.slice(0, shownPerSheet).map((issue) => {
          const extra = beside?.(issue) ?? null;
          return h('li', extra ? { class: 'with-action' } : null, renderIssue(issue, t, onSelect), extra);
        })),
        group.issues.length > shownPerSheet ? h('p', { class: 'more' }, `… +${group.issues.length - shownPerSheet}`) : null,
      ),
    ),
  );
}

function renderIssue(issue: Issue, t: Translate, onSelect: (issue: Issue) => void): HTMLElement {
  const body = [
    h('span', { class: `severity severity-${issue.severity}`, 'aria-hidden': 'true' }),
    // The word as well as the colour: a dot alone says nothing to a colour-blind reader or on a grey print.
    h('span', { class: `severity-word severity-word-${issue.severity}`, 'data-severity': issue.severity }, t(`severity_${issue.severity}`)),
    h('span', { class: 'issue-cell' }, issue.cell ?? ''),
    h('span', { class: 'issue-message' }, withoutCellPrefix(issue)),
  ];
  if (issue.sheet === null || issue.cell === null) return h('div', { class: 'issue', 'data-code': issue.code }, body);
  return h(
    'button',
    {
      type: 'button',
      class: 'issue',
      'data-code': issue.code,
      'data-cell': issue.cell,
      title: t('issueAt', { cell: issue.cell, sheet: issue.sheet }),
      onclick: () => onSelect(issue),
    },
    body,
  );
}

/** The core's messages may start with the cell ("D6: …"), which the list already shows in its own column. */
function withoutCellPrefix(issue: Issue): string {
  return issue.cell && issue.message.startsWith(`${issue.cell}: `) ? issue.message.slice(issue.cell.length + 2) : issue.message;
}
