/** Oversigt: totals per district and local area and the funding frames, from the validated rows, offline. */
import type { Lang, Summary, Totals } from '../../shared/schemas';
import { formatNumber, type Translate } from '../i18n';
import { h } from './dom';

export function renderSummary(summary: Summary, year: number | null, lang: Lang, t: Translate): HTMLElement {
  const n = (v: number | null) => (v === null ? '–' : formatNumber(lang, v));
  // A 320 px pane has room for four narrow columns: short headers, amounts without "kr." (said once above).
  const kr = n;
  const totalsRow = (name: string, x: Totals, className?: string) =>
    h('tr', { class: className }, h('th', { scope: 'row' }, breakable(name)), h('td', null, n(x.associations)), h('td', null, kr(x.grant)), h('td', null, n(x.membersUnder25)));
  const head = (first: string) =>
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        h('th', { scope: 'col' }, first),
        h('th', { scope: 'col', title: t('associations') }, t('countShort')),
        h('th', { scope: 'col' }, t('grantKr')),
        h('th', { scope: 'col', title: t('membersUnder25') }, t('under25Short')),
      ),
    );

  return h(
    'div',
    { class: 'summary' },
    h('h2', null, t('overviewTitle', { year: year ?? '' })),
    h('p', { class: 'hint' }, `${t('overviewSourceWorkbook')} ${t('amountsInKr')}`),
    h('h3', null, t('byDistrict')),
    h(
      'table',
      { class: 'figures', id: 'summary-districts' },
      head(t('district')),
      h('tbody', null, summary.districts.map((d) => totalsRow(d.district, d))),
      h('tfoot', null, totalsRow(t('total'), summary.total, 'total')),
    ),
    h('h3', null, t('byLocalArea')),
    h('table', { class: 'figures', id: 'summary-local-areas' }, head(t('localArea')), h('tbody', null, summary.localAreas.map((a) => totalsRow(a.localArea, a)))),
    h('h3', null, t('byFunding')),
    h(
      'table',
      { class: 'figures', id: 'summary-funding' },
      h('thead', null, h('tr', null, h('th', { scope: 'col' }, t('funding')), h('th', { scope: 'col' }, t('grant')), h('th', { scope: 'col' }, t('frame')), h('th', { scope: 'col' }, t('remaining')))),
      h(
        'tbody',
        null,
        summary.funding.map((f) =>
          h(
            'tr',
            { class: f.remaining !== null && f.remaining < 0 ? 'over' : undefined },
            h('th', { scope: 'row' }, breakable(t(f.source))),
            h('td', null, kr(f.grant)),
            h('td', null, f.frame === null ? t('noFrame') : kr(f.frame)),
            h('td', null, kr(f.remaining)),
          ),
        ),
      ),
    ),
  );
}

/** "Vesterbro/Kongens Enghave" may wrap after the slash rather than inside a word. */
function breakable(name: string): string {
  return name.replace(/\//g, '/\u200b');
}
