/**
 * Finds the fenced code blocks of a Markdown file and the `readme-test` marker each one carries.
 *
 * A marker is an HTML comment on one of the lines right above the fence (blank lines may sit in
 * between): `<!-- readme-test: prelude=client,completed-checkout -->`. Its settings are `key=value`
 * or a bare `key`. Fences may be indented (a block inside a list item); the indentation is removed
 * from the code.
 */
export interface FencedBlock {
  /** 1-based line of the first code line in the Markdown file. */
  readonly line: number;
  /** The fence's language (`ts`, `sh`, `json`…), '' when it names none. */
  readonly language: string;
  readonly code: string;
  /** The marker's settings: `prelude=a,b` → `prelude: 'a,b'`, a bare `background` → `background: ''`. */
  readonly settings: Readonly<Record<string, string>>;
  /** 1-based line of the marker, when there is one. */
  readonly markerLine: number | undefined;
}

/** A ```ts block, with the preludes its marker names. */
export interface ReadmeBlock {
  /** 1-based line of the first code line in the Markdown file. */
  readonly line: number;
  readonly code: string;
  /** Prelude names, in order, from `prelude=a,b`. */
  readonly preludes: readonly string[];
}

const FENCE_OPEN = /^(\s*)```(\S*)\s*$/;
const MARKER = /^\s*<!--\s*readme-test:(.*?)-->\s*$/;

/** Every fenced block, in order. A fence inside another (a ```ts inside a ```md example) is code. */
export function fencedBlocks(markdown: string): FencedBlock[] {
  const lines = markdown.split('\n');
  const blocks: FencedBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = FENCE_OPEN.exec(lines[index] ?? '');
    if (!open) continue;
    const indent = open[1] ?? '';
    const end = closingFence(lines, index, indent);
    const code = lines
      .slice(index + 1, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join('\n');
    const marker = markerAbove(lines, index);
    blocks.push({
      line: index + 2,
      language: open[2] ?? '',
      code: `${code}\n`,
      settings: marker?.settings ?? {},
      markerLine: marker?.line,
    });
    index = end;
  }
  return blocks;
}

/** The ```ts blocks; their markers may only name preludes. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  return fencedBlocks(markdown)
    .filter((block) => block.language === 'ts' || block.language === 'typescript')
    .map((block) => {
      for (const key of Object.keys(block.settings)) {
        if (key !== 'prelude' || !block.settings[key]) {
          throw new Error(
            `line ${block.markerLine}: unknown readme-test setting '${key}' for a ts block (only prelude=<names>)`,
          );
        }
      }
      return { line: block.line, code: block.code, preludes: listSetting(block.settings.prelude) };
    });
}

/** `a,b` → `['a', 'b']`; absent → `[]`. */
export function listSetting(value: string | undefined): string[] {
  return (value ?? '').split(',').filter(Boolean);
}

function closingFence(lines: readonly string[], open: number, indent: string): number {
  for (let index = open + 1; index < lines.length; index++) {
    if ((lines[index] ?? '').trimEnd() === `${indent}\`\`\``) return index;
  }
  throw new Error(`unclosed code fence opened on line ${open + 1}`);
}

function markerAbove(
  lines: readonly string[],
  fence: number,
): { line: number; settings: Record<string, string> } | undefined {
  let index = fence - 1;
  while (index >= 0 && (lines[index] ?? '').trim() === '') index--;
  const marker = MARKER.exec(lines[index] ?? '');
  if (!marker) return undefined;
  const settings: Record<string, string> = {};
  for (const setting of (marker[1] ?? '').trim().split(/\s+/).filter(Boolean)) {
    const at = setting.indexOf('=');
    settings[at < 0 ? setting : setting.slice(0, at)] = at < 0 ? '' : setting.slice(at + 1);
  }
  return { line: index + 1, settings };
}
