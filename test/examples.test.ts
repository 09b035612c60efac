import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { load } from "js-yaml";
import { mergeValues, render } from "../src/index.js";
import { readValuesFile } from "../src/cli/files.js";
import { envoyValidator, hasEnvoyValidator } from "./envoyReference.js";

const root = join(import.meta.dirname, "..");
const examples = readdirSync(join(root, "examples")).filter((n) => existsSync(join(root, "examples", n, "values.yaml"))).sort();

function renderExample(name: string): Map<string, string> {
  const values = mergeValues({ files: [readValuesFile(join(root, "examples", name, "values.yaml"))] });
  return new Map(render({ values }).files.map((f) => [f.path, f.content]));
}

describe("examples render to their committed golden files, byte for byte", () => {
  it("has the seed scenarios", () => {
    expect(examples).toEqual(["decoupled-forwarding-proxy", "decoupled-laptop", "decoupled-vm", "fleet", "fleet-decoupled", "fleet-workloadgroup", "helm-command", "ratings-vm", "servicedefinition-egress-proxy", "servicedefinition-no-iptables", "tctl-basic", "tctl-eks", "tctl-gke", "workloadgroup"]);
  });

  it.each(examples)("%s", (name) => {
    const expectedDir = join(root, "examples", name, "expected");
    const rendered = renderExample(name);
    const committed = readdirSync(expectedDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    expect([...rendered.keys()].sort()).toEqual(committed.map((e) => relative(expectedDir, join(e.parentPath, e.name))).sort());
    for (const [path, content] of rendered) expect(content, path).toBe(readFileSync(join(expectedDir, path), "utf8"));
  });
});

describe("every Envoy bootstrap an example renders passes validate-envoy.mjs (Envoy's own protos)", () => {
  const envoyFiles = (name: string) => [...renderExample(name)].filter(([path]) => /(^|\/)envoy\.yaml$/.test(path));
  const withEnvoy = examples.filter((name) => envoyFiles(name).length > 0);
  it("the decoupled examples have one", () => {
    expect(withEnvoy).toEqual(["decoupled-forwarding-proxy", "decoupled-laptop", "decoupled-vm", "fleet-decoupled"]);
  });
  it.skipIf(!hasEnvoyValidator).each(withEnvoy)("%s", async (name) => {
    const validate = await envoyValidator();
    for (const [path, content] of envoyFiles(name)) {
      const verdict = validate(content);
      expect(verdict.errors, path).toEqual([]);
      expect(verdict.warnings, path).toEqual([]);
    }
  });
});

// Seed resource (transcribed in test/seeds/) -> the example and file that must reproduce it.
const seedCases: [seedFixture: string, seedFile: string, example: string, file: string][] = [
  ["000-case1-servicedefinition.yaml", "000_a82fac6cce271177.txt", "servicedefinition-no-iptables", "servicedefinition.yaml"],
  ["000-case2-servicedefinition.yaml", "000_a82fac6cce271177.txt", "servicedefinition-egress-proxy", "servicedefinition.yaml"],
  ["001-ratings-vm-workloadentry.yaml", "001_cc117b38127da1f0.txt", "ratings-vm", "workloadentry.yaml"],
  ["001-ratings-sidecar.yaml", "001_cc117b38127da1f0.txt", "ratings-vm", "sidecar.yaml"],
];

describe("examples reproduce the seeds' YAML field for field", () => {
  it.each(seedCases)("%s", (fixture, _seed, example, file) => {
    const seed = load(readFileSync(join(root, "test", "seeds", fixture), "utf8"));
    const rendered = load(renderExample(example).get(file)!);
    expect(rendered).toEqual(seed);
  });

  const seedsDir = join(root, "..", "shared", "seeds");
  // The transcriptions are only as good as their fidelity: each line must stand in the seed.
  it.skipIf(!existsSync(seedsDir)).each(seedCases)("%s is a faithful transcription of its seed", (fixture, seedFile) => {
    const seedLines = new Set(readFileSync(join(seedsDir, seedFile), "utf8").split("\n").map((l) => l.trim()));
    for (const line of readFileSync(join(root, "test", "seeds", fixture), "utf8").split("\n")) {
      if (line.trim()) expect(seedLines, line).toContain(line.trim());
    }
  });
});
