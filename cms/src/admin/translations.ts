// Translation status in the admin: a "Translations" page in the left menu (what is left to
// translate for one site and language), a "Translation" panel on the edit view of articles,
// pages, banners and sections, and a locale menu narrowed to the carrying sites' languages.
// All read the admin routes of src/translation.
import { createElement as h } from 'react';
import { narrowLocaleMenu, type HeaderAction } from './locale-menu.js';
import { TranslationBadge, translatedModels } from './translation-badge.js';

/** The parts of Strapi's admin app (StrapiApp of @strapi/admin) this extension uses. */
interface AdminApp {
  addMenuLink(link: Record<string, unknown>): void;
  getPlugin(name: string): { apis: Record<string, unknown> } | undefined;
}

interface PanelProps {
  readonly model: string;
  readonly documentId?: string;
  readonly document?: { locale?: unknown; updatedAt?: unknown };
}

/** A globe-like mark for the menu, drawn inline so no icon package is needed. */
function TranslationsIcon() {
  return h(
    'svg',
    { width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, 'aria-hidden': true },
    h('circle', { cx: 12, cy: 12, r: 10 }),
    h('path', { d: 'M2 12h20M12 2a15 15 0 0 1 0 20M12 2a15 15 0 0 0 0 20' }),
  );
}

/** The page's query string (the admin is a browser app; the CMS type check has no DOM library). */
const pageQuery = (): string => {
  const location: unknown = Reflect.get(globalThis, 'location');
  const search: unknown = typeof location === 'object' && location !== null ? Reflect.get(location, 'search') : '';
  return typeof search === 'string' ? search : '';
};

function TranslationPanel({ model, documentId, document }: PanelProps) {
  if (!translatedModels.includes(model) || !documentId) return null;
  const locale = typeof document?.locale === 'string' ? document.locale : new URLSearchParams(pageQuery()).get('plugins[i18n][locale]');
  return {
    title: 'Translation',
    content: h(TranslationBadge, { model, documentId, locale, version: typeof document?.updatedAt === 'string' ? document.updatedAt : '' }),
  };
}

export const translations = {
  register(app: AdminApp): void {
    app.addMenuLink({
      to: 'baobab-translations',
      icon: TranslationsIcon,
      intlLabel: { id: 'baobab.translations.menu', defaultMessage: 'Translations' },
      permissions: [],
      position: 3,
      Component: () => import('./translations-page.js'),
    });
  },
  bootstrap(app: AdminApp): void {
    const apis = app.getPlugin('content-manager')?.apis;
    const addPanel = apis?.addEditViewSidePanel;
    if (typeof addPanel === 'function') addPanel([TranslationPanel]);
    // i18n's bootstrap (which adds the locale menu) runs before the app's.
    const addHeaderActions = apis?.addDocumentHeaderAction;
    if (typeof addHeaderActions === 'function') {
      addHeaderActions((actions: HeaderAction[]) => actions.map((action) => (typeof action === 'function' ? narrowLocaleMenu(action) : action)));
    }
  },
};
