// How the build process uses memory. Set by the commands that run a build (the CLI, the benchmark),
// not by `buildSite` itself: it changes the whole process.
import v8 from 'node:v8';

/**
 * A build makes a great deal of short-lived garbage (parsed YAML, rendered pages, JSON texts). With
 * V8's default nursery of up to 3 × 64 MiB the process held about 180 MiB more at its peak for a
 * 10,000-dataset build than with 3 × 8 MiB, which measured no slower (docs/performance.md).
 */
export function useSmallNursery(): void {
  v8.setFlagsFromString('--max-semi-space-size=8');
}
