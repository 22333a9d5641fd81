// Review dates: the build's day as an input, the state of a review on that day, the publishers'
// report by team, `check --due`, and the warning for an updatedAt older than a file's last commit.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDay, reviewReport, reviewState, type ReviewedDataset } from '../../src/catalogue/review.ts';
import { loadCatalogue } from '../../src/catalogue/load.ts';
import { runCheck } from '../../src/cli/check.ts';
import { UserError } from '../../src/util/user-error.ts';
import { capturedStreams } from '../helpers/cli.ts';
import { contentFrom } from '../helpers/content.ts';
import { minimalWithHistory } from '../helpers/git.ts';

describe('buildDay', () => {
  it('takes --today, else SOURCE_DATE_EPOCH, else the latest commit, else the clock', () => {
    expect(buildDay({ today: '2025-02-01', sourceDateEpoch: '0', latestCommit: 0 })).toEqual({ date: '2025-02-01', source: 'option' });
    expect(buildDay({ sourceDateEpoch: '1738368000', latestCommit: 0 })).toEqual({ date: '2025-02-01', source: 'SOURCE_DATE_EPOCH' });
    expect(buildDay({ sourceDateEpoch: '', latestCommit: 1738454399 })).toEqual({ date: '2025-02-01', source: 'latest commit' });
    expect(buildDay({ latestCommit: null, now: () => Date.parse('2025-02-01T23:59:59Z') })).toEqual({ date: '2025-02-01', source: 'clock' });
  });

  it('refuses a day that is not a date, saying how to write one', () => {
    for (const today of ['2025-02-30', '1/2/2025', '2025-2-1']) expect(() => buildDay({ today })).toThrow(UserError);
    expect(() => buildDay({ today: '2025-02-30' })).toThrow('--today 2025-02-30 is not a date');
    expect(() => buildDay({ sourceDateEpoch: 'yesterday' })).toThrow(UserError);
  });
});

describe('reviewState', () => {
  it('is overdue the day after the review date, due within 30 days, current beyond', () => {
    expect(reviewState('2025-01-31', '2025-02-01')).toBe('overdue');
    expect(reviewState('2025-02-01', '2025-02-01')).toBe('due');
    expect(reviewState('2025-03-03', '2025-02-01')).toBe('due');
    expect(reviewState('2025-03-04', '2025-02-01')).toBe('current');
    expect(reviewState(null, '2025-02-01')).toBe('none');
  });
});

const team = (id: string, title: string, email: string | null = null) => ({ id, title, email });
const dataset = (id: string, nextReviewDate: string | null, owner = team('roads', 'Highways', 'roads@x.example'), contact: ReviewedDataset['contact'] = null): ReviewedDataset => ({
  id, title: `Title ${id}`, nextReviewDate, contact, sharing: 'public', team: owner,
});

describe('reviewReport', () => {
  it('lists overdue and due datasets by team title, most overdue first, with the dataset\'s contact or else its team\'s', () => {
    const parks = team('parks', 'Arboretum and Parks');
    const report = reviewReport([
      dataset('late', '2025-01-10'),
      dataset('later', '2024-12-01'),
      dataset('soon', '2025-02-20', parks, { title: 'Parks desk', email: 'parks@x.example' }),
      dataset('fine', '2025-06-01', parks),
      dataset('never', null),
    ], '2025-02-01');
    expect(report.map((group) => [group.team.title, group.entries.map((entry) => [entry.dataset.id, entry.state, entry.days, entry.contact?.email ?? null])])).toEqual([
      ['Arboretum and Parks', [['soon', 'due', 19, 'parks@x.example']]],
      ['Highways', [['later', 'overdue', 62, 'roads@x.example'], ['late', 'overdue', 22, 'roads@x.example']]],
    ]);
  });
});

describe('check --due', () => {
  it('prints each dataset overdue or due on the given day, one tab-separated line each, private ones too', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const output = capturedStreams();
    const code = await runCheck(['--content', contentDir, '--due', '--today', '2025-02-01'], { ...output, env: {}, cwd: root });
    expect(code).toBe(0);
    const lines = output.written().trim().split('\n');
    expect(lines[0]).toBe('Content is valid: 3 datasets (1 private), 2 topics, 2 teams.');
    expect(lines[1]).toMatch(/^Reviews on 2025-02-01: \d+ datasets? overdue or due within 30 days\.$/);
    expect(lines).toContain('overdue\t2025-01-15\t17 days late\tInformation Governance\tfoi\tFreedom of Information Requests\tFOI Team <foi@testshire.example>');
  });

  it('says when nothing is due', async () => {
    const { root, contentDir } = await contentFrom('minimal');
    const output = capturedStreams();
    await runCheck(['--content', contentDir, '--due', '--today', '2000-01-01'], { ...output, env: {}, cwd: root });
    expect(output.written()).toContain('Reviews on 2000-01-01: none overdue or due within 30 days.');
  });
});

describe('an updatedAt older than a file', () => {
  it('is a warning from check and from the build, naming the file, line, field and the file\'s commit', async () => {
    const roads = '---\ntitle: Road Casualties\nteam: highways\nupdatedAt: 2022-01-01T00:00:00Z\nresources:\n  - id: "2023"\n    title: Casualties 2023\n    file: casualties 2023.csv\n---\nBody.\n';
    const { root, contentDir } = await minimalWithHistory(roads);

    const output = capturedStreams();
    expect(await runCheck(['--content', contentDir], { ...output, env: {}, cwd: root })).toBe(0);
    expect(output.written()).toContain('datasets/roads/index.md:4');
    expect(output.written()).toContain('updatedAt 2022-01-01 is earlier than the last change to resources[0] (Casualties 2023), committed 2024-07-08');

    const { warnings } = await loadCatalogue({ contentDir });
    expect(warnings.map((warning) => [path.relative(contentDir, warning.file), warning.line, warning.field, warning.code])).toEqual([['datasets/roads/index.md', 4, 'updatedAt', 'stale-updated-at']]);
    expect(warnings[0]!.hint).toBe('Set updatedAt to 2024-07-08T09:30:15Z or later, or remove it to take the date from Git.');
  });
});
