// The UUIDs of teams, topics and tags are worked out once per name (src/outputs/ckan/ids.ts
// `repeatedUuid`): still each the name-based UUID of its catalogue's URL and its own id.
import { describe, expect, it } from 'vitest';
import { ckanIds, uuidFor } from '../../src/outputs/ckan/ids.ts';

describe('the UUIDs of names met in many dicts', () => {
  it("are the name-based UUIDs of the catalogue's URL and the id, whichever catalogue asked first", () => {
    for (const site of ['https://data.example.org/', 'https://other.example.org/catalogue/']) {
      for (let round = 0; round < 2; round++) {
        expect(ckanIds.organization(site, 'highways')).toBe(uuidFor(`${site}team/highways`));
        expect(ckanIds.group(site, 'transport')).toBe(uuidFor(`${site}topic/transport`));
        expect(ckanIds.tag(site, 'Road Safety')).toBe(uuidFor(`${site}tag/Road Safety`));
      }
    }
    // Each kind its own: a team, a topic and a tag of one name are three things.
    const site = 'https://data.example.org/';
    expect(new Set([ckanIds.organization(site, 'roads'), ckanIds.group(site, 'roads'), ckanIds.tag(site, 'roads')]).size).toBe(3);
    expect(ckanIds.tag(site, 'roads')).not.toBe(ckanIds.tag('https://other.example.org/', 'roads'));
  });
});
