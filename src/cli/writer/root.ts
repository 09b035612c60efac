/**
 * The output directory as a real path. Symbolic links in the path the user gave are followed, as
 * git follows a symlinked work tree (`-o link/new`; on macOS /tmp is one); inside the directory
 * the writer never follows or replaces a link (plan.ts).
 */
import { lstatSync, realpathSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { VmTemplateError } from "../../errors.js";
import { reason } from "../fsErrors.js";

export function resolveRoot(dir: string, shown: string): { root: string; exists: boolean } {
  const fail = (message: string): never => {
    throw new VmTemplateError("OUTPUT", [{ path: "", message: `${shown}: ${message}` }]);
  };
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") return fail(`cannot be used as the output directory: ${reason(e)}`);
    if (lstatSync(dir, { throwIfNoEntry: false })) return fail("is a symbolic link to nothing; point it at a directory or remove it");
    if (dirname(dir) === dir) return fail("no such directory");
    const parent = resolveRoot(dirname(dir), shown);
    return { root: join(parent.root, basename(dir)), exists: false };
  }
  if (!statSync(real).isDirectory()) return fail("is not a directory");
  return { root: real, exists: true };
}
