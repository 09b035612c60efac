/**
 * `(slug address)`: a value made fit for a name or a path segment (a DNS-1123 label part):
 * lowercase, every run of other characters one '-', none at either end. `10.0.0.7` -> `10-0-0-7`,
 * `fd00::7` -> `fd00-7`. Two values can share a slug; the chart's checks refuse that.
 */
export function slug(value: unknown): string {
  return String(value).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}
