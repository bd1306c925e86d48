/**
 * A small element tree for the part of a camt file that is read as a whole: one statement's header or
 * one entry. Names are local names, so every namespace version (camt.053.001.02 to .08, camt.054) reads alike.
 */
export interface XmlElement {
  readonly name: string;
  /** The line where the start tag ends, for rejected items. */
  readonly line: number;
  /** 1-based among the parent's children of the same name, for element paths like "Ntry[5]". */
  readonly index: number;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  text: string;
}

/** A new element, appended to `parent` when given; `index` defaults to its position among same-named siblings. */
export function newElement(name: string, line: number, attributes: Readonly<Record<string, string>>, parent?: XmlElement, index?: number): XmlElement {
  const position = index ?? (parent === undefined ? 1 : parent.children.filter((sibling) => sibling.name === name).length + 1);
  const element: XmlElement = { name, line, index: position, attributes, children: [], text: '' };
  parent?.children.push(element);
  return element;
}

/** The first element at `path` below `element` (each step a child name), if any. */
export function child(element: XmlElement | undefined, ...path: string[]): XmlElement | undefined {
  let current = element;
  for (const name of path) {
    current = current?.children.find((candidate) => candidate.name === name);
    if (current === undefined) return undefined;
  }
  return current;
}

/** Every element at `path` below `element`, in document order. */
export function descendants(element: XmlElement | undefined, ...path: string[]): XmlElement[] {
  if (element === undefined) return [];
  if (path.length === 0) return [element];
  const [name, ...rest] = path;
  return element.children.filter((candidate) => candidate.name === name).flatMap((candidate) => descendants(candidate, ...rest));
}

/** The trimmed text at `path`, or undefined when the element is absent or empty. */
export function textAt(element: XmlElement | undefined, ...path: string[]): string | undefined {
  const text = child(element, ...path)?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** Compact XML for a rejected item's `raw`, cut at `max` characters (the line and location find the rest). */
export function serialized(element: XmlElement, max: number): string {
  const out: string[] = [];
  let length = 0;
  const push = (part: string): boolean => {
    out.push(part);
    length += part.length;
    return length < max;
  };
  const walk = (node: XmlElement): boolean => {
    const attributes = Object.entries(node.attributes).map(([name, value]) => ` ${name}="${escaped(value)}"`).join('');
    if (!push(`<${node.name}${attributes}>`)) return false;
    const text = node.text.trim();
    if (node.children.length === 0 && text !== '' && !push(escaped(text))) return false;
    for (const part of node.children) if (!walk(part)) return false;
    return push(`</${node.name}>`);
  };
  walk(element);
  return out.join('').slice(0, max);
}

function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
