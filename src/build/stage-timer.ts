// A build's stages as it reports them: each one's wall time and the CPU time of the thread that ran
// it (threads report their own, so a stage's CPU is never another thread's).

export interface TimedStage {
  name: string;
  ms: number;
  cpuMs: number;
}

/** A function that runs `work` as the stage `name` and records it in `stages` when it ends, failed or not. */
export function stageTimer(stages: { push(stage: TimedStage): unknown }): <T>(name: string, work: () => Promise<T>) => Promise<T> {
  return async (name, work) => {
    const started = performance.now();
    const cpu = process.threadCpuUsage();
    try {
      return await work();
    } finally {
      const used = process.threadCpuUsage(cpu);
      stages.push({ name, ms: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) });
    }
  };
}
