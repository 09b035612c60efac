/** `(concat a b …)`: the arguments as one string, e.g. `(concat "127.0.0.1:" applicationPort)`. */
export function concat(...args: unknown[]): string {
  return args.slice(0, -1).map(String).join("");
}
