import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Every entry under dir, by its path below dir: a file's bytes, or what else it is (`<dir>`, `<other>`). */
export function treeSnapshot(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true }).map((e) => {
      const p = join(e.parentPath, e.name);
      return [p.slice(dir.length + 1), e.isFile() ? readFileSync(p, "latin1") : e.isDirectory() ? "<dir>" : "<other>"];
    }),
  );
}
