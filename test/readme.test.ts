// The README's examples, run (issue 13, seen 7). Its first lines are the two commands a newcomer
// to the repository needs; its `sh` blocks of vm-template commands run, in order, in one empty
// project (npx vm-template is this repository's command; `npm install` is test/package.test.ts's
// part); every complete values file in a `yaml` block renders.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { load } from "js-yaml";
import { mergeValues, render, type Values } from "../src/index.js";

const root = join(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const bin = join(root, "bin", "vm-template.js");

/** The commands of a shell block, continuation lines joined. */
const commands = (block: string) => block.replace(/\\\n\s*/g, "").split("\n").map((l) => l.trim()).filter(Boolean);
const blocks = (lang: string) => [...readme.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!);

function sh(cwd: string, command: string) {
  const r = spawnSync("bash", ["-c", command.replace(/\bnpx vm-template\b/g, `node ${JSON.stringify(bin)}`)], { cwd, encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the README", () => {
  it("starts with the two commands a newcomer to the repository needs, which work", () => {
    const first = /^ {4}(.+)\n {4}(.+)\n/m.exec(readme)!;
    expect(readme.indexOf(first[0])).toBeLessThan(200);
    expect(first[1]).toBe("npm install && npx vm-template -f examples/ratings-vm/values.yaml");
    expect(first[2]).toBe("npm test");
    const r = sh(root, first[1]!.replace(/^npm install && /, ""));
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("# Source: vm-template/workloadentry.yaml\n");
  });

  it("starts its user guide with npx vm-template init", () => {
    const guide = readme.slice(readme.indexOf("## Get started"));
    expect(commands(blocks("sh")[0]!).find((c) => c.startsWith("npx"))).toMatch(/^npx vm-template init /);
    expect(readme.indexOf("## Get started")).toBeLessThan(readme.indexOf("## What it makes"));
    expect(guide).not.toMatch(/^npm test|npm run (bench|golden)/m);
  });

  it("runs every shell example of vm-template, in order, in one project", () => {
    const dir = mkdtempSync(join(tmpdir(), "vm-template-readme-"));
    try {
      let ran = 0;
      for (const block of blocks("sh")) {
        const lines = commands(block).filter((c) => !c.startsWith("#"));
        // Blocks of other tools (kubectl, a cluster) are not for an empty project.
        if (!lines.every((c) => /^npx vm-template\b|^npm install\b/.test(c))) continue;
        for (const command of lines) {
          if (command.startsWith("npm install")) continue;
          const r = sh(dir, command);
          expect(r.status, `${command}\n${r.stderr}`).toBe(0);
          ran++;
        }
      }
      expect(ran).toBeGreaterThanOrEqual(6);
      // The seed's command wrote the compose file of its release.
      expect(readFileSync(join(dir, "docker-compose.yaml"), "utf8")).toMatch(/^ {2}sidecar:$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("renders every complete values file it shows (a block with … is an excerpt)", () => {
    const complete = blocks("yaml").filter((b) => !b.includes("…"));
    expect(complete.length).toBeGreaterThan(0);
    for (const block of complete) {
      const files = render({ values: mergeValues({ files: [load(block) as Values] }) }).files;
      expect(files.length, block.slice(0, 60)).toBeGreaterThan(0);
    }
  });
});
