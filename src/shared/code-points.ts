// Jupyter counts cursor positions in Unicode code points, JavaScript strings in UTF-16 units: the conversions, and
// the identifier before a cursor, for the runtime's completions and TypeScript's alike.

const ID_PART = /[\p{ID_Continue}$\u200c\u200d]/u;

/** The UTF-16 index of the `codePoints`-th code point of `text`. */
export function codePointsToIndex(text: string, codePoints: number): number {
  let index = 0;
  for (let n = 0; n < codePoints && index < text.length; n++) index += text.codePointAt(index)! > 0xffff ? 2 : 1;
  return index;
}

/** How many code points come before UTF-16 index `index`. */
export function indexToCodePoints(text: string, index: number): number {
  return Array.from(text.slice(0, index)).length;
}

/** The start of the identifier that ends at `end` (astral characters included). */
export function identifierStart(text: string, end: number): number {
  let i = end;
  while (i > 0) {
    const low = text.charCodeAt(i - 1);
    const width = low >= 0xdc00 && low <= 0xdfff && i >= 2 ? 2 : 1;
    if (!ID_PART.test(text.slice(i - width, i))) break;
    i -= width;
  }
  return i;
}

/** The end of the identifier that starts at `start`. */
export function identifierEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const ch = String.fromCodePoint(text.codePointAt(i)!);
    if (!ID_PART.test(ch)) break;
    i += ch.length;
  }
  return i;
}
