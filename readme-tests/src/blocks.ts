/**
 * Finds the ```ts blocks of a Markdown file and the `readme-test` marker each one carries.
 *
 * A marker is an HTML comment on one of the lines right above the fence (blank lines may sit in
 * between): `<!-- readme-test: prelude=client,completed-checkout -->`. Fences may be indented (a
 * block inside a list item); the indentation is removed from the code.
 */
export interface ReadmeBlock {
  /** 1-based line of the first code line in the Markdown file. */
  readonly line: number;
  readonly code: string;
  /** Prelude names, in order, from `prelude=a,b`. */
  readonly preludes: readonly string[];
}

const FENCE_OPEN = /^(\s*)```(ts|typescript)\s*$/;
const MARKER = /^\s*<!--\s*readme-test:(.*?)-->\s*$/;

export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split('\n');
  const blocks: ReadmeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE_OPEN.exec(lines[index] ?? '');
    if (!open) {
      // Skip other fenced blocks whole, so a ```ts inside a ```md example is not taken for code.
      const other = /^(\s*)```\S*/.exec(lines[index] ?? '');
      if (other) index = closingFence(lines, index, other[1] ?? '');
      continue;
    }
    const indent = open[1] ?? '';
    const end = closingFence(lines, index, indent);
    const code = lines
      .slice(index + 1, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join('\n');
    blocks.push({ line: index + 2, code: `${code}\n`, preludes: markerAbove(lines, index) });
    index = end;
  }
  return blocks;
}

function closingFence(lines: readonly string[], open: number, indent: string): number {
  for (let index = open + 1; index < lines.length; index++) {
    if ((lines[index] ?? '').trimEnd() === `${indent}\`\`\``) return index;
  }
  throw new Error(`unclosed code fence opened on line ${open + 1}`);
}

function markerAbove(lines: readonly string[], fence: number): string[] {
  let index = fence - 1;
  while (index >= 0 && (lines[index] ?? '').trim() === '') index--;
  const marker = MARKER.exec(lines[index] ?? '');
  if (!marker) return [];
  const preludes: string[] = [];
  for (const setting of (marker[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    const [key, value] = setting.split('=');
    if (key !== 'prelude' || !value) {
      throw new Error(`line ${index + 1}: unknown readme-test setting '${setting}' (only prelude=<names>)`);
    }
    preludes.push(...value.split(',').filter(Boolean));
  }
  return preludes;
}
