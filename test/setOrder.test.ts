// Issue 13, seen 9: the order a set was typed in never shows in a file.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { mergeValues, render, type Values } from "../src/index.js";

const examples = join(import.meta.dirname, "..", "examples");
const bytes = (values: Values) => render({ values: mergeValues({ files: [values] }) }).files.map((f) => `${f.path}\n${f.content}`).join("\n");
const example = (name: string) => load(readFileSync(join(examples, name, "values.yaml"), "utf8")) as Values;

/** Reverses every list (and map) that `pick` names, in place. */
function reversed(values: Values, pick: (path: string[]) => boolean, path: string[] = []): Values {
  for (const [key, v] of Object.entries(values)) {
    const here = [...path, key];
    if (Array.isArray(v) && pick(here)) v.reverse();
    if (v && typeof v === "object" && !Array.isArray(v)) {
      if (pick(here)) values[key] = Object.fromEntries(Object.entries(v).reverse());
      reversed(values[key] as Values, pick, here);
    }
  }
  return values;
}

describe("set-valued input gives the same bytes in any order", () => {
  it("a fleet: each group's services and addresses, the services and vms maps, labels", () => {
    const sets = (p: string[]) => (p[0] === "vms" && ["services", "addresses"].includes(p[2]!)) || (p.length === 1 && ["services", "vms"].includes(p[0]!)) || p.at(-1) === "labels";
    expect(bytes(reversed(example("fleet"), sets))).toBe(bytes(example("fleet")));
  });

  it("one VM: endpoints, egress hosts, ServiceEntry hosts, labels", () => {
    const values = example("servicedefinition-egress-proxy") as Values & { serviceDefinition: { endpoints?: string[] } };
    values.serviceDefinition.endpoints = ["10.0.0.2", "10.0.0.1", "vm3.internal.company.com"];
    const sets = (p: string[]) => ["endpoints", "egressHosts", "hosts", "labels"].includes(p.at(-1)!);
    expect(bytes(reversed(structuredClone(values), sets))).toBe(bytes(values));
    const ratings = example("ratings-vm");
    expect(bytes(reversed(structuredClone(ratings), sets))).toBe(bytes(ratings));
  });

  it("problems still name the index as typed (sets are sorted after the checks)", () => {
    const values = example("fleet") as Values & { vms: Record<string, { addresses: string[]; bootstrap?: unknown }> };
    delete values.vms.legacy!.bootstrap;
    values.vms.legacy!.addresses = ["10.200.0.9", values.vms["ratings-pool"]!.addresses[0]!];
    let problems: { path: string }[] = [];
    try {
      render({ values: mergeValues({ files: [values] }) });
    } catch (e) {
      problems = (e as { problems: { path: string }[] }).problems;
    }
    expect(problems.map((p) => p.path)).toContain("vms.ratings-pool.addresses[0]");
    expect(JSON.stringify(problems)).toContain("vms.legacy.addresses[1]");
  });
});
