// Input a publisher should never write, but someone will: each is rejected with a clear error,
// or built safely.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildInto } from '../helpers/build.ts';
import { contentFrom, errorsIn } from '../helpers/content.ts';
import { activeContent, withoutSiteSearch } from '../helpers/html.ts';

const dataset = (frontMatter: string, body: string) => `---\n${frontMatter.trim()}\n---\n${body}`;

describe('hostile Markdown', () => {
  it('is published without scripts, handlers, frames, styles or script URLs', async () => {
    const body = [
      '# Heading',
      '<script>alert("x")</script>',
      '<img src="x" onerror="alert(1)">',
      '[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [vb](vbscript:msgbox)',
      '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
      '<iframe src="https://evil.example"></iframe><object data="x"></object><embed src="x">',
      '<style>body{display:none}</style><form action="https://evil.example"><input name="a"></form>',
      '<svg onload="alert(1)"><circle r="1"/></svg>',
      '<div style="background:url(javascript:alert(1))" onclick="alert(1)">div</div>',
      '<!-- a comment --> <p title="x" onmouseover="alert(1)">para</p>',
      '![img](javascript:alert(1))',
      '<a href="https://example.org/" target="_blank">ok link</a>',
    ].join('\n\n');
    const { root, contentDir } = await contentFrom('minimal', {
      'datasets/foi.md': dataset('title: FOI <script>alert(1)</script>\nteam: information\ntags: ["<b>bold</b>", "x\\" onmouseover=\\"alert(1)"]', body),
    });
    await buildInto(contentDir, path.join(root, 'dist'));
    const page = await readFile(path.join(root, 'dist/dataset/foi/index.html'), 'utf8');
    const exported = await readFile(path.join(root, 'dist/api/datasets/export.json'), 'utf8');
    // The checker itself sees what a browser would run.
    expect(activeContent('<img src=x onerror=alert(1)><a href=" java\tscript:x">a</a><script>x</script>')).toHaveLength(3);
    expect(activeContent(withoutSiteSearch(page, '/'))).toEqual([]);
    for (const dataset of JSON.parse(exported) as { description: string }[]) expect(activeContent(dataset.description)).toEqual([]);
    expect(page).toContain('ok link');
    expect(page).toContain('FOI &lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('unusual Unicode', () => {
  it('builds titles, tags and file names in any script, escaped and intact', async () => {
    const { root, contentDir } = await contentFrom('minimal', {
      'datasets/roads/index.md': dataset(
        'title: "Données routières 🚲 \u202Eevil\u202C — 道路"\nteam: highways\ntags: ["Sécurité routière", "交通"]\nresources:\n  - id: a\n    title: Ελληνικά\n    file: "données 2023.csv"',
        'Zero\u200Bwidth and combining e\u0301 text.',
      ),
      'datasets/roads/données 2023.csv': 'a,b\r\n1,2\r\n',
    });
    const report = await buildInto(contentDir, path.join(root, 'dist'));
    const roads = report.catalogue.datasets.find((item) => item.id === 'roads')!;
    expect(roads.tags.map((tag) => tag.slug)).toEqual(['securite-routiere', '交通']);
    expect(roads.resources[0]!.url).toBe('https://data.testshire.example/download/roads/a/donn%C3%A9es%202023.csv');
    const published = await readFile(path.join(root, 'dist/download/roads/a/données 2023.csv'), 'utf8');
    expect(published).toBe('a,b\r\n1,2\r\n');
    const page = await readFile(path.join(root, 'dist/dataset/roads/index.html'), 'utf8');
    expect(page).toContain('Données routières 🚲');
  });

  it('rejects a tag with no letters or digits, and ids with look-alike characters', async () => {
    expect(
      await errorsIn(
        (await contentFrom('minimal', { 'datasets/roads/index.md': dataset('title: Roads\nteam: highwаys\ntags: ["🚲"]', 'x') })).contentDir,
      ),
    ).toMatchInlineSnapshot(`
      [
        "content/datasets/roads/index.md:3 team: must be lower-case letters, digits and hyphens, starting with a letter or digit (got 'highwаys')
        hint: Give the id of a team in content/teams.yaml (e.g. highways), not its title.",
      ]
    `);
  });
});

describe('files that are not what they claim', () => {
  it('reports a stray file and a folder without index.md in datasets/', async () => {
    const { contentDir } = await contentFrom('minimal', { 'datasets/notes.txt': 'hello', 'datasets/bins/README.md': '# Bins' });
    expect(await errorsIn(contentDir)).toMatchInlineSnapshot(`
      [
        "content/datasets/bins: is a dataset folder without an index.md
        hint: Put the dataset's front matter and description in datasets/bins/index.md, or move the folder out of datasets/.",
        "content/datasets/notes.txt: is not a dataset file
        hint: Dataset files are Markdown ending in .md (e.g. datasets/road-casualties.md); data files go in a dataset folder beside its index.md.",
      ]
    `);
  });

  it('reports YAML aliases that expand too far, and nesting too deep to read', async () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
    const { contentDir } = await contentFrom('minimal', {
      'datasets/foi.md': `---\n${laughs}\n---\n`,
      'datasets/deep.md': `---\ntitle: ${'['.repeat(20000)}${']'.repeat(20000)}\n---\n`,
    });
    expect(await errorsIn(contentDir)).toMatchInlineSnapshot(`
      [
        "content/datasets/deep.md:2: is nested too deeply to read
        hint: Content files hold fields, lists and sets of fields a few levels deep; look for brackets that never close.",
        "content/datasets/foi.md:2: uses aliases (*name) that expand too far
        hint: Write the values out in full instead of repeating them with & and *.",
      ]
    `);
  });

  it('publishes an empty data file, with its size and hash', async () => {
    const { root, contentDir } = await contentFrom('minimal', { 'datasets/roads/casualties 2023.csv': '' });
    const report = await buildInto(contentDir, path.join(root, 'dist'));
    const resource = report.catalogue.datasets.find((item) => item.id === 'roads')!.resources[0]!;
    expect([resource.size, resource.hash]).toEqual([0, 'd41d8cd98f00b204e9800998ecf8427e']);
  });
});
