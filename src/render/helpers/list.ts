/** `(list a b …)`: a list built in the template (sprig's `list`), e.g. `(list serviceDefinition.hostname)`. */
export function list(...args: unknown[]): unknown[] {
  return args.slice(0, -1);
}
