import spawn from 'cross-spawn';
import type * as vscode from 'vscode';
import { redact, registerSecret } from '../github/redact';

const TAIL_LINES = 2000;

export interface ProcessResult {
  code: number | null;
  stderr: string;
  /** The last lines of stdout and stderr together, masked (clients such as mvn print their errors on stdout). */
  output: string;
  cancelled: boolean;
  /** The process could not start (e.g. the tool is not installed). */
  error?: string;
}

/**
 * Runs a package manager with arguments as an array (never a shell string) and secrets only in its environment or
 * standard input. Its output goes to the output channel with every secret masked.
 */
export function runProcess(
  step: { command: string; args: string[]; env: Record<string, string>; stdin?: string; cwd: string },
  secrets: string[],
  output: vscode.LogOutputChannel,
  cancellation: vscode.CancellationToken,
): Promise<ProcessResult> {
  for (const secret of secrets) registerSecret(secret);
  const mask = redact;
  return new Promise((resolve) => {
    // On Windows npm, mvn, gradle, bundle, gem and the ./gradlew and ./mvnw wrappers are .cmd or .bat files, which Node
    // starts only through cmd.exe (EINVAL otherwise, since CVE-2024-27980); cross-spawn finds them by PATHEXT and passes
    // each argument escaped for cmd.exe. Elsewhere it is child_process.spawn as is.
    const child = spawn(step.command, step.args, {
      cwd: step.cwd,
      env: { ...process.env, ...step.env },
      stdio: [step.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    const tail: string[] = [];
    const keep = (line: string) => {
      tail.push(line);
      if (tail.length > TAIL_LINES) tail.shift();
      output.info(line);
    };
    let cancelled = false;
    const cancel = cancellation.onCancellationRequested(() => {
      cancelled = true;
      child.kill();
    });
    if (step.stdin !== undefined) child.stdin?.end(step.stdin);
    // Masked a whole line at a time: a token split across two chunks is still one line, so it is still masked.
    const stdoutLines = new LineBuffer((line) => keep(mask(line)));
    const stderrLines = new LineBuffer((line) => keep(mask(line)));
    child.stdout?.on('data', (chunk: Buffer) => stdoutLines.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      stderrLines.push(chunk.toString());
    });
    child.on('error', (e) => {
      cancel.dispose();
      resolve({
        code: null,
        stderr: mask(stderr),
        output: tail.join('\n'),
        cancelled,
        error: `${step.command} could not start (${e.message}); is it installed and on PATH?`,
      });
    });
    child.on('close', (code) => {
      stdoutLines.flush();
      stderrLines.flush();
      cancel.dispose();
      resolve({ code, stderr: mask(stderr), output: tail.join('\n'), cancelled });
    });
  });
}

/** The lines of a failed run worth showing in a notification. */
export function failureSummary(result: ProcessResult): string {
  if (result.cancelled) return 'cancelled';
  if (result.error) return result.error;
  const lines = result.stderr
    .trim()
    .split('\n')
    .filter((line) => /ERR!|error|denied|forbidden|conflict/i.test(line));
  return (lines.length ? lines : result.stderr.trim().split('\n')).slice(-3).join(' ').slice(0, 300) || 'see the GitHub Packages output';
}

/** Collects output and hands it on in whole lines (the last partial line at `flush`). */
export class LineBuffer {
  private pending = '';

  constructor(private readonly emit: (line: string) => void) {}

  push(chunk: string): void {
    const lines = (this.pending + chunk).split(/\r?\n/);
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.emit(line);
  }

  flush(): void {
    if (this.pending) this.emit(this.pending);
    this.pending = '';
  }
}
