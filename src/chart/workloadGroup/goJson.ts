/**
 * Go's `json.Marshal` of a string and of a map[string]string (encoding/json), which istioctl uses
 * for ISTIO_METAJSON_LABELS and ISTIO_META_POD_PORTS (istioctl/pkg/workload/workload.go): map keys
 * sorted bytewise, `<`, `>` and `&` escaped as \u003c \u003e \u0026 (HTML-safe, json.Marshal's
 * default), U+2028 and U+2029 escaped, control characters as \b \f \n \r \t or \u00XX.
 * JSON.stringify differs on exactly those, so labels such as `a&b` would not match istioctl's bytes.
 */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === "\b") out += "\\b";
    else if (ch === "\f") out += "\\f";
    else if (cp < 0x20 || ch === "<" || ch === ">" || ch === "&" || cp === 0x2028 || cp === 0x2029) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    // A lone surrogate is not UTF-8; Go writes the replacement character for invalid bytes.
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\ufffd";
    else out += ch;
  }
  return `${out}"`;
}

/** A map[string]string as Go marshals it: keys in byte order (Go sorts map keys as strings). */
export function goJsonStringMap(m: Record<string, string>): string {
  const keys = Object.keys(m).sort(compareBytes);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJsonString(m[k]!)}`).join(",")}}`;
}

/** Go's string order: by UTF-8 bytes, which for JavaScript strings is code point order. */
export function compareBytes(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
