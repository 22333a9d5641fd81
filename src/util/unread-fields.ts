// An object some of whose fields are worked out only when first read: its small fields given
// (`eager`), the others made together by `fill` the first time any of them is read or written.
// Every key is an own, enumerable property in its place from the start (an accessor until filled,
// then a plain property holding the value), so Object.keys, JSON text, an object spread, a
// structured clone and `v8.serialize` give exactly what they give of the whole object (they read
// each property, filling it). The writer thread's unchanged datasets on an edit (build/writer-input.ts):
// its outputs read a dozen small fields of them and take the rest by digest from their kept pieces.

interface Unread {
  /** The keys not given, filled together. */
  keys: readonly string[];
  fill: () => Record<string, unknown>;
}

/** Objects not filled yet, and how. */
const unread = new WeakMap<object, Unread>();

/** One getter and setter a key, the same functions for every object: objects made with the same keys share their shape. */
const accessors = new Map<string, PropertyDescriptor>();

/** Objects filled so far (for the tests and the benchmark's figures). */
export const unreadFigures = { made: 0, filled: 0 };

/**
 * An object with `keys` in this order: those `eager` holds with its values, the others read from
 * `fill()` (called once, on the first read or write of any of them; it must hold each of them).
 */
export function withUnreadFields<T extends object>(keys: readonly string[], eager: Partial<T>, fill: () => T): T {
  const object = {} as Record<string, unknown>;
  const rest: string[] = [];
  for (const key of keys) {
    // A plain assignment makes the same property as defining it (writable, enumerable, configurable), faster.
    if (Object.hasOwn(eager, key)) object[key] = (eager as Record<string, unknown>)[key];
    else {
      rest.push(key);
      Object.defineProperty(object, key, accessorOf(key));
    }
  }
  if (rest.length > 0) unread.set(object, { keys: rest, fill: fill as unknown as () => Record<string, unknown> });
  unreadFigures.made++;
  return object as T;
}

/** Whether any field of `object` is still unread (made by withUnreadFields and not filled). */
export function hasUnreadFields(object: object): boolean {
  return unread.has(object);
}

function accessorOf(key: string): PropertyDescriptor {
  let descriptor = accessors.get(key);
  if (!descriptor) {
    descriptor = {
      get(this: object) {
        return filled(this)[key];
      },
      set(this: object, value: unknown) {
        filled(this);
        (this as Record<string, unknown>)[key] = value;
      },
      enumerable: true,
      configurable: true,
    };
    accessors.set(key, descriptor);
  }
  return descriptor;
}

/** Fills `object`: each unread key becomes a plain property (in its place) holding the filled value. */
function filled(object: object): Record<string, unknown> {
  const state = unread.get(object);
  if (!state) throw new Error('an unread field read of an object already filled');
  unread.delete(object);
  const whole = state.fill();
  for (const key of state.keys) {
    if (!Object.hasOwn(whole, key)) throw new Error(`the filled object has no ${key}`);
    Object.defineProperty(object, key, { value: whole[key], writable: true, enumerable: true, configurable: true });
  }
  unreadFigures.filled++;
  return object as Record<string, unknown>;
}
