/** Entry point of the task pane bundle: finds the pane's elements and starts it. */
import { Pane, type PaneElements } from './pane';

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`taskpane.html has no element #${id}`);
  return el as T;
}

function start(): void {
  const elements: PaneElements = {
    title: byId('app-title'),
    setup: byId('setup'),
    status: byId('status'),
    panel: byId('panel'),
    buttons: {
      validate: byId('validate'),
      highlight: byId('highlight'),
      clearHighlight: byId('clear-highlight'),
      overview: byId('overview'),
      saveSnapshot: byId('save-snapshot'),
      insertOverview: byId('insert-overview'),
      fetchExport: byId('fetch-export'),
      settings: byId('open-settings'),
    },
  };
  void new Pane(elements).start();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
