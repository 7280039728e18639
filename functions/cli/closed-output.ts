/**
 * A command's output read by something that stops early (`| head -3`, a pager quit): the pipe closes, and the next
 * write fails with EPIPE. That is the reader's choice, not a fault of the command, so the process ends there,
 * quietly, with the exit code it has so far (0 unless an error was already reported), instead of dying on the
 * stream's unhandled 'error' event with a stack trace and exit 1. Any other failure of the stream ends it with
 * exit 1 and one line, as runCli reports an error.
 */
export function endQuietlyWhenOutputCloses(): void {
  for (const [name, stream] of [
    ['stdout', process.stdout],
    ['stderr', process.stderr],
  ] as const) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (name === 'stdout') process.stderr.write(`Fel / error: ${name}: ${e.code ?? e.message}\n`);
      process.exit(1);
    });
  }
}
