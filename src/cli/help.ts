import type { Command, Option } from "./args.js";

const USAGE: Record<Command, [string, string]> = {
  render: ["vm-template [render] [NAME] [flags]", "render the files (NAME: Helm's release name)"],
  values: ["vm-template values [flags]", "the effective values (defaults + sources), problems on stderr"],
  schema: ["vm-template schema", "the JSON Schema of a values file (for editors)"],
  init: ["vm-template init [flags]", "write vm-template.yaml, the project file, from the given values"],
};

/** Examples of `vm-template <command> --help`. */
const EXAMPLES: Record<Command, [string, string][]> = {
  render: [
    ["vm-template", "every file, from ./vm-template.yaml, as one stream for kubectl apply -f -"],
    ["vm-template -f values.yaml -o deploy/", "write the files under deploy/ (all or nothing)"],
    ["vm-template -f values.yaml -o deploy/ --check", "exit 1 with a diff if deploy/ is stale (CI)"],
    ["vm-template -f values.yaml -s sidecar.yaml", "only the Sidecar"],
    ["vm-template -s docker-compose.yaml > docker-compose.yaml", "one file that is not a Kubernetes resource, as itself"],
    ["vm-template -f fleet.yaml -s 'vms/*/docker-compose.yaml'", "a glob of a fleet's files"],
  ],
  values: [
    ["vm-template values", "defaults and ./vm-template.yaml, merged"],
    ["vm-template values -f values.yaml --json", "the values a render would use, as JSON"],
  ],
  schema: [["vm-template schema > vm-template.schema.json", "the schema, for an editor"]],
  init: [["vm-template init --set global.hub=registry.internal/tetrate", "start a project file with one value"]],
};

const RENDER_NOTES = [
  "TSB's `helm template tetrate/install/helm/vm --name sidecar --namespace bookinfo-vm --set …`,",
  "with vm-template in its place:",
  "  vm-template --name sidecar --namespace bookinfo-vm --set global.hub=registry.internal/tetrate \\",
  "    --set global.tcc.tenant=t1 --set global.tcc.environment=prod --set global.tcc.cluster=c1 \\",
  "    --set global.vmgateway.host=1.2.3.4 \\",
  "    --set global.sidecar.appNs=bookinfo-vm --set global.sidecar.appId=bookinfo \\",
  "    --set global.sidecar.serviceDefinition=details \\",
  "    --show-only docker-compose.yaml > docker-compose.yaml",
  "",
  "Value sources merge as in Helm: ./vm-template.yaml, -f files left to right, then --set-json,",
  "--set, --set-string, --set-file, --set-literal. A key set to null is removed.",
  "",
  "Files for one VM: docker-compose.yaml and sidecar.env always; servicedefinition.yaml with",
  "serviceDefinition; sidecar.yaml with sidecarResource or serviceDefinition; serviceentry.yaml with",
  "serviceEntry; workloadentry.yaml with workloadEntry; hosts with sidecarResource.egressHosts;",
  "kustomization.yaml listing the Kubernetes resources. With decoupled: envoy.yaml and Envoy's",
  "compose file. With workloadGroup instead (upstream Istio's way): workloadgroup.yaml and, for the",
  "VM's istio-sidecar package, cluster.env, mesh.yaml, hosts and root-cert.pem; no docker-compose.yaml.",
  "For a fleet (services + vms): services/<name>/ and vms/<group>-<address>/ (and",
  "workloadgroups/<group>/ for a vms.<group>.workloadGroup), with a kustomization.yaml at each",
  "level. -o owns only the files listed in DIR/.vm-template-manifest: it removes those no",
  "longer rendered and refuses to replace or remove any other file.",
  "",
  "stdout is one stream for kubectl apply -f -: files that are not Kubernetes resources are comment",
  "lines (one of them asked for alone with -s prints as itself).",
];

/** The text of `vm-template [command] --help`: what the command does, its flags, examples. */
export function helpText(command: Command, options: readonly Option[]): string {
  const lines = [`Usage: ${USAGE[command][0]}   ${USAGE[command][1]}`, ""];
  if (command === "render") lines.push("Commands:", ...table(Object.values(USAGE)), "");
  const flags = options.map((o) => [`${o.alias ? `-${o.alias}, ` : "    "}--${o.flag}${o.value ? ` ${o.value}` : ""}`, o.describe] as const);
  flags.push(["-h, --help", "this help"]);
  if (command === "render") flags.push(["    --version", "the version (alone)"]);
  lines.push("Flags:", ...table(flags), "");
  lines.push("Examples:", ...table(EXAMPLES[command]), "");
  if (command === "render") lines.push(...RENDER_NOTES, "");
  lines.push("Exit status: 0 success, 1 invalid values or a render error, 2 a usage error.");
  return `${lines.join("\n")}\n`;
}

/** Two columns, indented by two, the second starting two past the longest first. */
function table(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, right]) => `  ${left.padEnd(width)}${right}`);
}
