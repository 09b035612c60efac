import type { RenderedFile } from "../render/renderChart.js";

/** All files as one YAML stream, as `helm template` prints them: `---`, `# Source: <chart>/<file>`, the file. */
export function formatStream(chartName: string, files: readonly RenderedFile[]): string {
  return files.map((f) => `---\n# Source: ${chartName}/${f.path}\n${f.content}`).join("");
}

/** Keeps only the named files (`--show-only`); a name that matches no rendered file is an error, as in Helm. */
export function selectFiles(files: readonly RenderedFile[], names: readonly string[]): { files: RenderedFile[]; missing: string[] } {
  if (names.length === 0) return { files: [...files], missing: [] };
  const wanted = new Set(names.map((n) => n.replace(/^(?:\.\/)?(?:[^/]+\/)?(?=[^/]+$)/, "")));
  const missing = [...wanted].filter((n) => !files.some((f) => f.path === n));
  return { files: files.filter((f) => wanted.has(f.path)), missing };
}
