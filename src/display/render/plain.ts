// Short plain-text forms of rich outputs, for the frontends that show only `text/plain` (jupyter console, text
// exports): the text of an HTML fragment, the source of Markdown and LaTeX, an image's kind and size.
import type { MimeBundle } from '../../protocol/messages';

/** Pretty JSON; data JSON cannot hold falls back to String(), and is refused with a clear error where it is sent. */
function jsonText(data: unknown): string {
  try {
    return JSON.stringify(data, null, 2) ?? String(data);
  } catch {
    return String(data);
  }
}

/** Longest text/plain made from rich data; a big HTML table reads as its first rows in a terminal. */
const MAX_CHARS = 4000;

/** How much of an HTML output is read for its text: enough for MAX_CHARS of text, without reading megabytes. */
const HTML_SCAN_CHARS = 100_000;

function clip(text: string): string {
  return text.length <= MAX_CHARS ? text : `${text.slice(0, MAX_CHARS)}…`;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] !== '#') return NAMED[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Tags that start a new line of text; table cells are separated by spaces instead. */
const BLOCK = /<\/?(?:address|article|aside|blockquote|br|caption|dd|div|dl|dt|figcaption|figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|tfoot|thead|tr|ul)\b[^>]*>/gi;

/** The text an HTML fragment shows, a line per block; empty when it shows none (an image, a script). */
export function htmlText(html: string): string {
  const text = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<\/t[dh]\s*>/gi, ' ')
    .replace(BLOCK, '\n')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
}

function bytesOf(data: unknown, prefixChars?: number): Buffer {
  if (data instanceof Uint8Array) return Buffer.from(data);
  const text = String(data);
  return Buffer.from(prefixChars === undefined ? text : text.slice(0, prefixChars), 'base64');
}

/** A PNG's size from its IHDR chunk, which always comes first. */
function pngSize(data: unknown): [number, number] | null {
  const bytes = bytesOf(data, 44); // 33 bytes of header and IHDR, in whole base64 groups
  if (bytes.length < 24 || bytes.readUInt32BE(0) !== 0x89504e47) return null;
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** A JPEG's size from its frame header (an SOF segment: markers C0–CF but C4, C8 and CC). */
function jpegSize(data: unknown): [number, number] | null {
  const bytes = bytesOf(data);
  let at = 2;
  while (at + 9 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return [bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5)];
    }
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

/** The size an SVG declares on its root element: width and height, else its viewBox. */
function svgSize(svg: string): [string, string] | null {
  const root = /<svg\b[^>]*>/i.exec(String(svg))?.[0] ?? '';
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']([^"']*)["']`, 'i').exec(root)?.[1];
  const [width, height] = [attribute('width'), attribute('height')];
  if (width !== undefined && height !== undefined) return [width, height];
  const box = attribute('viewBox')?.trim().split(/[\s,]+/);
  return box?.length === 4 ? [box[2], box[3]] : null;
}

function imageText(kind: string, size: [number | string, number | string] | null): string {
  return size === null ? `<${kind} image>` : `<${kind} image ${size[0]}×${size[1]}>`;
}

/** From the richest form a plain one can be made of, first match wins. */
const PLAIN: [string, (data: unknown) => string][] = [
  ['text/markdown', (data) => String(data)],
  ['text/latex', (data) => String(data)],
  ['text/html', (data) => htmlText(String(data).slice(0, HTML_SCAN_CHARS).replace(/<[^>]*$/, '')) || '<HTML>'],
  ['image/svg+xml', (data) => imageText('SVG', svgSize(String(data)))],
  ['image/png', (data) => imageText('PNG', pngSize(data))],
  ['image/jpeg', (data) => imageText('JPEG', jpegSize(data))],
  ['application/json', (data) => jsonText(data)],
];

/**
 * The bundle with a `text/plain` form, as IPython's display objects always carry one: a console prints only that,
 * and without it prints nothing at all.
 */
export function withPlainText(bundle: MimeBundle): MimeBundle {
  if (typeof bundle['text/plain'] === 'string') return bundle;
  const found = PLAIN.find(([mime]) => bundle[mime] !== undefined);
  const other = Object.keys(bundle)[0];
  const text = found ? clip(found[1](bundle[found[0]])) : `<${other ?? 'empty'} output>`;
  return { ...bundle, 'text/plain': text };
}
