// What editor-facing validation returns, and the one way a field's path is written: as
// Strapi writes it in messages (`channelOverrides[1].text`) and as the admin matches it to
// a field (['channelOverrides', '1', 'text']).

export interface FieldProblem {
  /** `code`, `channels.ussd.serviceCodes[0]`, `channelOverrides[1].text` */
  readonly path: string;
  readonly message: string;
}

/** `channels` + ['ussd', 'serviceCodes', 0] → `channels.ussd.serviceCodes[0]` */
export function fieldPath(root: string, segments: ReadonlyArray<PropertyKey>): string {
  return segments.reduce<string>((path, segment) => (typeof segment === 'number' ? `${path}[${segment}]` : `${path}.${String(segment)}`), root);
}

/** `channelOverrides[1].text` → ['channelOverrides', '1', 'text'] */
export function pathSegments(path: string): string[] {
  return path.split(/[.[\]]/).filter((segment) => segment !== '');
}
