// Strapi's locale menu in the edit view (i18n's locale picker, a document header action)
// offers every locale of the CMS. Wrapped here, it offers only the source language, the
// languages of the sites that carry the document and the languages it already has; the
// server refuses the others anyway (src/translation/middleware.ts).
import { useEffect, useState } from 'react';
import { useFetchClient } from '@strapi/strapi/admin';
import { translatedModels } from './translation-badge.js';

interface HeaderProps {
  readonly model: string;
  readonly documentId?: string;
  readonly document?: { updatedAt?: unknown };
}

export type HeaderAction = ((props: HeaderProps) => unknown) & { type?: unknown; position?: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The i18n locale picker's description: a select with options and a custom content. */
function isLocaleMenu(description: unknown): description is Record<string, unknown> & { options: unknown[] } {
  return isRecord(description) && Array.isArray(description.options) && typeof description.onSelect === 'function' && typeof description.customizeContent === 'function';
}

function offeredLocales(body: unknown): Set<string> | null {
  const data = isRecord(body) && isRecord(body.data) ? body.data : null;
  if (!data || !Array.isArray(data.locales)) return null;
  return new Set(data.locales.flatMap((entry) => (isRecord(entry) && typeof entry.locale === 'string' ? [entry.locale] : [])));
}

/** The locales the document may be translated into, once loaded (null until then, or when not known). */
function useOfferedLocales(props: HeaderProps, isEnabled: boolean): Set<string> | null {
  const { get } = useFetchClient();
  const [offered, setOffered] = useState<{ key: string; locales: Set<string> } | null>(null);
  const { model, documentId } = props;
  const version = typeof props.document?.updatedAt === 'string' ? props.document.updatedAt : '';
  const key = `${model}:${documentId ?? ''}`;
  const isTranslated = translatedModels.includes(model) && documentId !== undefined;
  useEffect(() => {
    if (!isEnabled || !isTranslated) return undefined;
    let isCurrent = true;
    get('/baobab-translations/document', { params: { type: model.split('.').pop(), documentId } })
      .then(({ data }) => {
        const locales = offeredLocales(data);
        if (isCurrent && locales) setOffered({ key, locales });
      })
      .catch(() => undefined);
    return () => {
      isCurrent = false;
    };
  }, [get, key, model, documentId, version, isEnabled, isTranslated]);
  return offered?.key === key ? offered.locales : null;
}

/** Wraps a header action: when it is the locale menu, its options are narrowed to the offered locales. */
export function narrowLocaleMenu(action: HeaderAction): HeaderAction {
  const narrowed: HeaderAction = (props: HeaderProps) => {
    const description = action(props);
    const offered = useOfferedLocales(props, isLocaleMenu(description));
    if (!isLocaleMenu(description) || offered === null) return description;
    const options = description.options.filter((option) => !isRecord(option) || typeof option.value !== 'string' || offered.has(option.value));
    return { ...description, options };
  };
  narrowed.type = action.type;
  narrowed.position = action.position;
  return narrowed;
}
