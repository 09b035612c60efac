/**
 * A file the shell sources that can only set variables: `#` comment lines and `NAME=value`
 * assignments whose value is bare characters the shell takes literally or single-quoted text
 * (pkg/util/shellescape's two forms, `'"'"'` joining quoted runs around a quote). Nothing the
 * shell would expand, run or continue onto the next line; no name twice.
 */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=((?:[\w@%+=:,./-]|'[^']*'|"'")*)\n/;

export function checkShellEnvFile(content: string): string | undefined {
  const seen = new Set<string>();
  let rest = content;
  let line = 1;
  while (rest.length > 0) {
    if (rest.startsWith("#")) {
      const end = rest.indexOf("\n");
      rest = rest.slice(end + 1);
      line++;
      continue;
    }
    const m = ASSIGNMENT.exec(rest);
    if (!m) return `line ${line} is not NAME=value with the value bare or single-quoted`;
    if (seen.has(m[1]!)) return `line ${line}: ${m[1]} is set twice`;
    seen.add(m[1]!);
    rest = rest.slice(m[0].length);
    line += m[0].split("\n").length - 1;
  }
  return undefined;
}
