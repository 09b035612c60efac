import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach } from "vitest";
import { run } from "../src/cli/run.js";
import { BASE_SET } from "./fixtures.js";

export const root = join(import.meta.dirname, "..");
export const examples = join(root, "examples");
/** The seed's --set flags (seed 000's helm command). */
export const sets = BASE_SET.flatMap((s) => ["--set", s]);

/** A fresh working directory per test (the CLI's cwd), removed after it. */
export function tempCwd(): { readonly dir: string } {
  const state = { dir: "" };
  beforeEach(() => {
    state.dir = mkdtempSync(join(tmpdir(), "vm-template-cli-"));
  });
  afterEach(() => rmSync(state.dir, { recursive: true, force: true }));
  return state;
}

/** Runs the CLI in-process, as the bin does, in `cwd`. */
export async function cli(cwd: string, argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const status = await run(argv, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readStdin: async () => stdin,
    cwd,
    version: "9.9.9",
    packageDir: root,
  });
  return { status, stdout, stderr };
}
