// Makes a folder read-only for the CMS under test, for real. The tests run as root here and
// root writes through a chmod, so root bind-mounts the folder read-only over itself (writes
// then fail with EROFS, as on a read-only disk); any other user gets chmod 555 (EACCES).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export const isRoot = process.getuid?.() === 0;

/** Makes `dir` read-only; returns the undo, which the caller must run (in a finally). */
export function makeReadOnly(dir: string): () => void {
  if (!isRoot) {
    fs.chmodSync(dir, 0o555);
    return () => fs.chmodSync(dir, 0o755);
  }
  execFileSync('mount', ['--bind', '-o', 'ro', dir, dir]);
  return () => execFileSync('umount', [dir]);
}
