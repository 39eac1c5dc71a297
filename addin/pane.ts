/**
 * The pane's behaviour: what each button does, in terms of the Excel adapter, the core, the service client
 * and the views. No Office.js here (addin/excel.ts does that) and no markup beyond mounting views.
 */
import type { Issue, Lang, Report } from '../shared/schemas';
import * as api from './api';
import * as excel from './excel';
import * as fixes from './fixes';
import { formatVersionTime, langFromDisplayLanguage, translator, type MessageKey, type Translate } from './i18n';
import { buildOverviewSheet, districtFiguresFromSummary, overviewSheetName, type DistrictFigures } from './overview';
import { personalDataPlaces, personalDataRefusal } from './send-check';
import { fetchMembershipExport } from './export-download';
import { overviewTrend } from './trend';
import { yearChange } from './year-change';
import { loadSettings, saveSettings, type ServiceSettings } from './settings';
import { h } from './views/dom';
import { fixedText, renderFixBar, renderFixButton, undoneText } from './views/fixes';
import { renderCounts, renderIssueGroups } from './views/report';
import { renderSettings } from './views/settings';
import { renderSetup } from './views/setup';
import { renderExport } from './views/export';
import { renderChanges, renderConflict, renderRefused, renderSaved } from './views/snapshot';
import { renderSummary } from './views/summary';
import { renderYearChange, renderYearChangePending } from './views/year-change';
import {
  chosenSheets, detectChoice, groupIssues, highlightTargets, validateChoice, yearOptions, type Choice, type Detection,
} from './workbook-choice';

export interface PaneElements {
  title: HTMLElement;
  setup: HTMLElement;
  status: HTMLElement;
  panel: HTMLElement;
  buttons: Record<'validate' | 'highlight' | 'clearHighlight' | 'overview' | 'saveSnapshot' | 'insertOverview' | 'fetchExport' | 'settings', HTMLButtonElement>;
}

type StatusKind = 'info' | 'success' | 'warning' | 'error';

export class Pane {
  private lang: Lang = 'da';
  private t: Translate = translator('da');
  private inExcel = false;
  /** Excel on the web runs the pane in a browser, which can save a download; the desktop pane cannot. */
  private canDownload = false;
  private sheets: string[] = [];
  private detection: Detection | null = null;
  private choice: Choice | null = null;
  private report: Report | null = null;
  private settings: ServiceSettings = loadSettings();
  private busy = false;
  /** Cells the workbook remembers as fixed by the pane (what Fortryd rettelser puts back). */
  private rememberedFixes = 0;
  /** A control to focus once the running task has ended (disabled controls cannot take focus meanwhile). */
  private focusAfterTask: string | null = null;

  constructor(private readonly el: PaneElements, private readonly now: () => Date = () => new Date()) {}

  async start(): Promise<void> {
    const office = await excel.connectToOffice();
    this.lang = langFromDisplayLanguage(office.displayLanguage);
    this.t = translator(this.lang);
    this.inExcel = office.inExcel;
    this.canDownload = office.platform === 'OfficeOnline';
    document.documentElement.lang = this.lang;
    this.labelButtons();
    this.wireButtons();
    if (!this.inExcel) {
      this.setStatus('warning', this.t('notInExcel'));
      this.setBusy(false);
      document.body.dataset.state = 'no-excel';
      return;
    }
    await this.task(async () => {
      const outline = await excel.readOutline();
      this.sheets = outline.workbook.sheets.map((s) => s.name);
      this.detection = detectChoice(outline.workbook, this.lang);
      this.choice = { ...this.detection.choice };
      this.renderSetup();
    });
    document.body.dataset.state = 'ready';
    // The benchmark's "usable pane" moment: sheets detected, buttons enabled.
    performance.mark('partnerskab:ready');
  }

  // ------------------------------------------------------------------------------------ wiring

  private labelButtons(): void {
    const labels: Record<keyof PaneElements['buttons'], MessageKey> = {
      validate: 'validate', highlight: 'highlight', clearHighlight: 'clearHighlight', overview: 'overview',
      saveSnapshot: 'saveSnapshot', insertOverview: 'insertOverview', fetchExport: 'fetchExport', settings: 'settings',
    };
    for (const [key, message] of Object.entries(labels) as Array<[keyof PaneElements['buttons'], MessageKey]>) {
      const button = this.el.buttons[key];
      if (key === 'settings') {
        button.setAttribute('aria-label', this.t(message));
        button.title = this.t(message);
      } else button.textContent = this.t(message);
    }
    this.el.title.textContent = this.t('appTitle');
    this.el.buttons.validate.parentElement?.setAttribute('aria-label', this.t('actions'));
  }

  private wireButtons(): void {
    const b = this.el.buttons;
    b.validate.onclick = () => this.task(() => this.validate());
    b.highlight.onclick = () => this.task(() => this.highlight());
    b.clearHighlight.onclick = () => this.task(() => this.clearHighlight());
    b.overview.onclick = () => this.task(() => this.showOverview());
    b.saveSnapshot.onclick = () => this.task(() => this.save({ force: false }));
    b.insertOverview.onclick = () => this.task(() => this.insertOverview());
    b.fetchExport.onclick = () => this.task(() => this.fetchExport());
    b.settings.onclick = () => this.openSettings();
  }

  private renderSetup(): void {
    if (!this.detection || !this.choice) return;
    this.el.setup.replaceChildren(
      renderSetup({
        sheets: this.sheets,
        detection: this.detection,
        choice: this.choice,
        years: yearOptions(this.choice.year, this.now()),
        disabled: this.busy,
        t: this.t,
        onChange: (choice) => {
          // The person has answered "which year?": check with it straight away, as the pane promised.
          const answeredYear = this.choice?.year === null && choice.year !== null;
          this.choice = choice;
          // A report of other sheets or another year no longer describes what the buttons act on.
          this.report = null;
          this.show('info', '');
          this.renderSetup();
          // A blank workbook (no sheet chosen) has nothing to check; the year is then for Hent medlemstal.
          if (answeredYear && chosenSheets(choice).length > 0) void this.task(() => this.validate());
        },
      }),
    );
  }

  /** Runs one button's work: one at a time, buttons disabled meanwhile, any failure said in words. */
  private async task(work: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    try {
      await work();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.note('error', this.t('readFailed', { reason }));
    } finally {
      this.setBusy(false);
      if (this.focusAfterTask) (document.getElementById(this.focusAfterTask) as HTMLElement | null)?.focus();
      this.focusAfterTask = null;
    }
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    document.body.setAttribute('aria-busy', String(busy));
    for (const [key, button] of Object.entries(this.el.buttons)) {
      button.disabled = key === 'settings' ? false : busy || !this.inExcel;
    }
    for (const select of this.el.setup.querySelectorAll('select')) select.disabled = busy;
    for (const button of this.el.panel.querySelectorAll<HTMLButtonElement>('.fix-bar button, .fix-one')) button.disabled = busy;
  }

  private setStatus(kind: StatusKind, text: string): void {
    this.el.status.className = `status status-${kind}`;
    this.el.status.textContent = text;
    this.el.status.hidden = text === '';
  }

  /**
   * A button's result: the status line and the panel below it, replaced together, so no line or block from an
   * earlier button is left to describe sheets that have changed since (a green line above a stale red block).
   * `view` names what the panel shows; 'report' is the current report's findings.
   */
  private show(kind: StatusKind, text: string, view: string | null = null, ...panel: Node[]): void {
    this.setStatus(kind, text);
    this.el.panel.replaceChildren(...panel);
    if (view) this.el.panel.dataset.view = view;
    else delete this.el.panel.dataset.view;
  }

  /**
   * A result that has no block of its own (a highlight, an inserted sheet, a failure): it keeps the panel only
   * while the panel shows the current report's findings, which still describe the sheets; anything else goes.
   */
  private note(kind: StatusKind, text: string): void {
    if (this.el.panel.dataset.view === 'report' && this.report) this.setStatus(kind, text);
    else this.show(kind, text);
  }

  // ------------------------------------------------------------------------------------ buttons

  /** Reads the chosen sheets now and runs the rulebook on them. */
  private async check(): Promise<{ report: Report; read: excel.GridRead } | null> {
    const choice = this.choice;
    if (!choice || chosenSheets(choice).length === 0) {
      this.show('warning', this.t('chooseSheet'));
      return null;
    }
    this.setStatus('info', this.t('validating'));
    const read = await excel.readGrids(chosenSheets(choice));
    if (read.missing.length > 0) {
      this.report = null;
      this.show('error', this.t('sheetsMissing', { names: read.missing.map((n) => `«${n}»`).join(', ') }));
      return null;
    }
    const report = validateChoice(read.workbook, choice, this.lang);
    this.report = report;
    // The whole sheets may give the year where their first rows (the outline) did not.
    if (choice.year === null && report.year !== null && this.detection) {
      this.choice = { ...choice, year: report.year };
      this.detection = { choice: { ...this.detection.choice, year: report.year }, detected: { ...this.detection.detected, year: true } };
      this.renderSetup();
    }
    return { report, read };
  }

  /** The year is needed and not known: says so, puts the cursor on the year, and answers true. */
  private askForYear(): boolean {
    if (this.choice?.year !== null) return false;
    this.note('warning', this.t('yearNeeded'));
    if (this.busy) this.focusAfterTask = 'programme-year';
    else (this.el.setup.querySelector('#programme-year') as HTMLSelectElement | null)?.focus();
    return true;
  }

  /** `done`: what a fix or an undo just did, said before the result of checking again. */
  private async validate(done = ''): Promise<void> {
    const checked = await this.check();
    if (!checked) return;
    const { report } = checked;
    this.rememberedFixes = await fixes.rememberedFixes();
    const result = report.ok ? this.t('validatedOk') : this.t('validatedErrors', { n: report.counts.error });
    this.showReport(report.ok ? 'success' : 'error', done ? `${done} ${result}` : result, report);
    // Without a year the findings are shown, but the line above them asks for the year first.
    this.askForYear();
  }

  private showReport(kind: StatusKind, text: string, report: Report): void {
    const groups = groupIssues(report, chosenSheets(this.choice as Choice));
    const fixBar = renderFixBar({
      fixable: fixes.planFixes(report.issues).length,
      remembered: this.rememberedFixes,
      t: this.t,
      onFixAll: () => void this.task(() => this.fix(report.issues, 'undo-fixes')),
      onUndo: () => void this.task(() => this.undoFixes()),
    });
    const fixOne = (issue: Issue) => renderFixButton(issue, this.lang, this.t, (i) => void this.task(() => this.fix([i], 'undo-fixes')));
    this.show(kind, text, 'report', renderCounts(report, this.t), ...(fixBar ? [fixBar] : []), renderIssueGroups(groups, this.t, (issue) => void this.selectIssue(issue), fixOne));
  }

  /** Ret / Ret alle sikre: writes the safe fixes, then checks the sheets again (Excel has recalculated). */
  private async fix(issues: Issue[], focusAfter: string): Promise<void> {
    this.setStatus('info', this.t('fixing'));
    const outcome = await fixes.applySafeFixes(issues);
    await this.validate(fixedText(outcome, this.t));
    this.focusAfterTask ??= focusAfter;
  }

  /** Fortryd rettelser: puts back what the fixed cells held, then checks the sheets again. */
  private async undoFixes(): Promise<void> {
    this.setStatus('info', this.t('undoing'));
    const outcome = await fixes.undoFixes();
    await this.validate(undoneText(outcome, this.t));
    this.focusAfterTask ??= 'fix-all';
  }

  private issueList = (issues: Issue[]) => renderIssueGroups(groupIssues({ issues } as Report, chosenSheets(this.choice as Choice)), this.t, (issue) => void this.selectIssue(issue));

  private async selectIssue(issue: Issue): Promise<void> {
    if (issue.sheet === null || issue.cell === null) return;
    try {
      await excel.selectCell(issue.sheet, issue.cell);
    } catch (error) {
      this.note('error', this.t('selectFailed', { cell: issue.cell, sheet: issue.sheet, reason: error instanceof Error ? error.message : String(error) }));
    }
  }

  /** The current report, or a fresh one when the sheets were not checked since the last change of choice. */
  private async currentReport(): Promise<Report | null> {
    return this.report ?? (await this.check())?.report ?? null;
  }

  private async highlight(): Promise<void> {
    const report = await this.currentReport();
    if (!report) return;
    const targets = highlightTargets(report);
    if (targets.length === 0) {
      this.note('info', this.t('nothingToHighlight'));
      return;
    }
    const n = await excel.highlightCells(targets);
    this.note('success', this.t('highlighted', { n }));
  }

  private async clearHighlight(): Promise<void> {
    const result = await excel.clearHighlights();
    const text = this.t('cleared', { n: result.restored });
    this.note('success', result.changedSince > 0 ? `${text} ${this.t('clearedChanged', { m: result.changedSince })}` : text);
  }

  private async showOverview(): Promise<void> {
    if (this.askForYear()) return;
    const report = await this.currentReport();
    if (!report) return;
    const year = (this.choice?.year ?? report.year) as number;
    // This year's figures at once; the change against the year before when the service has answered.
    const pending = renderYearChangePending(year, this.t);
    this.show('info', '', 'summary', renderSummary(report.summary, year, this.lang, this.t), pending);
    const change = await yearChange(this.settings, year, report.summary, this.choice?.membershipSheet != null);
    pending.replaceWith(renderYearChange(change, this.lang, this.t, (failure) => this.failureText(failure)));
  }

  private async save(options: { force: boolean; basedOn?: string | null; retriedBasedOn?: boolean }): Promise<void> {
    if (this.askForYear()) return;
    const checked = await this.check();
    if (!checked) return;
    const { report, read } = checked;
    const choice = this.choice as Choice & { year: number };
    if (!report.ok) {
      this.show('error', this.t('validatedErrors', { n: report.counts.error }), 'refused', renderRefused(report.issues.filter((i) => i.severity === 'error'), 'pane', this.t, this.issueList));
      return;
    }
    this.setStatus('info', this.t('saving'));
    const basedOn = options.basedOn !== undefined ? options.basedOn : ((await excel.readLastSnapshots())[String(choice.year)] ?? null);
    const request = api.snapshotRequest({
      year: choice.year,
      lang: this.lang,
      source: { workbook: read.workbookName || null, sheets: chosenSheets(choice) },
      basedOn,
      force: options.force,
      budgetSheet: choice.budgetSheet ?? false,
      membershipSheet: choice.membershipSheet ?? false,
      grids: read.workbook.sheets,
      date1904: read.workbook.date1904,
    });
    const personal = personalDataPlaces(request);
    if (personal.length > 0) {
      this.show('error', personalDataRefusal(personal, this.t), 'refused');
      return;
    }
    const result = await api.saveSnapshot(this.settings, request);
    switch (result.kind) {
      case 'saved': {
        await excel.rememberLastSnapshot(choice.year, result.snapshot.id);
        const diff = await api.snapshotDiff(this.settings, result.snapshot.id);
        const changes = diff.kind === 'ok' ? renderChanges(diff.from ? diff.diff : null, this.t('changesSincePrevious'), this.lang, this.t) : null;
        const findings = result.serviceFindings.length > 0 ? [h('h3', null, this.t('serviceFindings')), this.issueList(result.serviceFindings)] : [];
        this.show('success', this.t(result.existing ? 'alreadySaved' : 'savedTitle'), 'saved', renderSaved(result.snapshot, result.existing, changes, this.lang, this.t), ...findings);
        return;
      }
      case 'conflict':
        this.show(
          'warning',
          this.t(result.case === 'saved-since' ? 'conflictTitle_savedSince' : 'conflictTitle_notFromThisYear'),
          'conflict',
          renderConflict({
            conflictCase: result.case,
            latest: result.latest,
            diff: result.diff,
            lang: this.lang,
            t: this.t,
            onSaveAnyway: () => void this.task(() => this.save({ force: true, basedOn: result.latest.id })),
            onStop: () => this.show('info', this.t('stopped')),
          }),
        );
        (this.el.panel.querySelector('#save-anyway') as HTMLButtonElement | null)?.focus();
        return;
      case 'invalid':
        this.show('error', result.message, 'refused', renderRefused(result.issues, 'service', this.t, this.issueList));
        return;
      case 'unknown-based-on':
        // The workbook remembers a snapshot this service does not know (another service, a reset database):
        // save as a copy based on nothing, which shows any existing snapshot as a conflict.
        if (!options.retriedBasedOn) return this.save({ force: options.force, basedOn: null, retriedBasedOn: true });
        this.note('error', result.message);
        return;
      default:
        this.note('error', this.failureText(result));
    }
  }

  private failureText(failure: api.ServiceFailure): string {
    switch (failure.kind) {
      case 'unreachable': return this.t('unreachable', { url: failure.url });
      case 'no-token': return this.t('noToken');
      case 'unauthorized': return this.t('unauthorized');
      case 'forbidden': return this.t('forbidden');
      case 'error': return this.t('serviceError', { status: failure.status, message: failure.message });
    }
  }

  private async insertOverview(): Promise<void> {
    if (this.askForYear()) return;
    const choice = this.choice as Choice & { year: number };
    this.setStatus('info', this.t('inserting'));
    const fromService = await api.districtTotals(this.settings, choice.year);
    let figures: DistrictFigures[];
    let source: string;
    let done: string;
    let kind: StatusKind = 'success';
    /** Findings that make the workbook's figures doubtful: said in the sheet and in the pane. */
    let doubtful: Report | null = null;
    const notes: string[] = [];
    const sheetName = overviewSheetName(choice.year);
    if (fromService.kind === 'ok') {
      const { snapshot, districts } = fromService.answer;
      figures = districts;
      const when = formatVersionTime(this.lang, snapshot.createdAt);
      source = this.t('overviewSheetSourceService', { id: snapshot.id, when, hash: snapshot.hash.slice(0, 12) });
      done = this.t('insertedFromService', { sheet: sheetName, when });
    } else {
      const checked = await this.check();
      if (!checked) return;
      figures = districtFiguresFromSummary(checked.report.summary);
      source = this.t('overviewSheetSourceWorkbook', {
        workbook: checked.read.workbookName,
        sheets: chosenSheets(choice).join(', '),
        when: this.now().toISOString().slice(0, 16).replace('T', ' '),
      });
      const why = fromService.kind === 'no-snapshot' ? this.t('noServiceData', { year: choice.year }) : this.failureText(fromService);
      done = this.t('insertedOffline', { sheet: sheetName, reason: why });
      if (fromService.kind !== 'no-snapshot') kind = 'warning';
      if (!checked.report.ok) {
        doubtful = checked.report;
        const errors = this.t('overviewHasErrors', { n: checked.report.counts.error });
        notes.push(errors);
        done = `${done} ${errors}`;
        kind = 'warning';
      }
    }
    if (figures.length === 0) {
      this.note('warning', this.t('noDistricts'));
      return;
    }
    const trend = await overviewTrend(this.settings, choice.year, fromService, this.t, (failure) => this.failureText(failure));
    if (trend.kind === 'unavailable') {
      done = `${done} ${trend.paneNote}`;
      if (trend.offline) kind = 'warning';
    } else done = `${done} ${this.t('insertedTrend', { years: trend.years.join(', ') })}`;
    await excel.writeOverviewSheet(buildOverviewSheet(choice.year, figures, source, notes, trend, this.t));
    if (doubtful) this.showReport(kind, done, doubtful);
    else this.note(kind, done);
  }

  /** Hent medlemstal: needs only the year (a blank workbook will do), never a checked sheet. */
  private async fetchExport(): Promise<void> {
    const year = this.choice?.year ?? null;
    if (year === null) {
      this.note('warning', this.t('exportYearNeeded'));
      this.focusAfterTask = 'programme-year';
      return;
    }
    this.setStatus('info', this.t('exportFetching', { year }));
    const outcome = await fetchMembershipExport({ settings: this.settings, lang: this.lang, canDownload: this.canDownload, openWorkbook: excel.openAsNewWorkbook }, year);
    if (outcome.kind === 'done') {
      const view = renderExport(outcome, (failure) => (failure.kind === 'not-found' ? failure.message : this.failureText(failure)), this.t);
      this.show(outcome.opened ? 'success' : 'warning', this.t(outcome.opened ? 'exportOpened' : 'exportNotOpened', { year }), 'export', view);
    } else if (outcome.kind === 'no-figures') this.note('warning', this.t('exportNoFigures', { year }));
    else if (outcome.kind === 'not-a-workbook') this.note('error', this.t('exportNotWorkbook'));
    else this.note('error', this.failureText(outcome));
  }

  private openSettings(): void {
    const previous = [...this.el.panel.childNodes];
    const close = () => {
      this.el.panel.replaceChildren(...previous);
      this.el.buttons.settings.focus();
    };
    this.el.panel.replaceChildren(
      renderSettings({
        settings: this.settings,
        t: this.t,
        onSave: (settings) => {
          saveSettings(settings);
          this.settings = loadSettings();
          close();
          this.note('success', this.t('settingsSaved'));
        },
        onClose: close,
      }),
    );
    (this.el.panel.querySelector('#service-url') as HTMLInputElement | null)?.focus();
  }
}
