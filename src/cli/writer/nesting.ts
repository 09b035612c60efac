/**
 * Renders nest (a VM in n/, a fleet in n/fleet/), but never into each other's files. A directory
 * holding its own manifest is another render's (plan.ts); so is a directory where a render into
 * a parent directory wrote files, manifest or not. Without this, a VM rendered into
 * m/vms/<vm>/ of a fleet in m/ took the fleet's files there for an older version's (they carry
 * the generated header) and overwrote them, and its own manifest then locked m/ out.
 */
import { lstatSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { LINE, MANIFEST_NAME, MAX_MANIFEST_BYTES } from "./manifest.js";

/** The nearest parent of `root` whose manifest lists a file under `root`, with that file; or undefined. */
export function parentRenderOwning(root: string): { dir: string; listed: string } | undefined {
  let rel = basename(root);
  for (let dir = dirname(root); ; rel = `${basename(dir)}/${rel}`, dir = dirname(dir)) {
    const listed = listedUnder(join(dir, MANIFEST_NAME), `${rel}/`);
    if (listed) return { dir, listed };
    if (dirname(dir) === dir) return undefined;
  }
}

/** The first path the manifest at `path` lists that starts with `prefix`. A manifest that cannot be read names nothing: its own render reports it. */
function listedUnder(path: string, prefix: string): string | undefined {
  try {
    const stat = lstatSync(path, { throwIfNoEntry: false });
    if (!stat?.isFile() || stat.size > MAX_MANIFEST_BYTES) return undefined;
    for (const line of readFileSync(path, "utf8").split("\n")) {
      const listed = LINE.exec(line)?.[2];
      if (listed?.startsWith(prefix)) return listed;
    }
  } catch {
    // Unreadable (a permission, a race with its own render): it names nothing here.
  }
  return undefined;
}
