/**
 * Small helpers for the plain JSON-like trees that values are. Every write of a user-chosen key
 * goes through `setKey`, so a key named `__proto__` becomes an own property and can never
 * reach Object.prototype, whatever source it came from.
 */
export type Values = Record<string, unknown>;

export function isMap(v: unknown): v is Values {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function setKey(obj: Values, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

export function getOwn(obj: Values, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function hasOwn(obj: Values, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Deep copy of a JSON-like tree (maps, lists, scalars); shares nothing with the input. */
export function cloneTree<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneTree) as T;
  if (isMap(v)) {
    const out: Values = {};
    for (const k of Object.keys(v)) setKey(out, k, cloneTree(v[k]));
    return out as T;
  }
  return v;
}

/**
 * Helm's MergeMaps (pkg/chart/loader, used for -f files and a whole-object --set-json): maps on
 * both sides merge key by key, anything else from `b` replaces (lists are not concatenated, null
 * replaces). Returns a new tree sharing nothing with its inputs. Keys are written as own data
 * properties, so `__proto__` stays a key the schema then refuses, as in Helm, instead of vanishing.
 */
export function mergeMaps(a: Values, b: Values): Values {
  const out = cloneTree(a);
  mergeInto(out, b);
  return out;
}

/** `b` merged into `out`, which the caller owns (so nothing is copied twice). */
function mergeInto(out: Values, b: Values): void {
  for (const key of Object.keys(b)) {
    const mine = getOwn(out, key);
    if (isMap(mine) && isMap(b[key])) mergeInto(mine, b[key] as Values);
    else setKey(out, key, cloneTree(b[key]));
  }
}

/** `a.b[0].c` from path segments; keys that would be ambiguous are bracket-quoted. */
export function joinPath(segments: readonly (string | number)[]): string {
  let out = "";
  for (const s of segments) {
    if (typeof s === "number") out += `[${s}]`;
    else if (/^[A-Za-z0-9_-]+$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Deep copy with every map's keys in sorted order (lists keep theirs). */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (isMap(v)) {
    const out: Values = {};
    for (const k of Object.keys(v).sort()) setKey(out, k, sortKeys(v[k]));
    return out;
  }
  return v;
}

/** True when containers nest deeper than `max` levels; iterative, so no input can overflow the stack. */
export function nestedDeeperThan(v: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, depth] = stack.pop()!;
    if (typeof x !== "object" || x === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(x)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * How many values a tree holds when its shared parts (YAML aliases) are counted each time they
 * appear, and how many it holds counted once each. Counting stops past `limit`. The tree's depth
 * must already be bounded (the YAML reader bounds it).
 */
export function treeSizes(root: unknown, limit: number): { expanded: number; distinct: number } {
  const memo = new Map<object, number>();
  let distinct = 0;
  const size = (x: unknown): number => {
    if (typeof x !== "object" || x === null) return 1;
    const known = memo.get(x);
    if (known !== undefined) return known;
    distinct++;
    let n = 1;
    for (const child of Object.values(x)) {
      if (typeof child !== "object" || child === null) distinct++;
      n += size(child);
      if (n > limit) break;
    }
    memo.set(x, n);
    return n;
  };
  return { expanded: size(root), distinct };
}
