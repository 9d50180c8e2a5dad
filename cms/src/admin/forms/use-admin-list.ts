// Fetches a list the Baobab admin routes serve (GET /baobab/themes, /baobab/plugins): null while loading.
import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { isRecord } from '../field-values.js';

export function useAdminList(path: string): unknown[] | null {
  const { get } = useFetchClient();
  const [items, setItems] = useState<unknown[] | null>(null);
  useEffect(() => {
    let isCurrent = true;
    get(path)
      .then(({ data }: { data: unknown }) => isCurrent && setItems(isRecord(data) && Array.isArray(data.data) ? data.data : []))
      .catch(() => isCurrent && setItems([]));
    return () => {
      isCurrent = false;
    };
  }, [get, path]);
  return items;
}

export interface ThemeOption {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly tokens: Record<string, unknown>;
}

/** The installed themes, as GET /baobab/themes answers them. */
export function useThemes(): ThemeOption[] | null {
  const items = useAdminList('/baobab/themes');
  if (items === null) return null;
  return items.flatMap((item) =>
    isRecord(item) && typeof item.name === 'string'
      ? [
          {
            name: item.name,
            label: typeof item.label === 'string' ? item.label : item.name,
            description: typeof item.description === 'string' ? item.description : '',
            tokens: isRecord(item.tokens) ? item.tokens : {},
          },
        ]
      : [],
  );
}
