// Issue 13, seen 3: stdout is one stream `kubectl apply -f -` takes, and a single VM's -o tree
// is one `kubectl apply -k` takes.
import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load, loadAll } from "js-yaml";
import { cli, examples, tempCwd } from "./cliHarness.js";

const t = tempCwd();
const run = (argv: string[]) => cli(t.dir, argv);
const names = readdirSync(examples).filter((n) => existsSync(join(examples, n, "values.yaml"))).sort();
/** Whether an example's committed output has a Kubernetes resource (a file with apiVersion and kind other than a Kustomization). */
function clusterSide(name: string): boolean {
  const dir = join(examples, name, "expected");
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".yaml"))
    .some((e) => /^apiVersion: (?!kustomize)/m.test(readFileSync(join(e.parentPath, e.name), "utf8")));
}
const kubectl = spawnSync("kubectl", ["version", "--client"], { encoding: "utf8" }).status === 0;

describe("stdout is one stream kubectl apply -f - accepts", () => {
  it.each(names)("%s: every document is a Kubernetes resource or only comments", async (name) => {
    const r = await run(["-f", join(examples, name, "values.yaml")]);
    expect(r.status).toBe(0);
    // kubectl's stream reader skips a document that is empty or null (comments only), and refuses
    // one without apiVersion and kind ("Object 'Kind' is missing"); the API server has no
    // Kustomization kind (kustomize reads it, `apply -k`).
    const documents = loadAll(r.stdout).filter((d) => d !== null && d !== undefined) as Record<string, unknown>[];
    // The seed's command (the compose file alone) and a forwarding proxy have nothing for the cluster.
    expect(documents.length > 0).toBe(clusterSide(name));
    for (const d of documents) {
      expect(typeof d.apiVersion, JSON.stringify(d).slice(0, 80)).toBe("string");
      expect(typeof d.kind).toBe("string");
      expect(d.kind).not.toBe("Kustomization");
    }
    // Every file is still there, as a comment block when it is not a resource.
    const files = r.stdout.match(/^# Source: vm-template\/(.*)$/gm)!.length;
    expect(files).toBe(readdirSync(join(examples, name, "expected"), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length);
  });

  it.skipIf(!kubectl).each(names)("%s: kubectl's own reader decodes every document", async (name) => {
    const r = await run(["-f", join(examples, name, "values.yaml")]);
    // No cluster here: kubectl decodes each document, then fails to reach the server for its kind.
    // A document it cannot decode is reported before that ("unable to decode", "Kind' is missing").
    const k = spawnSync("kubectl", ["create", "--dry-run=client", "-o", "name", "--validate=false", "--server=http://127.0.0.1:9", "--request-timeout=2s", "-f", "-"], { input: r.stdout, encoding: "utf8", timeout: 30_000 });
    expect(k.stderr).not.toMatch(/unable to decode|is missing|error parsing|yaml:/i);
    expect(k.stderr).toMatch(clusterSide(name) ? /unable to recognize|connection refused/ : /no objects passed/);
  });

  it.each([
    ["docker-compose.yaml", "helm-command", /^services:$/m],
    ["sidecar.env", "ratings-vm", /^[A-Z_]+=/m],
    ["hosts", "ratings-vm", /^127\.0\.0\.2 /m],
    ["kustomization.yaml", "ratings-vm", /^kind: Kustomization$/m],
  ])("--show-only %s alone prints the file as itself", async (file, example, shape) => {
    const r = await run(["-f", join(examples, example, "values.yaml"), "--show-only", file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(examples, example, "expected", file), "utf8"));
    expect(r.stdout).toMatch(shape);
  });
});

describe("a single VM's -o tree is one kubectl apply -k takes", () => {
  // A fleet's tree has a kustomization.yaml at each level (test/fleet.test.ts); these are single VMs.
  const singleVms = names.filter((n) => !/^vms:/m.test(readFileSync(join(examples, n, "values.yaml"), "utf8")));
  it.each(singleVms)("%s: kustomization.yaml lists exactly its Kubernetes resources", async (name) => {
    const r = await run(["-f", join(examples, name, "values.yaml"), "-o", "out"]);
    expect(r.status).toBe(0);
    const out = join(t.dir, "out");
    const resources = readdirSync(out).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").filter((f) => {
      const doc = load(readFileSync(join(out, f), "utf8")) as Record<string, unknown>;
      return typeof doc.apiVersion === "string" && typeof doc.kind === "string";
    });
    if (resources.length === 0) {
      // Nothing cluster-side (the compose file alone): nothing to apply.
      expect(existsSync(join(out, "kustomization.yaml"))).toBe(false);
      return;
    }
    const kustomization = load(readFileSync(join(out, "kustomization.yaml"), "utf8")) as { kind: string; resources: string[] };
    expect(kustomization.kind).toBe("Kustomization");
    expect(kustomization.resources).toEqual(resources.sort());
    if (kubectl) {
      const k = spawnSync("kubectl", ["kustomize", out], { encoding: "utf8" });
      expect(k.status, k.stderr).toBe(0);
      expect(k.stdout.match(/^kind: .*$/gm)).toHaveLength(resources.length);
    }
  });
});
