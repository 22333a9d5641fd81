// Peak memory of this process and every process it started (the build renders pages in a child
// process): resident sizes summed over the process tree, sampled, since no OS counter sums a tree.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

function treeResidentKiB(root: number, sampler: number): number {
  let total = 0;
  for (const pid of [root, ...descendants(root)]) {
    if (pid === sampler) continue;
    try {
      total += residentKiB(pid);
    } catch {
      // The process ended between listing and reading.
    }
  }
  return total;
}

function safeTreeResidentKiB(root: number, sampler: number): number {
  try {
    return treeResidentKiB(root, sampler);
  } catch {
    // A process vanished mid-walk: the next sample counts again.
    return 0;
  }
}

/**
 * Samples every `intervalMs` from a process of its own until stopped: a sampler on this thread's
 * event loop takes no sample while the build works without yielding, which may be when a child
 * process adds to the tree; a sampler thread would add its own memory to what it measures. The
 * sampler is left out of the sum. The result is in MiB, at least this process's own peak.
 */
export function watchTreeMemory(intervalMs = 50): { stop(): number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'datashelf-tree-memory-'));
  const file = path.join(dir, 'peak');
  const sampler = spawn(process.execPath, [fileURLToPath(import.meta.url), samplerFlag, String(process.pid), file, String(intervalMs)], { stdio: 'ignore' });
  sampler.unref();
  return {
    stop() {
      sampler.kill();
      const sampled = Number(readFileOr(file, '0'));
      rmSync(dir, { recursive: true, force: true });
      const now = safeTreeResidentKiB(process.pid, sampler.pid ?? -1);
      return Math.round(Math.max(sampled, now, process.resourceUsage().maxRSS) / 1024);
    },
  };
}

function readFileOr(file: string, otherwise: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return otherwise;
  }
}

const samplerFlag = '--sample-tree-memory';

if (process.argv[2] === samplerFlag) {
  const [root, file, interval] = [Number(process.argv[3]), process.argv[4]!, Number(process.argv[5])];
  let peak = 0;
  setInterval(() => {
    const total = safeTreeResidentKiB(root, process.pid);
    if (total <= peak) return;
    peak = total;
    // Written whole, then renamed: the watcher never reads half a number.
    writeFileSync(`${file}.tmp`, String(peak));
    renameSync(`${file}.tmp`, file);
  }, interval);
  // Ends with the watched process, should it never call stop().
  setInterval(() => {
    try {
      process.kill(root, 0);
    } catch {
      process.exit(0);
    }
  }, 1000);
}
