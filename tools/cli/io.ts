import { createInterface } from 'node:readline';

/** What a command-line tool touches of the outside world, so tests can run its `main` in-process. */
export interface CliIo {
  /** Standard input, line by line; nothing is read until the tool iterates it. */
  stdin: AsyncIterable<string>;
  /** Whether a person is typing at a terminal (which echoes what they type) rather than piping input in. */
  isTTY: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/** A tool's entry point: arguments without `node` and the script, the outside world, and the exit code to end with. */
export type CliMain = (argv: string[], io: CliIo) => Promise<number>;

/** Something the person can fix (a flag, a name, a file they wrote): reported as a message with exit code 2, never a stack trace. */
export class UsageError extends Error {}

/**
 * Lines of a stream, read lazily: a tool that never asks for input leaves stdin alone. Stopping
 * early closes the reader (ending the iterator alone would not), so a terminal's stdin lets go and the process can exit.
 */
export async function* linesOf(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    yield* reader;
  } finally {
    reader.close();
  }
}

/** What a `tools/bin` entry does: runs `main` against the real process and ends with its exit code. */
export async function runWithProcess(main: CliMain): Promise<void> {
  process.exitCode = await main(process.argv.slice(2), {
    stdin: linesOf(process.stdin),
    isTTY: process.stdin.isTTY === true,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

const isParseArgsError = (error: unknown): error is Error => error instanceof Error && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS');

/**
 * Runs a tool's body and reports what the person got wrong: a bad flag (from `parseArgs`) with the
 * usage, a UsageError on its own, each with exit code 2. Anything else is a bug and keeps its stack.
 */
export async function reportingUsage(name: string, usage: string, io: CliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (error) {
    if (isParseArgsError(error)) io.stderr(`${name}: ${error.message}\n\n${usage}`);
    else if (error instanceof UsageError) io.stderr(`${name}: ${error.message}\n`);
    else throw error;
    return 2;
  }
}
