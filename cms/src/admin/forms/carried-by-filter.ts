// "Carried by" in the Article, Page and Banner list views: a select of the sites that sets
// plugins[baobab][carriedBy] in the list's URL. The content manager sends it as `carriedBy`,
// and the server (src/forms/carried-by.ts) narrows the list to what that site carries.
import { createElement as h, useEffect, useState } from 'react';
import { useFetchClient, useQueryParams } from '@strapi/strapi/admin';
import { useParams } from 'react-router-dom';
import { inputStyle, isRecord } from '../field-values.js';

const FILTERABLE = new Set(['api::article.article', 'api::page.page', 'api::banner.banner']);

export default function CarriedByFilter() {
  const { slug } = useParams();
  const { get } = useFetchClient();
  const [{ query }, setQuery] = useQueryParams<{ plugins?: Record<string, unknown>; page?: number }>();
  const [sites, setSites] = useState<Array<{ code: string; name: string }>>([]);
  const isFilterable = slug !== undefined && FILTERABLE.has(slug);
  useEffect(() => {
    if (!isFilterable) return undefined;
    let isCurrent = true;
    get('/content-manager/collection-types/api::site.site', { params: { page: 1, pageSize: 100, sort: 'name:ASC' } })
      .then(({ data }: { data: unknown }) => {
        const rows = isRecord(data) && Array.isArray(data.results) ? data.results : [];
        const byCode = new Map<string, { code: string; name: string }>();
        for (const row of rows) if (isRecord(row) && typeof row.code === 'string') byCode.set(row.code, { code: row.code, name: typeof row.name === 'string' ? row.name : row.code });
        if (isCurrent) setSites([...byCode.values()]);
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [get, isFilterable]);
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
