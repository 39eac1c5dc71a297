/** Oversigt's section on the change against the year before (addin/year-change.ts), or why there is none. */
import type { Lang } from '../../shared/schemas';
import type { ServiceFailure } from '../api';
import { formatNumber, formatVersionTime, type Translate } from '../i18n';
import type { DistrictChange, YearChange } from '../year-change';
import { h } from './dom';

/** Shown while the service is asked, so the year's own figures are not held back by the network. */
export function renderYearChangePending(year: number, t: Translate): HTMLElement {
  return h('section', { class: 'year-change', id: 'summary-change-section', 'data-state': 'pending' }, h('h3', null, t('changeTitle', { previous: year - 1 })), h('p', { class: 'hint' }, t('changeFetching', { previous: year - 1 })));
}

/** "+12", "−5" (a real minus sign), "0". */
function signed(lang: Lang, n: number): string {
  if (n > 0) return `+${formatNumber(lang, n)}`;
  if (n < 0) return `\u2212${formatNumber(lang, -n)}`;
  return '0';
}

export function renderYearChange(change: YearChange, lang: Lang, t: Translate, failureText: (failure: ServiceFailure) => string): HTMLElement {
  const title = h('h3', null, t('changeTitle', { previous: change.previousYear }));
  if (change.kind === 'none') {
    const why = t(change.why, { previous: change.previousYear, year: change.year });
    return h(
      'section',
      { class: 'year-change', id: 'summary-change-section', 'data-state': 'none' },
      title,
      h('p', { class: 'hint', id: 'summary-change-none' }, change.failure ? `${why} ${failureText(change.failure)}` : why),
    );
  }
  const n = (v: number | null) => (v === null ? '–' : formatNumber(lang, v));
  const row = (d: DistrictChange, name: string, className?: string) => {
    const delta = d.change !== null ? signed(lang, d.change) : d.before === null ? t('changeNew') : t('changeNotThisYear');
    return h(
      'tr',
      { class: className, 'data-district': d.district || undefined },
      h('th', { scope: 'row' }, name.replace(/\//g, '/\u200b')),
      h('td', null, n(d.before)),
      h('td', null, n(d.now)),
      h('td', { class: d.change === null ? 'muted' : d.change < 0 ? 'down' : d.change > 0 ? 'up' : undefined }, delta),
    );
  };
  return h(
    'section',
    { class: 'year-change', id: 'summary-change-section', 'data-state': 'change' },
    title,
    h('p', { class: 'hint' }, t('changeSource', { previous: change.previousYear, when: formatVersionTime(lang, change.savedAt), year: change.year })),
    h(
      'table',
      { class: 'figures', id: 'summary-change' },
      h(
        'thead',
        null,
        h('tr', null, h('th', { scope: 'col' }, t('district')), h('th', { scope: 'col' }, String(change.previousYear)), h('th', { scope: 'col' }, String(change.year)), h('th', { scope: 'col' }, t('changeColumn'))),
      ),
      h('tbody', null, change.rows.map((d) => row(d, d.district))),
      h('tfoot', null, row(change.total, t('total'), 'total')),
    ),
  );
}
