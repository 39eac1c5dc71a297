/** Indstillinger: the service address and token, kept in the add-in's storage (never in the workbook). */
import type { Translate } from '../i18n';
import { isServiceUrl, type ServiceSettings } from '../settings';
import { h } from './dom';

export interface SettingsProps {
  settings: ServiceSettings;
  t: Translate;
  onSave: (settings: ServiceSettings) => void;
  onClose: () => void;
}

export function renderSettings(p: SettingsProps): HTMLElement {
  const { t } = p;
  const url = h('input', { id: 'service-url', type: 'url', value: p.settings.url, autocomplete: 'url', spellcheck: 'false' });
  const token = h('input', { id: 'service-token', type: 'password', value: p.settings.token, autocomplete: 'off', spellcheck: 'false' });
  const error = h('p', { class: 'field-error', id: 'settings-error', role: 'alert' });
  const form = h(
    'form',
    {
      class: 'settings',
      id: 'settings-form',
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (!isServiceUrl(url.value)) {
          error.textContent = t('invalidUrl');
          url.focus();
          return;
        }
        p.onSave({ url: url.value, token: token.value });
      },
      onkeydown: (e: Event) => {
        if ((e as KeyboardEvent).key === 'Escape') p.onClose();
      },
    },
    h('h2', null, t('settings')),
    h('div', { class: 'field' }, h('label', { for: 'service-url' }, t('serviceUrl')), url),
    h('div', { class: 'field' }, h('label', { for: 'service-token' }, t('token')), token, h('p', { class: 'hint' }, t('tokenHelp'))),
    error,
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary' }, t('save')), h('button', { type: 'button', onclick: p.onClose }, t('close'))),
  );
  return form;
}
