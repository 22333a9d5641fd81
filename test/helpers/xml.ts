// Reads an XML file back with a conforming parser (saxes: well-formedness, character rules and
// namespaces per XML 1.0 and Namespaces in XML), into a small tree to check elements against.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Local name. */
  name: string;
  /** Namespace URI ('' for none). */
  namespace: string;
  /** By qualified name. */
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The text directly inside the element. */
  text: string;
}

/** The document element; throws on anything a conforming parser refuses. */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('opentag', (tag) => {
    const attributes = Object.fromEntries(Object.entries(tag.attributes).map(([name, attribute]) => [name, attribute.value]));
    const element: XmlElement = { name: tag.local, namespace: tag.uri, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(text).close();
  if (!root) throw new Error('no document element');
  return root;
}

/** The children of `element` named `name`. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((child) => child.name === name);
}

/** The text of the one child named `name`, or undefined. */
export function childText(element: XmlElement, name: string): string | undefined {
  return childrenNamed(element, name)[0]?.text;
}
