/**
 * `(slug address)`: a value made fit for a name or a path segment (a DNS-1123 label part):
 * lowercase, every run of other characters one '-', none at either end. `10.0.0.7` -> `10-0-0-7`,
 * `fd00::7` -> `fd00-7`. Two values can share a slug; the chart's checks refuse that.
 */
export function slug(value: unknown): string {
  return String(value).toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * `(eachPath "vms/pool-" addresses "/hosts")`: one path per item, the item slugged between the
 * prefix and the suffix, for a `{{#file}}` block that every item shares.
 */
export function eachPath(prefix: unknown, items: unknown, suffix: unknown): string[] {
  if (!Array.isArray(items)) throw new Error(`eachPath: the items must be a list (got ${typeof items})`);
  return items.map((item) => `${String(prefix)}${slug(item)}${String(suffix)}`);
}
