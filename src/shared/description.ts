// A description as inspect_request and help() show it: labelled lines ("Signature", "Docstring", ...) and the
// source, as plain text and as Markdown, for the runtime's descriptions and TypeScript's alike.

/** One labelled line of a description ("Signature", "Type", ...). */
export type Field = [label: string, text: string];

/** The labelled lines of a description, then the source at detail level 1. */
export interface Description {
  fields: Field[];
  source?: string;
}

/** What inspect_request and help() answer: the same description as plain text and as Markdown. */
export interface DescribedValue {
  'text/plain': string;
  'text/markdown': string;
}

function field(label: string, text: string): string {
  return `${`${label}:`.padEnd(12)} ${text}`;
}

/** A description as plain text and as Markdown (inspect_request, help() and TypeScript's descriptions). */
export function renderDescription(description: Description): DescribedValue {
  return { 'text/plain': plainText(description), 'text/markdown': markdown(description) };
}

function plainText({ fields, source }: Description): string {
  const lines = fields.map(([label, text]) => field(label, text));
  if (source !== undefined) lines.push('Source:', source);
  return lines.join('\n');
}

/** Labels in bold, code in backticks or blocks, the doc comment as written (it is Markdown already). */
function markdown({ fields, source }: Description): string {
  const blocks = fields.map(([label, text]) => {
    // The comment's line breaks are meant: Markdown would join its lines.
    if (label === 'Docstring') return text.replace(/^@example\s+(.*)$/gm, '**Example:** `$1`').replace(/\n(?!\n)/g, '  \n');
    return text.includes('\n') ? `**${label}:**\n\n\`\`\`\n${text}\n\`\`\`` : `**${label}:** \`${text}\``;
  });
  if (source !== undefined) blocks.push(`**Source:**\n\n\`\`\`js\n${source}\n\`\`\``);
  return blocks.join('\n\n');
}

/** A rendered description with more fields, which go after its own and before its source. */
export function withFields(described: DescribedValue, fields: Field[]): DescribedValue {
  const more = renderDescription({ fields });
  const insert = (text: string, sourceMark: string, joint: string, added: string): string => {
    const at = text.indexOf(sourceMark);
    return at < 0 ? `${text}${joint}${added}` : `${text.slice(0, at)}${joint}${added}${text.slice(at)}`;
  };
  return {
    'text/plain': insert(described['text/plain'], '\nSource:\n', '\n', more['text/plain']),
    'text/markdown': insert(described['text/markdown'], '\n\n**Source:**\n\n', '\n\n', more['text/markdown']),
  };
}
