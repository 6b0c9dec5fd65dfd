/** One `FROM [--platform=…] IMAGE [AS stage]` instruction of a Dockerfile or Containerfile. */
export interface FromInstruction {
  /** 0-based line index. */
  line: number;
  /** The whole line as written. */
  text: string;
  image: string;
  stage?: string;
}

const FROM = /^(\s*FROM\s+(?:--\S+\s+)*)(\S+)(.*)$/i;

/** The FROM instructions in order (one line each; a FROM split over continuation lines is left alone). */
export function fromInstructions(text: string): FromInstruction[] {
  const found: FromInstruction[] = [];
  const lines = text.split(/\r?\n/);
  for (const [line, content] of lines.entries()) {
    if (lines[line - 1]?.trimEnd().endsWith('\\')) continue;
    const m = FROM.exec(content);
    if (!m || m[3].trimEnd().endsWith('\\')) continue;
    const stage = /^\s+AS\s+(\S+)/i.exec(m[3])?.[1];
    found.push({ line, text: content, image: m[2], ...(stage ? { stage } : {}) });
  }
  return found;
}

/** The line with its image replaced, flags (`--platform`) and the stage name kept. */
export function withFromImage(instruction: FromInstruction, image: string): string {
  return instruction.text.replace(FROM, (_all, head: string, _old: string, tail: string) => `${head}${image}${tail}`);
}

/** The FROM instructions worth replacing: not those that start from an earlier stage (`FROM build AS final`). */
export function replaceableFroms(text: string): FromInstruction[] {
  const all = fromInstructions(text);
  const stages = new Set(all.flatMap((f) => (f.stage ? [f.stage.toLowerCase()] : [])));
  return all.filter((f) => !stages.has(f.image.toLowerCase()));
}
