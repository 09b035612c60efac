/**
 * `{{token value}}`: a value printed bare into a file that has no quoting at all — an env file
 * read by `docker run --env-file` (which keeps quotes literally) and by Compose's `env_file`
 * (which strips them and expands `$`), or /etc/hosts. Only characters that every such reader
 * takes literally pass; anything else stops the render. The schema keeps such values out first.
 */
export function token(value: unknown): string {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== "string" || !/^[A-Za-z0-9_./:@+-]+$/.test(text)) {
    throw new Error(`token: ${JSON.stringify(value)} cannot be written without quoting (allowed: letters, digits and _ . / : @ + -)`);
  }
  return text;
}
