// A fleet's groups as WorkloadGroups (vms.<group>.workloadGroup): an autoscaled group gets no
// per-address resources and, auto-registering, no WorkloadEntry at all; listed VMs get only their
// VM-side files; WorkloadEntries only when the group does not auto-register (istiod makes them
// otherwise: pilot/pkg/autoregistration of istio/istio 86c9f01fd73).
import { describe, expect, it } from "vitest";
import { render, VmTemplateError, type Values } from "../src/index.js";
import { fleetValues } from "./fixtures.js";

const group = (extra: Values = {}): Values => ({
  namespace: "bookinfo",
  metadata: { labels: { app: "reviews" } },
  template: { serviceAccount: "bookinfo-reviews", ports: { http: 9080 } },
  ...extra,
});

function files(vms: Values, extra: Values = {}): Map<string, string> {
  return new Map(render({ values: { global: { vmgateway: { host: "35.204.17.3" } }, vms, ...extra } }).files.map((f) => [f.path, f.content]));
}

function problems(vms: Values): { path: string; message: string }[] {
  try {
    files(vms);
  } catch (e) {
    expect(e).toBeInstanceOf(VmTemplateError);
    return (e as VmTemplateError).problems;
  }
  return [];
}

const envOf = (text: string) => Object.fromEntries(text.split("\n").filter((l) => /^[A-Z_]+=/.test(l)).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));

describe("fleet WorkloadGroups", () => {
  it("an autoscaled group: one set of VM files without ISTIO_SVC_IP, and no WorkloadEntry", () => {
    const out = files({ asg: { workloadGroup: group({ autoRegister: true }) } });
    expect([...out.keys()].sort()).toEqual([
      "kustomization.yaml", "vms/asg/cluster.env", "vms/asg/hosts", "vms/asg/mesh.yaml",
      "workloadgroups/asg/kustomization.yaml", "workloadgroups/asg/workloadgroup.yaml", "workloadgroups/kustomization.yaml",
    ]);
    const env = envOf(out.get("vms/asg/cluster.env")!);
    expect(env.ISTIO_SVC_IP).toBeUndefined();
    expect(env.ISTIO_META_AUTO_REGISTER_GROUP).toBe("'asg'");
    expect(out.get("workloadgroups/asg/workloadgroup.yaml")).toContain("name: asg\n");
  });

  it("listed VMs that auto-register: each only its own VM-side files, no WorkloadEntry", () => {
    const out = files({ pool: { addresses: ["10.0.0.1", "10.0.0.2"], workloadGroup: group({ autoRegister: true }) } });
    expect([...out.keys()].filter((p) => p.includes("workloadentry"))).toEqual([]);
    expect(envOf(out.get("vms/pool-10-0-0-2/cluster.env")!).ISTIO_SVC_IP).toBe("'10.0.0.2'");
    expect(out.get("vms/pool-10-0-0-1/mesh.yaml")).toBe(out.get("vms/pool-10-0-0-2/mesh.yaml"));
  });

  it("listed VMs that do not auto-register: their WorkloadEntries beside the WorkloadGroup, named as istiod names them", () => {
    const out = files({ pool: { addresses: ["10.0.0.1", "fd00::7"], workloadGroup: group({ name: "reviews" }) } });
    expect(out.get("workloadgroups/pool/kustomization.yaml")).toContain("- workloadentry-10-0-0-1.yaml\n- workloadentry-fd00-7.yaml\n");
    expect(out.get("workloadgroups/pool/workloadentry-fd00-7.yaml")).toContain("name: reviews-fd00--7\n");
    expect(out.has("vms/pool-fd00-7/workloadentry.yaml")).toBe(false);
  });

  it("beside tctl's groups: the top kustomization lists each folder", () => {
    const fleet = fleetValues(1);
    const out = new Map(render({ values: { ...fleet, vms: { ...(fleet.vms as Values), asg: { workloadGroup: group({ autoRegister: true }) } } } }).files.map((f) => [f.path, f.content]));
    expect(out.get("kustomization.yaml")).toContain("- services\n- vms\n- workloadgroups\n");
    expect(out.get("vms/kustomization.yaml")).not.toContain("asg");
  });

  it.each<[string, Values, string, RegExp]>([
    ["no addresses and no auto-registration", { asg: { workloadGroup: group() } }, "vms.asg.workloadGroup.autoRegister", /must be true/],
    ["a single VM's vm", { asg: { addresses: ["10.0.0.1"], workloadGroup: group({ vm: { internalIP: "10.0.0.1" } }) } }, "vms.asg.workloadGroup.vm", /single VM/],
    ["no namespace", { asg: { workloadGroup: { autoRegister: true } } }, "vms.asg.workloadGroup.namespace", /required/],
    ["services as well", { asg: { addresses: ["10.0.0.1"], services: ["x"], workloadGroup: group() } }, "vms.asg.services", /istio-sidecar/],
    ["the same WorkloadGroup twice", { a: { workloadGroup: group({ name: "r", autoRegister: true }) }, b: { workloadGroup: group({ name: "r", autoRegister: true }) } }, "vms.b.workloadGroup.name", /as vms.a/],
    ["an autoscaled group's folder taken", { "a-10-0-0-1": { workloadGroup: group({ autoRegister: true }) }, a: { addresses: ["10.0.0.1"], workloadGroup: group({ name: "x" }) } }, "vms.a-10-0-0-1", /also the folder/],
  ])("refuses %s", (_what, vms, path, message) => {
    const found = problems(vms);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)!.message).toMatch(message);
  });
});

describe("fleet WorkloadGroups without a gateway", () => {
  it("a fleet of WorkloadGroups only needs no global.vmgateway: then no hosts file, as istioctl writes none it can use", () => {
    const out = new Map(render({ values: { vms: { asg: { workloadGroup: group({ autoRegister: true }) } } } }).files.map((f) => [f.path, f.content]));
    expect(out.has("vms/asg/cluster.env")).toBe(true);
    expect(out.has("vms/asg/hosts")).toBe(false);
  });
});
