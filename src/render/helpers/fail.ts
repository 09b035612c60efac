/** Thrown by `{{fail path message}}`; renderChart turns it into a problem at that value path. */
export class TemplateFailure extends Error {
  constructor(readonly path: string, message: string) {
    super(message);
  }
}

/** `{{fail "value.path" "message"}}`: stops the render with a problem that names the value path. */
export function fail(path: unknown, message: unknown): never {
  throw new TemplateFailure(String(path), String(message));
}
