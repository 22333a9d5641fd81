// Peak memory of this process and every process it started (the build renders pages in a child
// process): resident sizes summed over the process tree, sampled, since no OS counter sums a tree.
import { readdirSync, readFileSync } from 'node:fs';

function residentKiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
}

function descendants(pid: number): number[] {
  const children: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const listed = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim();
    if (listed) children.push(...listed.split(/\s+/).map(Number));
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function treeResidentKiB(): number {
  let total = 0;
  for (const pid of [process.pid, ...descendants(process.pid)]) {
    try {
      total += residentKiB(pid);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

/** Samples every `intervalMs` until stopped; the result is in MiB, at least this process's own peak. */
export function watchTreeMemory(intervalMs = 50): { stop(): number } {
  let peakKiB = 0;
  const sample = () => {
    try {
      peakKiB = Math.max(peakKiB, treeResidentKiB());
    } catch {
      // A process vanished mid-walk: the next sample counts again.
    }
  };
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return Math.round(Math.max(peakKiB, process.resourceUsage().maxRSS) / 1024);
    },
  };
}
