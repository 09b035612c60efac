/** `(default value fallback)`: the value unless it is unset, null or an empty string (Helm's `default`). */
export function fallback(value: unknown, alternative: unknown): unknown {
  return value === undefined || value === null || value === "" ? alternative : value;
}
