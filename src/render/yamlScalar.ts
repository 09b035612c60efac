import { DUMP_SCHEMA, YAML11_SCHEMA, type Schema } from "js-yaml";

/**
 * A scalar as YAML text that every reader (YAML 1.2 core, and YAML 1.1 as kubectl and
 * docker-compose read it) parses back to exactly the same value. Strings stay plain only when
 * they are made of characters that cannot start or end a YAML construct and no schema would
 * read them as anything but that string; otherwise they are double-quoted with every
 * non-printable or line-breaking character escaped. Nothing can break out of the line.
 */
export function yamlScalar(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (Number.isNaN(value)) return ".nan";
    if (!Number.isFinite(value)) return value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (typeof value === "string") return isPlainSafe(value) ? value : doubleQuoted(value);
  throw new TypeError(`not a scalar: ${Array.isArray(value) ? "a list" : typeof value}`);
}

// `*` and `@` may follow but not lead (an alias, a reserved indicator); `:` may not end.
const PLAIN_CHARS = /^[A-Za-z0-9_./][A-Za-z0-9_./@+:*-]*$/;

function isPlainSafe(s: string): boolean {
  if (!PLAIN_CHARS.test(s) || s.endsWith(":") || s.startsWith("...")) return false;
  return readsBackAs(s, DUMP_SCHEMA) && readsBackAs(s, YAML11_SCHEMA);
}

/**
 * What a reader with this schema makes of `s` as a plain scalar: js-yaml's own implicit
 * resolution (what load() runs on a plain scalar), without parsing a document per value.
 * PLAIN_CHARS has already ruled out anything that would not parse as one plain scalar.
 */
function readsBackAs(s: string, schema: Schema): boolean {
  return schema.resolveImplicitScalarTag(s).tag === schema.defaultScalarTag;
}

const NAMED_ESCAPES: Record<string, string> = {
  "\0": "\\0", "\x07": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f",
  "\r": "\\r", "\x1b": "\\e", '"': '\\"', "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_",
  "\u2028": "\\L", "\u2029": "\\P",
};

function doubleQuoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const named = NAMED_ESCAPES[ch];
    if (named) out += named;
    else if (isPrintable(ch.codePointAt(0)!)) out += ch;
    else {
      const cp = ch.codePointAt(0)!;
      out += cp <= 0xff ? `\\x${hex(cp, 2)}` : cp <= 0xffff ? `\\u${hex(cp, 4)}` : `\\U${hex(cp, 8)}`;
    }
  }
  return `${out}"`;
}

/** YAML 1.2's printable set, less the BOM (which may not appear inside a document). */
function isPrintable(cp: number): boolean {
  return (
    (cp >= 0x20 && cp <= 0x7e) ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, "0");
}
