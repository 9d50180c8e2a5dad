// A site's chat channels (Site.channels, the same JSON object): a small form per channel the
// validator knows, each setting checked as the editor types by the save's own schema
// (src/content/site-channels.ts). A channel left empty is not stored.
import { createElement as h } from 'react';
import { useField } from '@strapi/strapi/admin';
import { siteChannelProblems } from '../../content/site-channels.js';
import { withChannel } from '../../forms/controls.js';
import { errorStyle, frame, inputStyle, isRecord, nestedError, recordOf, stringList, type FieldProps } from '../field-values.js';
import { TextRows } from './text-rows.js';

/** The single-value channels: their one setting, as the editor knows it. */
const single = [
  { channel: 'sms', title: 'SMS', setting: 'shortCode', label: 'Short code', placeholder: '21393' },
  { channel: 'whatsapp', title: 'WhatsApp', setting: 'phoneNumberId', label: 'Phone-number id (from WhatsApp Manager, API setup)', placeholder: '100000000000001' },
  { channel: 'telegram', title: 'Telegram', setting: 'botUsername', label: 'Bot username, without the @', placeholder: 'KijanaKeBot' },
  { channel: 'messenger', title: 'Messenger', setting: 'pageId', label: 'Facebook page id', placeholder: '104857600000001' },
] as const;

const box = { border: '1px solid #eaeaef', borderRadius: 4, padding: 8, display: 'flex', flexDirection: 'column', gap: 4 } as const;

export default function ChannelsInput({ name, label, hint, error, disabled, value, onChange }: FieldProps) {
  const { rawError } = useField(name);
  const channels = recordOf(value);
  // The save's own checks, as the editor types; the save's message (another site's code) wins.
  const typed = new Map(siteChannelProblems(channels, []).map((problem) => [problem.path, problem.message]));
  const problemAt = (...path: string[]) =>
    nestedError(rawError, ...path) ?? typed.get(['channels', ...path].reduce((at, key) => (/^[0-9]+$/.test(key) ? `${at}[${key}]` : `${at}.${key}`)));
  const ussd = isRecord(channels.ussd) ? stringList(channels.ussd.serviceCodes) : [];
  return frame(
    name,
    label,
    hint,
    error,
    h(
      'div',
      { style: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(320px, 1fr))', gap: 8 } },
      h(
        'div',
        { key: 'ussd', 'data-baobab-channel': 'ussd', style: box },
        h('strong', { style: { fontSize: 13 } }, 'USSD service codes'),
        h(TextRows, {
          name: `${name}.ussd.serviceCodes`,
          rows: ussd,
          addLabel: 'Add a service code',
          placeholder: '*384*100#',
          disabled,
          problemOf: (_row: string, index: number) => problemAt('ussd', 'serviceCodes', String(index)) ?? null,
          onRows: (rows: string[]) => onChange(name, withChannel(channels, 'ussd', rows.length === 0 ? null : { serviceCodes: rows })),
        }),
        problemAt('ussd') === undefined ? null : h('p', { style: errorStyle }, problemAt('ussd')),
      ),
      ...single.map(({ channel, title, setting, label: settingLabel, placeholder }) => {
        const settings = channels[channel];
        const own = isRecord(settings) && typeof settings[setting] === 'string' ? settings[setting] : '';
        const problem = problemAt(channel, setting) ?? problemAt(channel);
        return h(
          'label',
          { key: channel, 'data-baobab-channel': channel, style: { ...box, fontSize: 13 } },
          h('strong', null, title),
          settingLabel,
          h('input', {
            type: 'text',
            name: `${name}.${channel}.${setting}`,
            value: own,
            placeholder,
            disabled,
            'aria-invalid': problem !== undefined,
            onChange: (event: { target: { value: string } }) => onChange(name, withChannel(channels, channel, event.target.value.trim() === '' ? null : { [setting]: event.target.value.trim() })),
            style: inputStyle,
          }),
          problem === undefined ? null : h('span', { 'data-baobab-channel-error': channel, style: errorStyle }, problem),
        );
      }),
    ),
  );
}
