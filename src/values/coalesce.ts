import { cloneTree, hasOwn, isMap, setKey, type Values } from "./objects.js";

/**
 * Helm's coalescing of user values over chart defaults (chartutil.CoalesceValues): user values
 * win; maps present on both sides merge key by key; a user `null` deletes the key, default and
 * all. Nulls the user left where there is no default are dropped as well, so `null` always means
 * "not set". Neither input is changed.
 */
export function coalesce(defaults: Values, user: Values): Values {
  const out: Values = {};
  for (const key of Object.keys(defaults)) {
    if (!hasOwn(user, key)) setKey(out, key, cloneTree(defaults[key]));
  }
  for (const key of Object.keys(user)) {
    const u = user[key];
    if (u === null || u === undefined) continue;
    const d = hasOwn(defaults, key) ? defaults[key] : undefined;
    setKey(out, key, isMap(u) && isMap(d) ? coalesce(d, u) : dropNulls(u));
  }
  return out;
}

function dropNulls(v: unknown): unknown {
  if (isMap(v)) return coalesce({}, v);
  if (Array.isArray(v)) return v.map((x) => (isMap(x) ? coalesce({}, x) : x));
  return v;
}
