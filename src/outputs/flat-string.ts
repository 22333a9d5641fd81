// A string built piece by piece (`+=`, template literals) is a tree in V8: a node for each join,
// each an object of its own. Kept past a collection of the young generation, every node is copied
// (twice, to the old generation); read whole (joined into a file, hashed), the tree is walked
// again each time. Flattened, it is one object of its characters: about a fifth of the memory for
// a Turtle statement of a few hundred characters, and its tree is garbage at once
// (docs/performance.md, section `dcat-cpu2`).

/** Matching needs the whole string in one piece: V8 flattens it in place, and its tree's nodes point to that. */
const anything = /^/;

/** `text` flattened (the same string, as a tree no longer): for a text built from pieces that is kept for a while or read many times. */
export function flat(text: string): string {
  anything.test(text);
  return text;
}
