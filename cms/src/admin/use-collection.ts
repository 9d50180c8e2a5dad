// The rows of a content type as the content manager lists them (its own admin API, so what
// the editor may read), for the pickers and filters that offer sites or sections by name.
import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { isRecord, stringList } from './field-values.js';

/** Up to `pageSize` rows of `uid` sorted by `sort`; null while loading, [] when the request failed. */
export function useCollection(uid: string, sort: string, pageSize = 100): Record<string, unknown>[] | null {
  const { get } = useFetchClient();
  const [rows, setRows] = useState<Record<string, unknown>[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    get(`/content-manager/collection-types/${uid}`, { params: { page: 1, pageSize, sort } })
      .then(({ data }: { data: unknown }) => isCurrent && setRows(isRecord(data) && Array.isArray(data.results) ? data.results.filter(isRecord) : []))
      .catch(() => isCurrent && setRows([]));
    return () => {
      isCurrent = false;
    };
  }, [get, uid, sort, pageSize]);
  return rows;
}

export interface SiteOption {
  readonly code: string;
  readonly name: string;
  readonly locales: readonly string[];
}

/** Every site by code and name (and its languages), sorted by name; null while loading. */
export function useSites(): SiteOption[] | null {
  const rows = useCollection('api::site.site', 'name:ASC');
  if (rows === null) return null;
  const byCode = new Map<string, SiteOption>();
  for (const row of rows) if (typeof row.code === 'string') byCode.set(row.code, { code: row.code, name: typeof row.name === 'string' ? row.name : row.code, locales: stringList(row.locales) });
  return [...byCode.values()].sort((a, b) => a.name.localeCompare(b.name));
}
