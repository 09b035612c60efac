// The floor for `-o`: a bare Node script writing the same bytes to the same paths.
//   node writeFiles.mjs MANIFEST.json DIR
// MANIFEST.json is [{ path, content }], as render() returns the files.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const [manifest, dir] = process.argv.slice(2);
const made = new Set();
for (const { path, content } of JSON.parse(readFileSync(manifest, "utf8"))) {
  const target = join(dir, path);
  const parent = dirname(target);
  if (!made.has(parent)) {
    mkdirSync(parent, { recursive: true });
    made.add(parent);
  }
  writeFileSync(target, content);
}
