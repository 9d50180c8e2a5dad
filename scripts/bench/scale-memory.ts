// bench:scale's memory readings: each measured process with its children from /proc (RSS
// and its peak), its V8 heap from its metrics port, after a full GC run in it by signal.
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';


/** Resident memory (VmRSS, and its peak VmHWM, KB) of a process and each descendant, read from /proc, with their names. */
function processTree(rootPid: number): Array<{ pid: number; name: string; kb: number; peakKb: number }> {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name (field 2) may hold spaces, so split after its ')'.
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone since readdir
    }
  }
  const found: Array<{ pid: number; name: string; kb: number; peakKb: number }> = [];
  const visit = (pid: number) => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kbOf = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1] ?? 0);
      found.push({ pid, name: status.match(/^Name:\s+(.*)$/m)?.[1] ?? '?', kb: kbOf('VmRSS'), peakKb: kbOf('VmHWM') });
    } catch {
      // exited
    }
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return found;
}

export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  readonly metricsPort: number;
}
export const treeOf = (proc: Proc) => (proc.child.pid ? processTree(proc.child.pid) : []);
/** The sum of each process tree's peak RSS (VmHWM): peaks of different processes need not coincide, so this bounds the true peak from above. */
export const peakOf = (procs: readonly Proc[]) => Object.fromEntries(procs.map((proc) => [proc.name, treeOf(proc).reduce((sum, member) => sum + member.peakKb, 0)]));
export const rssOf = (procs: readonly Proc[]) => Object.fromEntries(procs.map((proc) => [proc.name, treeOf(proc).reduce((sum, member) => sum + member.kb, 0)]));
export const heapOf = async (procs: readonly Proc[]) => Object.fromEntries(await Promise.all(procs.map(async (proc) => [proc.name, (await processMetrics(proc.metricsPort)).heapUsedKb] as const)));

/** Preloaded into each measured process: SIGUSR2 runs a full GC there (gc-on-signal.cjs). */
export const GC_PRELOAD = { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc --require "${path.join(__dirname, 'gc-on-signal.cjs')}"`.trim() };

/**
 * Memory as each process holds it: a full GC in each (the signal goes to the Node process
 * itself, never to its esbuild helper), a moment for it to finish, then RSS and heap in use.
 */
export async function memoryAfterGc(procs: readonly Proc[]): Promise<Memory> {
  for (const proc of procs) if (proc.child.pid) process.kill(proc.child.pid, 'SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return { rssKb: rssOf(procs), heapKb: await heapOf(procs) };
}

/** One value of a Prometheus text exposition (the first series of `name`), or null. */
function metricValue(text: string, name: string): number | null {
  const line = text.split('\n').find((entry) => entry.startsWith(`${name} `) || entry.startsWith(`${name}{`));
  const value = line === undefined ? Number.NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
  return Number.isFinite(value) ? value : null;
}

/** The sum of every series of `name` (all labels), or null when there is none. */
function metricSum(text: string, name: string): number | null {
  const values = text
    .split('\n')
    .filter((entry) => entry.startsWith(`${name} `) || entry.startsWith(`${name}{`))
    .map((entry) => Number(entry.slice(entry.lastIndexOf(' ') + 1)));
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0);
}

/** What a process's metrics port says of its memory and of the invalidation lag (the contract's histogram), when it says it. */
export async function processMetrics(metricsPort: number) {
  const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((response) => response.text()).catch(() => '');
  const lagCount = metricSum(text, 'baobab_invalidation_lag_seconds_count');
  const lagSum = metricSum(text, 'baobab_invalidation_lag_seconds_sum');
  return {
    heapUsedKb: (metricValue(text, 'nodejs_heap_size_used_bytes') ?? 0) / 1024,
    externalKb: (metricValue(text, 'nodejs_external_memory_bytes') ?? 0) / 1024,
    lag: lagCount === null || lagSum === null || lagCount === 0 ? null : { count: lagCount, meanMs: (lagSum / lagCount) * 1000 },
  };
}

export interface Memory {
  readonly rssKb: Record<string, number>;
  readonly heapKb: Record<string, number>;
}

