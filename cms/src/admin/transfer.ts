// The "Import and export" page in the left menu (transfer-page.ts): content out as XLSX, CSV
// or JSON and back in, through the admin routes of src/transfer.
import { createElement as h } from 'react';

/** The part of Strapi's admin app (StrapiApp of @strapi/admin) this extension uses. */
interface AdminApp {
  addMenuLink(link: Record<string, unknown>): void;
}

/** Two arrows, out and in, drawn inline so no icon package is needed. */
function TransferIcon() {
  return h(
    'svg',
    { width: 16, height: 16, viewBox: '0 0 24 24', fill: 'none', stroke: 'currentColor', strokeWidth: 2, strokeLinecap: 'round', strokeLinejoin: 'round', 'aria-hidden': true },
    h('path', { d: 'M7 4v16M3 8l4-4 4 4M17 20V4M13 16l4 4 4-4' }),
  );
}

export const transfer = {
  register(app: AdminApp): void {
    app.addMenuLink({
      to: 'baobab-import-export',
      icon: TransferIcon,
      intlLabel: { id: 'baobab.transfer.menu', defaultMessage: 'Import and export' },
      // Whoever may read articles sees the page; importing needs editing them (the page and the CMS check).
      permissions: [{ action: 'plugin::content-manager.explorer.read', subject: 'api::article.article' }],
      position: 4,
      Component: () => import('./transfer-page.js'),
    });
  },
};
