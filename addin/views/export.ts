/** Hent medlemstal's result: the workbook opened (or offered), and the CSV files offered or explained. */
import type { ExportOutcome, OfferedFile } from '../export-download';
import type { Translate } from '../i18n';
import { h } from './dom';

type Done = Extract<ExportOutcome, { kind: 'done' }>;

function fileLink(file: OfferedFile, t: Translate): HTMLElement {
  return h(
    'li',
    null,
    h('a', { href: file.url, download: file.fileName, 'data-file': file.fileName }, file.label ? `${t(file.label)} · ${file.fileName}` : file.fileName),
  );
}

export function renderExport(done: Done, failureText: (failure: Extract<Done['csv'], { kind: 'failed' }>['failure']) => string, t: Translate): HTMLElement {
  const workbook = done.opened
    ? h('p', { id: 'export-opened' }, t('exportOpenedText', { file: done.fileName }))
    : h(
        'div',
        { id: 'export-not-opened' },
        h('p', null, t('exportOpenFailed')),
        done.xlsx ? h('ul', { class: 'downloads' }, fileLink(done.xlsx, t)) : h('p', null, t('exportOpenFailedDesktop')),
      );
  let csv: HTMLElement;
  switch (done.csv.kind) {
    case 'offered':
      csv = h('ul', { class: 'downloads', id: 'export-csv' }, done.csv.files.map((f) => fileLink(f, t)));
      break;
    case 'host-cannot-download':
      csv = h('p', { id: 'export-csv-desktop' }, t('exportCsvDesktop'));
      break;
    case 'failed':
      csv = h('p', { id: 'export-csv-failed' }, t('exportCsvFailed', { reason: failureText(done.csv.failure) }));
      break;
  }
  return h(
    'section',
    { class: 'export', id: 'export-result', 'data-year': done.year },
    h('h2', null, t('exportTitle', { year: done.year })),
    workbook,
    h('h3', null, t('exportCsvTitle')),
    h('p', { class: 'hint' }, t('exportCsvHint')),
    csv,
  );
}
