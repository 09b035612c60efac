type Node = Record<string, unknown>;

/** The node a local `$ref` (`#/definitions/name`: a JSON pointer into the same schema) points at. */
export function refTarget(ref: string, root: Node): Node | undefined {
  return ref.replace(/^#\//, "").split("/").reduce<Node | undefined>((at, k) => at?.[k] as Node | undefined, root);
}
