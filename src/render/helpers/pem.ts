/** One PEM certificate, `-----BEGIN CERTIFICATE-----` … `-----END CERTIFICATE-----`, without the newline after it (the output check, src/output/checkPlainFiles.ts, reads the same blocks). */
export const PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----\n(?:[A-Za-z0-9+/=]{1,76}\n)+-----END CERTIFICATE-----";
const PEM = new RegExp(`^(?:${PEM_CERTIFICATE}\n?)+$`);

/**
 * `{{pem value}}`: PEM certificates printed as they are (a root certificate file). Anything else
 * stops the render; the schema keeps such values out first.
 */
export function pem(value: unknown): string {
  if (typeof value !== "string" || !PEM.test(value)) throw new Error("pem: the value is not PEM certificates");
  return value.endsWith("\n") ? value.slice(0, -1) : value;
}
