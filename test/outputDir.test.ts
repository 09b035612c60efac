import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { mergeValues, render } from "../src/index.js";
import { readValuesFile } from "../src/cli/files.js";
import { writeOutputDir } from "../src/cli/outputDir.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "vm-template-out-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const fleet = (set: string[] = []) =>
  render({ values: mergeValues({ files: [readValuesFile(join(import.meta.dirname, "..", "examples", "fleet", "values.yaml"))], set }) }).files;

/** Every file under dir (hidden ones included) with its bytes. */
function snapshot(): Map<string, string> {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
  return new Map(entries.map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name), "utf8")]));
}

describe("writeOutputDir loses nothing", () => {
  // A crash at every point of the commit phase: after 0, 1, … renames.
  it.each([0, 1, 7, 20])("a crash after %i renames leaves every pre-existing file byte-identical and no temporary file", (renamesBeforeCrash) => {
    writeOutputDir(dir, fleet());
    writeFileSync(join(dir, "vms", "notes.txt"), "ours\n");
    const before = snapshot();
    // A new render that changes some files, adds others (a new VM) and drops none.
    const next = fleet(["global.tag=1.0.0", "vms.ratings-pool.addresses={10.128.0.10,10.128.0.11,10.128.0.12,10.128.0.13}"]);
    let renames = 0;
    const crashing = { rename: (from: string, to: string) => {
      if (renames++ === renamesBeforeCrash) throw Object.assign(new Error("simulated crash"), { code: "EIO" });
      renameSync(from, to);
    } };
    expect(() => writeOutputDir(dir, next, crashing)).toThrow(expect.objectContaining({ code: "OUTPUT" }));
    expect(snapshot()).toEqual(before);
  });

  it("after a crash, the next run writes everything", () => {
    writeOutputDir(dir, fleet());
    const next = fleet(["global.tag=1.0.0"]);
    expect(() => writeOutputDir(dir, next, { rename: () => { throw new Error("simulated crash"); } })).toThrow();
    writeOutputDir(dir, next);
    expect(snapshot()).toEqual(new Map(next.map((f) => [f.path, f.content])));
  });
});
