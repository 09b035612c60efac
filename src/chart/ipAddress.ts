import { fullFormats } from "ajv-formats/dist/formats.js";

/**
 * An IPv4 or IPv6 address by the values schema's own ipv4/ipv6 formats (ajv-formats), so a value
 * the schema let through as an address is treated as one by every mode's templates.
 */
export function isIP(s: string): boolean {
  return (fullFormats.ipv4 as RegExp).test(s) || (fullFormats.ipv6 as RegExp).test(s);
}
