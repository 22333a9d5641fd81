// When datasets are due for review, measured against one day per build: the build's date is an
// input, so the same commit builds the same bytes whatever day it is built (README "Review dates").
import type { Contact, Dataset, Team } from './model.ts';
import { UserError } from '../util/user-error.ts';

/** How far ahead a review counts as due. */
export const dueWithinDays = 30;

export type ReviewState = 'overdue' | 'due' | 'current' | 'none';

export interface BuildDay {
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  /** Where it came from, for the build's report. */
  source: 'option' | 'SOURCE_DATE_EPOCH' | 'latest commit' | 'clock';
}

/**
 * The day review states are measured against: `--today` when given, else SOURCE_DATE_EPOCH (the
 * reproducible-builds convention), else the time of the latest commit to content/ (so a commit
 * always builds the same pages), else the clock (outside Git).
 */
export function buildDay(options: { today?: string | undefined; sourceDateEpoch?: string | undefined; latestCommit?: number | null; now?: () => number }): BuildDay {
  if (options.today !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(options.today) || Number.isNaN(Date.parse(`${options.today}T00:00:00Z`)) || new Date(`${options.today}T00:00:00Z`).toISOString().slice(0, 10) !== options.today) {
      throw new UserError(`--today ${options.today} is not a date`, 'Write the day as YYYY-MM-DD, e.g. --today 2025-01-31.');
    }
    return { date: options.today, source: 'option' };
  }
  if (options.sourceDateEpoch !== undefined && options.sourceDateEpoch !== '') {
    if (!/^\d+$/.test(options.sourceDateEpoch)) throw new UserError(`SOURCE_DATE_EPOCH ${options.sourceDateEpoch} is not a number of seconds since 1970`, 'Set it to a Unix time, e.g. SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it.');
    return { date: dayOf(Number(options.sourceDateEpoch)), source: 'SOURCE_DATE_EPOCH' };
  }
  if (options.latestCommit !== undefined && options.latestCommit !== null) return { date: dayOf(options.latestCommit), source: 'latest commit' };
  return { date: dayOf(Math.floor((options.now ?? Date.now)() / 1000)), source: 'clock' };
}

function dayOf(epochSeconds: number): string {
  return new Date(epochSeconds * 1000).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Overdue: the review date has passed (the day itself is still on time). Due: within `dueWithinDays`. */
export function reviewState(nextReviewDate: string | null, today: string): ReviewState {
  if (!nextReviewDate) return 'none';
  const left = daysBetween(today, nextReviewDate);
  if (left < 0) return 'overdue';
  return left <= dueWithinDays ? 'due' : 'current';
}

export type ReviewedDataset = Pick<Dataset, 'id' | 'title' | 'nextReviewDate' | 'contact' | 'sharing'> & { team: Pick<Team, 'id' | 'title' | 'email'> };

export interface ReviewEntry<D extends ReviewedDataset = ReviewedDataset> {
  dataset: D;
  state: 'overdue' | 'due';
  nextReviewDate: string;
  /** Days late (overdue, positive) or left (due, zero or positive). */
  days: number;
  /** Who to ask: the dataset's contact, else its team's e-mail. */
  contact: Contact | null;
}

export interface ReviewGroup<D extends ReviewedDataset = ReviewedDataset> {
  team: D['team'];
  entries: ReviewEntry<D>[];
}

/** Datasets overdue or due within 30 days, by team (by title), each team's most overdue first. */
export function reviewReport<D extends ReviewedDataset>(datasets: readonly D[], today: string): ReviewGroup<D>[] {
  const groups = new Map<string, ReviewGroup<D>>();
  for (const dataset of datasets) {
    const state = reviewState(dataset.nextReviewDate, today);
    if (state !== 'overdue' && state !== 'due') continue;
    const nextReviewDate = dataset.nextReviewDate!;
    const entry: ReviewEntry<D> = {
      dataset,
      state,
      nextReviewDate,
      days: Math.abs(daysBetween(today, nextReviewDate)),
      contact: dataset.contact ?? (dataset.team.email ? { title: dataset.team.title, email: dataset.team.email } : null),
    };
    const group: ReviewGroup<D> = groups.get(dataset.team.id) ?? { team: dataset.team, entries: [] };
    group.entries.push(entry);
    groups.set(dataset.team.id, group);
  }
  const byTitle = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const group of groups.values()) group.entries.sort((a, b) => byTitle(a.nextReviewDate, b.nextReviewDate) || byTitle(a.dataset.id, b.dataset.id));
  return [...groups.values()].sort((a, b) => byTitle(a.team.title, b.team.title) || byTitle(a.team.id, b.team.id));
}
