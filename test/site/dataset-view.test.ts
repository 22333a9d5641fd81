// What a dataset page adds to the model: custom field titles, related datasets, and a
// description ready for a phone.
import { describe, expect, it } from 'vitest';
import { exampleSite, foiDataset, roadsDataset } from '../../src/site/components/examples.ts';
import { customFacts, descriptionHtmlForPage, firstParagraphText, relatedDatasets, resourceHref } from '../../src/site/dataset-view.ts';

describe('customFacts', () => {
  it('titles custom fields as the catalogue defines them, in its order, skipping empty ones', () => {
    const dataset = { custom: { geography: ['Testshire', ' ', 'South'], unit: 'Assurance', retired: 'not defined', updateFrequency: '  ' } };
    expect(customFacts(exampleSite, dataset)).toEqual([
      { id: 'unit', title: 'Business unit', values: ['Assurance'] },
      { id: 'geography', title: 'Geography', values: ['Testshire', 'South'] },
    ]);
  });
});

describe('resourceHref', () => {
  it('downloads a published file from this site and an external file from its host', () => {
    expect(resourceHref(exampleSite, foiDataset.resources[0]!)).toBe('/download/foi/k93/FOI%20requests%202020-25.csv');
    expect(resourceHref(exampleSite, foiDataset.resources[1]!)).toBe('https://files.testshire.example/foi/summary.xlsx');
  });
});

describe('relatedDatasets', () => {
  it('reads each relationship from this side, and leaves out datasets not in the build', () => {
    const dataset = {
      relationships: [
        { type: 'derives_from' as const, dataset: 'roads', comment: 'Totals by year' },
        { type: 'links_to' as const, dataset: 'staff-absence', comment: null },
      ],
    };
    expect(relatedDatasets(dataset, [foiDataset, roadsDataset])).toEqual([{ label: 'Derived from', dataset: roadsDataset, comment: 'Totals by year' }]);
  });
});

describe('descriptionHtmlForPage', () => {
  it('moves headings one level down, under the page’s own h2', () => {
    expect(descriptionHtmlForPage('<h2>Caveats</h2><h3>Old data</h3><h6>Small</h6>', 'T')).toBe('<h3>Caveats</h3><h4>Old data</h4><h6>Small</h6>');
  });

  it('puts each table in a labelled, focusable scroll container', () => {
    const html = '<p>a</p><table><tr><td>1</td></tr></table><table><tr><td>2</td></tr></table>';
    expect(descriptionHtmlForPage(html, 'Rates "2025"')).toBe(
      '<p>a</p>' +
        '<div class="table-scroll" role="region" aria-label="Table 1 in the description of Rates &quot;2025&quot;" tabindex="0"><table><tr><td>1</td></tr></table></div>' +
        '<div class="table-scroll" role="region" aria-label="Table 2 in the description of Rates &quot;2025&quot;" tabindex="0"><table><tr><td>2</td></tr></table></div>',
    );
    expect(descriptionHtmlForPage('<table></table>', 'X')).toContain('aria-label="Table in the description of X"');
  });
});

describe('firstParagraphText', () => {
  it('takes the whole first paragraph, across the source’s line breaks, as plain text', () => {
    const dataset = {
      descriptionHtml: '<p>Requests under the <strong>FOI Act</strong>\n(FOI) &amp; the EIR &#8212; &lt;all&gt;.</p><p>Second.</p>',
      descriptionText: 'Requests under the FOI Act\n(FOI) & the EIR — <all>.\nSecond.',
    };
    expect(firstParagraphText(dataset)).toBe('Requests under the FOI Act (FOI) & the EIR — <all>.');
  });

  it('falls back to the first line of the text when the description has no paragraph', () => {
    expect(firstParagraphText({ descriptionHtml: '<ul><li>One</li></ul>', descriptionText: 'One\nTwo' })).toBe('One');
    expect(firstParagraphText({ descriptionHtml: '', descriptionText: '' })).toBe('');
  });
});
