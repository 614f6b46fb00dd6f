/**
 * The JSON *shape* of an answer: every path (`a.b`, `list[]`) with its value types, never the
 * values. Conformance runs compare shapes, so recordings from Amazon's sandbox carry no data.
 */
export type Shape = Record<string, string>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

export function shapeOf(value: unknown): Shape {
  const out: Record<string, Set<string>> = {};
  const walk = (v: unknown, path: string) => {
    const types = out[path] ?? new Set<string>();
    types.add(typeOf(v));
    out[path] = types;
    if (Array.isArray(v)) for (const item of v) walk(item, `${path}[]`);
    else if (v && typeof v === 'object') {
      for (const [key, child] of Object.entries(v)) walk(child, path ? `${path}.${key}` : key);
    }
  };
  walk(value, '');
  return Object.fromEntries(
    Object.entries(out)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([path, types]) => [path || '(root)', [...types].sort().join('|')]),
  );
}

export interface ShapeDiff {
  /** Paths only the first shape has. */
  onlyLeft: string[];
  /** Paths only the second shape has. */
  onlyRight: string[];
  /** Paths whose types differ other than by null (Amazon sends null for absent values). */
  typeDiffers: string[];
}

export function diffShapes(left: Shape, right: Shape): ShapeDiff {
  const nonNull = (t: string | undefined) => new Set((t ?? '').split('|').filter((x) => x && x !== 'null'));
  const onlyLeft = Object.keys(left).filter((p) => !(p in right));
  const onlyRight = Object.keys(right).filter((p) => !(p in left));
  const typeDiffers = Object.keys(left).filter((p) => {
    if (!(p in right)) return false;
    const a = nonNull(left[p]);
    const b = nonNull(right[p]);
    if (a.size === 0 || b.size === 0) return false;
    return ![...a].some((t) => b.has(t));
  });
  return { onlyLeft, onlyRight, typeDiffers };
}

export function sameShape(diff: ShapeDiff): boolean {
  return diff.onlyLeft.length + diff.onlyRight.length + diff.typeDiffers.length === 0;
}
