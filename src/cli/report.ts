// Prints the content problems of a run, all of them, in one place.
import { formatAnnotation, formatProblem, sortProblems, type ContentProblem } from '../catalogue/errors.ts';
import { say, type CliContext } from './context.ts';

/** `annotations`: also as GitHub Actions workflow commands (by default when run in GitHub Actions). */
export function reportProblems(problems: ContentProblem[], context: CliContext, annotations = Boolean(context.env.GITHUB_ACTIONS)): void {
  const sorted = sortProblems(problems);
  for (const problem of sorted) say(problem.severity === 'error' ? context.stderr : context.stderr, formatProblem(problem, context.cwd));
  if (annotations) {
    for (const problem of sorted) say(context.stdout, formatAnnotation(problem, context.cwd));
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  if (errors > 0) say(context.stderr, `\n${errors} error${errors === 1 ? '' : 's'} in the content; nothing was published.`);
}
