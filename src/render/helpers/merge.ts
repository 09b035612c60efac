import { setKey } from "../../values/objects.js";

/** `(merge a b)`: the keys of both maps; where both have a key, `a` wins (sprig's `merge`). */
export function merge(a: unknown, b: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const source of [b, a]) {
    if (typeof source !== "object" || source === null) continue;
    for (const [k, v] of Object.entries(source)) {
      setKey(out, k, v);
    }
  }
  return out;
}
