// The one hostname rule for a site's web addresses, shared by the save (validation.ts) and the
// admin's hostname list, which checks each row as the editor types.
import { isHostname, normalizeHost } from '@baobab/kit';

/** Why `host` cannot be one of a site's web addresses, or null when it can. */
export function hostnameProblem(host: string): string | null {
  const normalized = normalizeHost(host);
  if (normalized === null || normalized !== host.trim().toLowerCase() || !isHostname(normalized)) {
    return `"${host}" is not a hostname; write it without scheme, port or path, like "kijana-ke.localhost".`;
  }
  return null;
}
