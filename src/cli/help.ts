/** Examples and closing notes of `vm-template --help`. */
export const EXAMPLES: [string, string][] = [
  ["vm-template -f examples/ratings-vm/values.yaml", "every file of a values file, as one YAML stream"],
  ["vm-template -f values.yaml -o out/", "write the files under out/ (all or nothing)"],
  ["vm-template -f values.yaml -s sidecar.yaml", "only the Sidecar"],
  ["vm-template -f fleet.yaml -o deploy/ --check", "exit 1 with a diff if deploy/ is stale (CI)"],
  ["vm-template values -f values.yaml --json", "the values a render would use"],
  ["vm-template schema > values.schema.json", "the values JSON Schema, for an editor"],
];

export const HELP_EPILOGUE = [
  "The VM's docker-compose file, as TSB's `helm template tetrate/install/helm/vm` makes it:",
  "  vm-template --set global.hub=registry.internal/tetrate --set global.tcc.tenant=t1 \\",
  "    --set global.tcc.environment=prod --set global.tcc.cluster=c1 \\",
  "    --set global.vmgateway.host=1.2.3.4 \\",
  "    --set global.sidecar.appNs=bookinfo-vm --set global.sidecar.appId=bookinfo \\",
  "    --set global.sidecar.serviceDefinition=details \\",
  "    --show-only docker-compose.yaml > docker-compose.yaml",
  "",
  "Value sources merge as in Helm: -f files left to right, then --set-json, --set, --set-string,",
  "--set-file, --set-literal. A key set to null is removed.",
  "",
  "Files for one VM: docker-compose.yaml always; servicedefinition.yaml with serviceDefinition;",
  "sidecar.yaml with sidecarResource or serviceDefinition; serviceentry.yaml with serviceEntry;",
  "workloadentry.yaml and sidecar.env with workloadEntry; hosts with sidecarResource.egressHosts.",
  "For a fleet (services + vms): services/<name>/ and vms/<group>-<address>/, with a",
  "kustomization.yaml at each level. -o owns only the files listed in DIR/.vm-template-manifest:",
  "it removes those no longer rendered and refuses to replace or remove any other file.",
  "Exit status: 0 success, 1 invalid values or render error, 2 usage error.",
].join("\n");
