/**
 * What an env file line may hold so that `docker run --env-file` (which takes everything after
 * the first `=` verbatim) and Compose's `env_file` (python-dotenv in docker-compose 1.29,
 * compose-go in v2: quotes, ` #` comments, `$` interpolation, trimmed ends) read the same value:
 * one line (no line or paragraph separator either: Python splits lines there), no `$`, no `#`
 * (compose-go cut a value at any `#` from 8a0daf8 until 08a21df, v1.6.0; python-dotenv cuts at
 * `\s+#`, and its `\s` includes \x1c-\x1f), no control character but tab (python-dotenv's `=` and
 * rstrip() eat \x1c-\x1f), not starting with a space or quote, no space at the end.
 */
export function envFileSafe(value: string): boolean {
  return /^(?![\s'"`])(?![^\n]*\s$)[^\x00-\x08\x0a-\x1f\u0085\u2028\u2029$#]*$/.test(value);
}

/** `{{envLine name value}}`: one `NAME=value` line of an env file; a value the two readers would read apart stops the render. */
export function envLine(name: unknown, value: unknown): string {
  if (typeof name !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`envLine: ${JSON.stringify(name)} is not an environment variable name`);
  const text = typeof value === "number" ? String(value) : value;
  if (typeof text !== "string" || !envFileSafe(text)) throw new Error(`envLine: ${name}=${JSON.stringify(value)} would read differently through docker run --env-file and Compose's env_file`);
  return `${name}=${text}`;
}
