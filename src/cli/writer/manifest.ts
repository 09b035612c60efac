/**
 * The manifest: the output directory's index of the files vm-template wrote into it and still
 * owns, each with the SHA-256 of the bytes it wrote. It is what lets a render prune a file (only
 * one it wrote, only while its bytes are still the ones it wrote) and refuse to replace one it
 * did not write. The format is `sha256sum`'s, so `sha256sum -c .vm-template-manifest` checks the
 * tree without vm-template; it holds no time or host, so teams commit it and `--check` in CI
 * reads it in a fresh clone.
 */
import { createHash } from "node:crypto";
import { VmTemplateError } from "../../errors.js";

export const MANIFEST_NAME = ".vm-template-manifest";
/** Far above any real manifest (a 100,000-VM fleet's is about 50 MB); past it the file is refused unread, not read into memory. */
export const MAX_MANIFEST_BYTES = 256 << 20;
const HEADING = "# vm-template manifest: the files vm-template wrote into this directory and their SHA-256 (sha256sum -c reads it). Do not edit.";
/** One manifest line: `<sha256>  <path>` (sha256sum's format). */
export const LINE = /^([0-9a-f]{64}) {2}(.+)$/;

/** path -> lowercase hex SHA-256 */
export type Manifest = Map<string, string>;

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function formatManifest(manifest: Manifest): string {
  const paths = [...manifest.keys()].sort(byCodeUnit);
  return `${HEADING}\n${paths.map((p) => `${manifest.get(p)}  ${p}\n`).join("")}`;
}

/** Reads a manifest's text; `shown` names it in errors (as the user wrote the directory). */
export function parseManifest(text: string, shown: string): Manifest {
  const manifest: Manifest = new Map();
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  for (const [i, line] of lines.entries()) {
    if (line.startsWith("#")) continue;
    const m = LINE.exec(line);
    const problem = !m ? "not a line vm-template writes (<sha256>  <path>)" : pathProblem(m[2]!) ?? (manifest.has(m[2]!) ? `${m[2]} is listed twice` : undefined);
    if (problem) {
      throw new VmTemplateError("OUTPUT", [{ path: "", message: `${shown} line ${i + 1}: ${problem}; restore it from git (or delete it: files with the generated header at rendered paths are then taken over, and nothing is pruned)` }]);
    }
    manifest.set(m![2]!, m![1]!);
  }
  return manifest;
}

/**
 * Why a relative path may not be written or listed, or undefined: it must stay inside the
 * directory, use `/`, and not be one of the writer's own names.
 */
export function pathProblem(path: string): string | undefined {
  const segments = path.split("/");
  if (path === "" || segments.some((s) => s === "" || s === "." || s === "..")) return `${JSON.stringify(path)} is not a relative path inside the directory`;
  if (/[\0\n\r\\]/.test(path)) return `${JSON.stringify(path)} holds a character a manifest line cannot`;
  if (segments.some((s) => s.startsWith(".vm-template-"))) return `${path} is a name the writer keeps for itself`;
  return undefined;
}

export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
