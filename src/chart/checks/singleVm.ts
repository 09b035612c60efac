import type { Problem } from "../../errors.js";
import { isMap, type Values } from "../../values/objects.js";

/** Rules of the single-VM sections that span more than one value. */
export function singleVmChecks(values: Values): Problem[] {
  const problems: Problem[] = [];
  const appId = (values.global as { sidecar?: { appId?: string } }).sidecar?.appId;
  const entry = values.workloadEntry as { labels?: Record<string, string> } | undefined;
  const app = entry?.labels?.app;
  if (app !== undefined && app !== appId) {
    problems.push({ path: "workloadEntry.labels.app", message: `must be global.sidecar.appId, "${appId}", which the Sidecar selects by (got "${app}")` });
  }
  const sidecar = values.sidecarResource;
  if (isMap(sidecar) && sidecar.egressHosts !== undefined) {
    const first = (sidecar.egress as { bind?: string }[])[0];
    if (!first?.bind) problems.push({ path: "sidecarResource.egressHosts", message: "needs sidecarResource.egress[0].bind, the address the hosts lines point at" });
  }
  return problems;
}
