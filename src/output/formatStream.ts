import type { RenderedFile } from "../render/renderChart.js";
import { fileKind } from "./fileKinds.js";
import { requireFiles, requireString, requireStringList } from "../arguments.js";

/**
 * All files as one YAML stream, as `helm template` prints them: `---`, `# Source: <chart>/<file>`,
 * the file. A file that is not YAML (an env file, a hosts snippet) is shown as comment lines, so
 * the stream stays one that `kubectl apply -f -` reads.
 */
export function formatStream(chartName: string, files: readonly RenderedFile[]): string {
  requireString(chartName, "chartName");
  requireFiles(files, "files");
  return files
    .map((f) => {
      const body = fileKind(f.path) === "yaml" ? f.content : f.content.replace(/^(?!#)/gm, "# ").replace(/# $/, "");
      return `---\n# Source: ${chartName}/${f.path}\n${body}`;
    })
    .join("");
}

/**
 * Keeps only the named files (`--show-only`), by their path, or as Helm names them, with a
 * `templates/` prefix. Names that match no rendered file come back as `missing`.
 */
export function selectFiles(files: readonly RenderedFile[], names: readonly string[]): { files: RenderedFile[]; missing: string[] } {
  requireFiles(files, "files");
  requireStringList(names, "names");
  if (names.length === 0) return { files: [...files], missing: [] };
  const paths = new Set(files.map((f) => f.path));
  const wanted = new Set(names.map((n) => n.replace(/^\.\//, "")).map((n) => (!paths.has(n) && n.startsWith("templates/") ? n.slice("templates/".length) : n)));
  return { files: files.filter((f) => wanted.has(f.path)), missing: [...wanted].filter((n) => !paths.has(n)) };
}
