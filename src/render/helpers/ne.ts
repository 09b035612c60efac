/** `(ne a b)`: true when the two values differ (strict comparison). */
export function ne(a: unknown, b: unknown): boolean {
  return a !== b;
}
