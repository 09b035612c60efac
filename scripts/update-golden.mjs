// Regenerates examples/<name>/expected/ from examples/<name>/values.yaml with the built CLI.
// Run deliberately (`npm run golden`) and read the diff before committing: golden files are claims.
import { readdirSync, rmSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
for (const name of readdirSync(join(root, "examples")).sort()) {
  const values = join(root, "examples", name, "values.yaml");
  if (!existsSync(values)) continue;
  const expected = join(root, "examples", name, "expected");
  rmSync(expected, { recursive: true, force: true });
  execFileSync(process.execPath, [join(root, "bin", "vm-template.js"), "-f", values, "-o", expected], { stdio: ["ignore", "pipe", "inherit"] });
  // The golden files are what a render makes; the writer's record of what it wrote is not one.
  rmSync(join(expected, ".vm-template-manifest"), { force: true });
  const count = readdirSync(expected, { recursive: true }).filter((f) => f.includes(".") || f.endsWith("hosts")).length;
  console.log(`examples/${name}/expected: ${count} files`);
}
