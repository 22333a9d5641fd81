// Where a running process's CPU goes, by kind of thread (issue 12): Node names its threads, so the
// JavaScript threads (`MainThread`, `WorkerThread`: the page renderers and writer threads), V8's
// helpers (`V8Worker`: the garbage collector's concurrent and parallel work, the optimising
// compilers) and libuv's pool (`libuv-worker`: file system calls, zlib, brotli) can be told apart,
// which a process's user + sys cannot.
//   node test/bench/thread-cpu.ts <pid>
// Reads /proc/<pid>/task/*/stat every 50 ms until the process ends, then prints JSON: CPU seconds
// by thread name, each thread counted at its last sample (a thread that ends loses under 50 ms).
import { readdirSync, readFileSync } from 'node:fs';

const pid = process.argv[2];
if (!pid) throw new Error('usage: node test/bench/thread-cpu.ts <pid>');
// The kernel counts in clock ticks: 100 a second on Linux (USER_HZ).
const ticksPerSecond = 100;
const lastSeen = new Map<string, { name: string; seconds: number }>();

/** One sample of every thread; false once the process has ended. */
function sample(): boolean {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return false;
  }
  for (const task of tasks) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${task}/stat`, 'utf8');
      // The name is in parentheses and may hold spaces; the fields after it are space-separated.
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // utime and stime: fields 14 and 15 of the line, 12 and 13 after the name.
      lastSeen.set(task, { name, seconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond });
    } catch {
      // The thread ended between listing and reading: its previous sample stands.
    }
  }
  return true;
}

const timer = setInterval(() => {
  if (sample()) return;
  clearInterval(timer);
  const byName: Record<string, number> = {};
  for (const { name, seconds } of lastSeen.values()) byName[name] = (byName[name] ?? 0) + seconds;
  const total = Object.values(byName).reduce((sum, seconds) => sum + seconds, 0);
  const sorted = Object.entries(byName).sort((a, b) => b[1] - a[1]);
  process.stdout.write(`${JSON.stringify({ total: +total.toFixed(2), ...Object.fromEntries(sorted.map(([name, seconds]) => [name, +seconds.toFixed(2)])) })}\n`);
}, 50);
