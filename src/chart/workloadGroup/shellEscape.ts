/**
 * Port of `Quote` in pkg/util/shellescape/quote.go (istio/istio 86c9f01fd73), which istioctl's
 * `mapToString` uses for every value of cluster.env; the VM's istio-start.sh then sources the
 * file with `.` (tools/packaging/common/istio-start.sh).
 *
 * The class is upstream's as written, the raw string `[^\\w@%+=:,./-]`: inside brackets `\\` is a
 * backslash and `w` is the letter w (not a word character), so only values made of `\`, `w` and
 * `@%+=:,./-` stay bare, and nearly every value (anything with a digit or another letter) is
 * single-quoted, as upstream's goldens show (`ISTIO_SVC_IP='10.10.10.10'`).
 *
 * One deviation: upstream leaves a value such as `w\` bare, which the shell then reads as an escape
 * (or a line continuation). A value with a backslash is always quoted here, so it reads back as
 * itself; no value upstream quotes is written differently.
 */
const UNSAFE = /[^\\w@%+=:,./-]/;

export function shellQuote(s: string): string {
  if (s.length === 0) return "''";
  if (UNSAFE.test(s) || s.includes("\\")) return `'${s.replaceAll("'", `'"'"'`)}'`;
  return s;
}

/**
 * Why a value cannot be a line of cluster.env that reads back as itself, or undefined: a shell
 * variable cannot hold NUL, and a generated file has LF endings and no trailing blanks (see
 * renderChart), so a carriage return, or a space or tab before a line break, would not survive.
 */
export function shellValueProblem(s: string): string | undefined {
  if (s.includes("\0")) return "a NUL character cannot be in an environment variable";
  if (s.includes("\r")) return "a carriage return cannot be written to cluster.env (its lines end with LF)";
  if (/[ \t]\n/.test(s)) return "a space or tab before a line break cannot be written to cluster.env (trailing blanks are trimmed)";
  return undefined;
}
