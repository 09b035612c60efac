import { setKey } from "../../values/objects.js";

/** `(dict "k1" v1 "k2" v2)`: a map built in the template, for toYaml or merge. */
export function dict(...args: unknown[]): Record<string, unknown> {
  const pairs = args.slice(0, -1);
  if (pairs.length % 2 !== 0) throw new Error("dict: needs key/value pairs");
  const out: Record<string, unknown> = {};
  for (let i = 0; i < pairs.length; i += 2) {
    setKey(out, String(pairs[i]), pairs[i + 1]);
  }
  return out;
}
