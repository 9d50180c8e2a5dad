// Images that content shows need alternative text: readers on screen readers, and on data
// plans that skip images, get the text instead.
import { isPlainObject } from '@baobab/kit';

/** The upload file ids a media field's value names, however the admin or the API wrote it. */
export function imageIdsOf(value: unknown): number[] {
  const idOf = (item: unknown): number[] => {
    if (typeof item === 'number' && Number.isInteger(item)) return [item];
    if (typeof item === 'string' && /^[0-9]+$/.test(item)) return [Number(item)];
    if (isPlainObject(item) && 'id' in item) return idOf(item.id);
    return [];
  };
  if (Array.isArray(value)) return value.flatMap(idOf);
  if (isPlainObject(value) && ('connect' in value || 'set' in value)) {
    return [value.set, value.connect].flatMap((list) => (Array.isArray(list) ? list.flatMap(idOf) : idOf(list)));
  }
  return idOf(value);
}

/** The message for the first file without alternative text, or null when every one has it. */
export function missingAltProblem(files: ReadonlyArray<{ name?: string | null; alternativeText?: string | null }>): string | null {
  const bare = files.find((file) => (file.alternativeText ?? '').trim() === '');
  if (bare === undefined) return null;
  return (
    `The image ${bare.name ? `"${bare.name}" ` : ''}has no alternative text, which readers who cannot see it get instead. ` +
    'Add it in the Media Library: open the image (or click the pencil on it here), fill in "Alternative text" with what it shows, click Finish, then save again.'
  );
}
