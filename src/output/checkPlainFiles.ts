import { envFileSafe } from "../render/helpers/envLine.js";
import { PEM_CERTIFICATE } from "../render/helpers/pem.js";
// The chart's isIP: the values schema's ipv4/ipv6 formats, so an address is read by one definition
// from values to output (and node:net, which costs milliseconds to load, stays out of a render).
import { isIP } from "../chart/ipAddress.js";

/**
 * An env file that `docker run --env-file` and Compose's `env_file` read alike: `#` comment
 * lines, and `KEY=value` lines with a shell-style key, a literal value and no key twice.
 */
export function checkEnvFile(content: string): string | undefined {
  const seen = new Set<string>();
  for (const [i, line] of content.split("\n").slice(0, -1).entries()) {
    if (line.startsWith("#")) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) return `line ${i + 1} is not KEY=value`;
    if (!envFileSafe(m[2]!)) return `line ${i + 1}: the value of ${m[1]} would not be read literally`;
    if (seen.has(m[1]!)) return `line ${i + 1}: ${m[1]} is set twice`;
    seen.add(m[1]!);
  }
  return undefined;
}

/** /etc/hosts lines: `#` comments, or an IP address and one or more host names. */
export function checkHostsFile(content: string): string | undefined {
  for (const [i, line] of content.split("\n").slice(0, -1).entries()) {
    if (line.startsWith("#")) continue;
    const [ip, ...names] = line.split(" ");
    if (!isIP(ip!) || names.length === 0) return `line ${i + 1} is not "<ip> <host name>…"`;
    const bad = names.find((n) => !/^[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(n));
    if (bad !== undefined) return `line ${i + 1}: ${JSON.stringify(bad)} is not a host name`;
  }
  return undefined;
}

const PEM_FILE = new RegExp(`^(?:${PEM_CERTIFICATE}\n)+$`);

/** PEM certificate blocks, after `#` comment lines (Go's pem.Decode and OpenSSL skip text before a block). */
export function checkPemFile(content: string): string | undefined {
  const body = content.replace(/^(?:#[^\n]*\n)+/, "");
  return PEM_FILE.test(body) ? undefined : "not PEM certificates";
}
