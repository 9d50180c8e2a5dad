// "Carried by" in the Article, Page and Banner list views: a select of the sites that sets
// plugins[baobab][carriedBy] in the list's URL. The content manager sends it as `carriedBy`,
// and the server (src/forms/carried-by.ts) narrows the list to what that site carries.
import { createElement as h } from 'react';
import { useQueryParams } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { inputStyle, isRecord } from '../field-values.js';
import { useSites } from '../use-collection.js';

const FILTERABLE = new Set(['api::article.article', 'api::page.page', 'api::banner.banner']);

export default function CarriedByFilter() {
  const { slug } = useParams();
  const [{ query }, setQuery] = useQueryParams<{ plugins?: Record<string, unknown>; page?: number }>();
  const sites = useSites() ?? [];
  const isFilterable = slug !== undefined && FILTERABLE.has(slug);
  if (!isFilterable) return null;
  const plugins = isRecord(query.plugins) ? query.plugins : {};
  const current = isRecord(plugins.baobab) && typeof plugins.baobab.carriedBy === 'string' ? plugins.baobab.carriedBy : '';
  return h(
    'select',
    {
      name: 'carriedBy',
      'aria-label': 'Carried by site',
      value: current,
      onChange: (event: { target: { value: string } }) => {
        const { baobab: _previous, ...others } = plugins;
        setQuery({ plugins: event.target.value === '' ? others : { ...others, baobab: { carriedBy: event.target.value } }, page: 1 });
      },
      style: { ...inputStyle, height: 32 },
    },
    h('option', { value: '' }, 'Carried by any site'),
    ...sites.map((site) => h('option', { key: site.code, value: site.code }, `Carried by ${site.name} (${site.code})`)),
  );
}
