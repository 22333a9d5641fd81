// Strings kept from a file's text must not keep the text: the catalogue holds them for the whole build.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { detachedString, detachStrings, forgetSharedStrings, sharedString } from '../../src/catalogue/detached.ts';
import { returnMemory } from '../../src/build/memory.ts';

const usedMiB = () => v8.getHeapStatistics().used_heap_size / 2 ** 20;

describe('detachedString', () => {
  it('keeps a slice of a large text without the text', () => {
    const slices = (copy: (text: string) => string) => {
      const kept: string[] = [];
      // 200 texts of 1 MiB: a slice of each, as a YAML parser cuts a title out of its file.
      for (let index = 0; index < 200; index++) kept.push(copy(`${'x'.repeat(2 ** 20)}${index} and the title ${index}`.slice(2 ** 20 - 5, 2 ** 20 + 30)));
      returnMemory();
      return { kept, MiB: usedMiB() };
    };
    const before = usedMiB();
    const plain = slices((text) => text);
    expect(plain.MiB - before).toBeGreaterThan(150);
    plain.kept.length = 0;
    const detached = slices(detachedString);
    expect(detached.MiB - before).toBeLessThan(20);
    expect(detached.kept[7]).toBe(`xxxxx7 and the title 7`);
  });
});

describe('detachStrings', () => {
  it('keeps every value, own __proto__ keys and Maps included, sharing equal short texts', () => {
    const value = JSON.parse('{"title":"A long enough title","tags":["one tag here","one tag here"],"nested":{"__proto__":"written as a key"},"n":3,"none":null}') as Record<string, unknown>;
    const custom = new Map<string, unknown>([['unit', 'Units of measure'], ['geography', ['Benchtown', 'Benchtown']]]);
    value.custom = custom;
    detachStrings(value);
    expect(JSON.stringify(value)).toBe('{"title":"A long enough title","tags":["one tag here","one tag here"],"nested":{"__proto__":"written as a key"},"n":3,"none":null,"custom":{}}');
    expect(Object.getPrototypeOf(value.nested)).toBe(Object.prototype);
    expect(Object.hasOwn(value.nested as object, '__proto__')).toBe(true);
    expect([...custom]).toEqual([['unit', 'Units of measure'], ['geography', ['Benchtown', 'Benchtown']]]);
    expect(sharedString('one tag here')).toBe('one tag here');
    forgetSharedStrings();
  });
});
