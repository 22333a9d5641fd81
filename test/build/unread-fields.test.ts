// An object with fields read when first asked (src/util/unread-fields.ts): whatever reads it whole
// (JSON text, Object.keys, a spread, a structured clone, v8.serialize) gets what it gets of the
// plain object it stands for, and it is filled once, only when a field not given is read or written.
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { hasUnreadFields, withUnreadFields } from '../../src/util/unread-fields.ts';

const make = () => ({ id: 'a', body: { text: 'long', list: [1, 2] }, title: 'A', rows: [['x']], empty: null as string | null });
const whole = make();
const keys = Object.keys(whole);

function unreadOne(): { object: typeof whole; fills: () => number } {
  let fills = 0;
  const object = withUnreadFields<typeof whole>(keys, { id: whole.id, title: whole.title }, () => {
    fills++;
    return make();
  });
  return { object, fills: () => fills };
}

describe('an object with unread fields', () => {
  it('reads its given fields without filling', () => {
    const { object, fills } = unreadOne();
    expect(object.id).toBe('a');
    expect(object.title).toBe('A');
    expect(Object.keys(object)).toEqual(keys);
    expect(hasUnreadFields(object)).toBe(true);
    expect(fills()).toBe(0);
  });

  it('is filled once, on the first read of another field, each in its place', () => {
    const { object, fills } = unreadOne();
    expect(object.body).toEqual(whole.body);
    expect(object.rows).toEqual(whole.rows);
    expect(object.empty).toBeNull();
    expect(fills()).toBe(1);
    expect(hasUnreadFields(object)).toBe(false);
    expect(Object.keys(object)).toEqual(keys);
    expect(Object.getOwnPropertyDescriptor(object, 'body')).toMatchObject({ writable: true, enumerable: true });
  });

  it('is filled by a write of a field not given, which then holds the value written', () => {
    const { object, fills } = unreadOne();
    object.rows = [['y']];
    expect(fills()).toBe(1);
    expect(object.rows).toEqual([['y']]);
    expect(object.body).toEqual(whole.body);
  });

  for (const [name, of] of [
    ['JSON text', (value: unknown) => JSON.stringify(value)],
    ['an object spread', (value: unknown) => ({ ...(value as object) })],
    ['a structured clone', (value: unknown) => structuredClone(value)],
    ['v8.serialize', (value: unknown) => serialize(value).toString('hex')],
  ] as const) {
    it(`gives ${name} what the plain object gives`, () => {
      expect(of(unreadOne().object)).toEqual(of(whole));
      if (name === 'JSON text') expect(of(unreadOne().object)).toBe(JSON.stringify(whole));
    });
  }

  it('refuses a fill that lacks a field not given', () => {
    const object = withUnreadFields<typeof whole>(keys, { id: 'a', title: 'A' }, () => ({ id: 'a' }) as typeof whole);
    expect(() => object.body).toThrow('the filled object has no body');
  });
});
