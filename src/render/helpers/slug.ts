import { canonicalHost } from "../../values/canonicalHost.js";

/**
 * `(slug address)`: a value made fit for a name or a path segment (a DNS-1123 label part): its
 * canonical spelling (RFC 5952 for IPv6, lowercase), every run of other characters one '-', none
 * at either end. `10.0.0.7` -> `10-0-0-7`; `fd00::7`, `fd00:0::7` and `FD00:0:0::7` -> `fd00-7`,
 * so one machine has one name however it is typed. Two values can share a slug, and `::` has an
 * empty one; the chart's checks refuse both.
 */
export function slug(value: unknown): string {
  return canonicalHost(String(value)).replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/**
 * `(eachPath "vms/pool-" addresses "/hosts")`: one path per item, the item slugged between the
 * prefix and the suffix, for a `{{#file}}` block that every item shares.
 */
export function eachPath(prefix: unknown, items: unknown, suffix: unknown): string[] {
  if (!Array.isArray(items)) throw new Error(`eachPath: the items must be a list (got ${typeof items})`);
  return items.map((item) => `${String(prefix)}${slug(item)}${String(suffix)}`);
}
