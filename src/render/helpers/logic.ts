/** `(eq a b)`: true when the two values are the same (strict comparison). */
export function eq(a: unknown, b: unknown): boolean {
  return a === b;
}

/** `(or a b …)`: the first truthy argument, else the last one (sprig's `or`). */
export function or(...args: unknown[]): unknown {
  const values = args.slice(0, -1);
  return values.find(Boolean) ?? values[values.length - 1];
}

/** `(includes list value)`: true when the list holds the value. */
export function includes(list: unknown, value: unknown): boolean {
  return Array.isArray(list) && list.includes(value);
}

/** `(ne a b)`: true when the two values differ (strict comparison). */
export function ne(a: unknown, b: unknown): boolean {
  return a !== b;
}

/** `(and a b …)`: true when every argument is truthy. */
export function and(...args: unknown[]): boolean {
  return args.slice(0, -1).every(Boolean);
}
