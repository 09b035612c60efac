/** `# {{comment text}}`: text for the rest of a `#` comment line, which no reader parses; a line break would end the comment, so it stops the render. */
export function comment(text: unknown): string {
  if (typeof text !== "string" || /[\n\r\u0085\u2028\u2029]/.test(text)) throw new Error(`comment: ${JSON.stringify(text)} is not one line of text`);
  return text;
}
