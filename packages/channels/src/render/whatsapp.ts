// Blocks and menus → WhatsApp Cloud API message objects (the payload without
// `messaging_product` and `to`). Text messages ≤ 4096, split between paragraphs and never
// inside a word; images as image messages; menus as reply buttons or interactive lists.
import { limits } from '../channels';
import { textUnits, type Unit } from '../blocks';
import { pagesByCount, shorten } from './menu-pages';
import { packUnits, type TextStyle } from './text';
import { articleUnits, NAV_IDS, type ArticleContent, type Labels, type Menu, type MenuItem } from './types';

const wa = limits.whatsapp;

export type WhatsAppMessage =
  | { readonly type: 'text'; readonly text: { readonly body: string; readonly preview_url: boolean } }
  | { readonly type: 'image'; readonly image: { readonly link: string; readonly caption?: string } }
  | {
      readonly type: 'interactive';
      readonly interactive:
        | {
            readonly type: 'list';
            readonly header?: { readonly type: 'text'; readonly text: string };
            readonly body: { readonly text: string };
            readonly action: {
              readonly button: string;
              readonly sections: ReadonlyArray<{ readonly title?: string; readonly rows: ReadonlyArray<{ readonly id: string; readonly title: string; readonly description?: string }> }>;
            };
          }
        | {
            readonly type: 'button';
            readonly body: { readonly text: string };
            readonly action: { readonly buttons: ReadonlyArray<{ readonly type: 'reply'; readonly reply: { readonly id: string; readonly title: string } }> };
          };
    };

/**
 * Look-alikes for WhatsApp's markers, so a literal "5*3" or `snake_case` in content never
 * turns the rest of a line bold or italic. WhatsApp has no escape character.
 */
const NEUTRAL: Record<string, string> = { '*': '\u2217', _: '\u02cd', '~': '\u223c', '`': '\u02cb' };
export const neutraliseWhatsApp = (text: string) => text.replace(/[*_~`]/g, (marker) => NEUTRAL[marker] ?? marker);

export const whatsappStyle: TextStyle = {
  escape: neutraliseWhatsApp,
  bold: (inner) => `*${inner}*`,
  italic: (inner) => `_${inner}_`,
  strike: (inner) => `~${inner}~`,
  code: (text) => `\`\`\`${text.replace(/`/g, NEUTRAL['`'] ?? '`')}\`\`\``,
  link: (text, href) => {
    const target = href.replace(/^(tel|sms|mailto):/i, '');
    if (text.includes(target)) return text;
    // Link text that spells out the URL was neutralised like any text: show the real URL.
    const shown = neutraliseWhatsApp(target);
    return text.includes(shown) ? text.replace(shown, () => target) : `${text} (${target})`;
  },
  block: (unit, text, isContinuation) => {
    switch (unit.kind) {
      case 'heading':
        return text;
      case 'quote':
        return `> ${text}`;
      case 'item':
        return isContinuation ? `${'  '.repeat(unit.depth)}  ${text}` : `${'  '.repeat(unit.depth)}${unit.marker} ${text}`;
      case 'code':
        return `\`\`\`${text.replace(/`/g, NEUTRAL['`'] ?? '`')}\`\`\``;
      default:
        return text;
    }
  },
};

/** A heading is one bold line: its own bold marks would nest, so they are dropped. */
const headingUnit = (unit: Unit): Unit => (unit.kind === 'heading' ? { kind: 'heading', spans: unit.spans.map((span) => ({ ...span, bold: true })) } : unit);

const fitsText = (text: string) => text.length <= wa.text;
const fitsCaption = (text: string) => text.length <= wa.caption;
const textMessage = (body: string): WhatsAppMessage => ({ type: 'text', text: { body, preview_url: false } });

/** Units → text and image messages in reading order. */
export function whatsappMessages(units: readonly Unit[]): WhatsAppMessage[] {
  const messages: WhatsAppMessage[] = [];
  let run: Exclude<Unit, { kind: 'image' }>[] = [];
  const flush = () => {
    messages.push(...packUnits(run, whatsappStyle, '\n\n', fitsText).map(textMessage));
    run = [];
  };
  for (const unit of units.map(headingUnit)) {
    if (unit.kind !== 'image') {
      run.push(unit);
      continue;
    }
    flush();
    const [caption, ...rest] = unit.alt === '' ? [] : packUnits(textUnits(unit.alt), whatsappStyle, '\n', fitsCaption);
    messages.push({ type: 'image', image: caption === undefined ? { link: unit.url } : { link: unit.url, caption } });
    messages.push(...rest.map(textMessage));
  }
  flush();
  return messages;
}

/** An article: its override text, or picture, title, lead and body. */
export function renderWhatsAppArticle(article: ArticleContent): WhatsAppMessage[] {
  return whatsappMessages(articleUnits(article, { withImage: true }));
}

function navItems(menu: Menu, labels: Labels): MenuItem[] {
  return [...(menu.canGoBack ? [{ id: NAV_IDS.back, title: labels.back }] : []), ...(menu.canGoHome ? [{ id: NAV_IDS.home, title: labels.home }] : [])];
}

const listPages = (menu: Menu) => pagesByCount(menu.items, wa.list.rows - Number(menu.canGoBack) - Number(menu.canGoHome));

/** The menu's pages of choices as a list (what "More" walks through); one page when buttons fit. */
export function whatsappMenuPages(menu: Menu): MenuItem[][] {
  return listPages(menu);
}

function bodyText(menu: Menu): string {
  const text = menu.text ? `*${neutraliseWhatsApp(menu.title)}*\n${neutraliseWhatsApp(menu.text)}` : `*${neutraliseWhatsApp(menu.title)}*`;
  return text.length <= wa.interactiveBody ? text : shorten(text, wa.interactiveBody);
}

/**
 * One page of a menu: reply buttons when every choice fits on a button (≤ 3, titles ≤ 20,
 * unique), else an interactive list with a "More" row while pages remain; text when there
 * is nothing to choose.
 */
export function renderWhatsAppMenu(menu: Menu, page: number, labels: Labels): WhatsAppMessage {
  const nav = navItems(menu, labels);
  const all = [...menu.items, ...nav];
  // Nothing to choose (a site with no sections yet): a list needs a row, so plain text.
  if (all.length === 0) return textMessage(bodyText(menu));
  const titles = all.map((item) => item.title);
  if (all.length >= wa.buttons.min && all.length <= wa.buttons.max && titles.every((title) => title.length <= wa.buttons.title) && new Set(titles).size === titles.length) {
    return {
      type: 'interactive',
      interactive: { type: 'button', body: { text: bodyText(menu) }, action: { buttons: all.map((item) => ({ type: 'reply', reply: { id: item.id, title: item.title } })) } },
    };
  }
  const pages = listPages(menu);
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  const items = pages[index] ?? [];
  const more: MenuItem[] = index < pages.length - 1 ? [{ id: NAV_IDS.more, title: labels.more }] : [];
  const rows = [...items, ...more, ...nav].map((item) => {
    const isShort = item.title.length <= wa.list.rowTitle;
    const description = isShort ? (item.description ?? '') : item.title;
    return {
      id: item.id,
      title: isShort ? item.title : shorten(item.title, wa.list.rowTitle),
      ...(description ? { description: shorten(description, wa.list.rowDescription) } : {}),
    };
  });
  return {
    type: 'interactive',
    interactive: {
      type: 'list',
      header: { type: 'text', text: shorten(menu.title, wa.header) },
      body: { text: bodyText(menu) },
      action: { button: shorten(labels.choose, wa.list.button), sections: [{ rows }] },
    },
  };
}
