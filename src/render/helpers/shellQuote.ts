import { shellQuote as quote } from "../../chart/workloadGroup/shellEscape.js";

/**
 * `{{shellQuote value}}`: a value for a file the shell sources (cluster.env), quoted as istioctl
 * quotes it (pkg/util/shellescape). Single quotes keep everything literal, newlines included.
 */
export function shellQuote(value: unknown): string {
  if (typeof value !== "string") throw new Error(`shellQuote: ${JSON.stringify(value)} is not a string`);
  if (value.includes("\0")) throw new Error("shellQuote: a shell variable cannot hold a NUL character");
  return quote(value);
}
