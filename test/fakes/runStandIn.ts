// Runs the Ollama stand-in as a process for `npm start` and e2e:
//   npx tsx test/fakes/runStandIn.ts [--port N] [--down] [--fast]
// Prints `OLLAMA_HOST=http://127.0.0.1:PORT` once listening (or, with --down,
// once the port is reserved but refusing). Lines on stdin steer it: `down`,
// `up`, `quit`. Latency is a small local GPU's unless --fast.
import { createInterface } from 'node:readline';
import { OllamaStandIn } from './ollamaStandIn';

const REALISTIC = { loadMs: 400, timeToFirstTokenMs: 80, perPromptTokenMs: 0.05, perTokenMs: 12 };
const FAST = { loadMs: 0, timeToFirstTokenMs: 0, perPromptTokenMs: 0, perTokenMs: 0 };

async function main(argv: string[]): Promise<void> {
  const portArg = argv.indexOf('--port');
  const port = portArg >= 0 ? Number(argv[portArg + 1]) : 0;
  if (!Number.isInteger(port) || port < 0) throw new Error(`--port needs a number, got ${argv[portArg + 1] ?? 'nothing'}`);
  const standIn = await OllamaStandIn.start({ port, latency: argv.includes('--fast') ? FAST : REALISTIC, keepProcessAlive: true });
  if (argv.includes('--down')) await standIn.goDown();
  process.stdout.write(`OLLAMA_HOST=${standIn.url}\n`);

  const quit = async (): Promise<void> => { await standIn.close(); process.exit(0); };
  process.once('SIGINT', () => void quit());
  process.once('SIGTERM', () => void quit());
  createInterface({ input: process.stdin }).on('line', (line) => {
    const command = line.trim();
    if (command === 'down') void standIn.goDown().then(() => process.stdout.write('down\n'));
    else if (command === 'up') void standIn.comeUp().then(() => process.stdout.write('up\n'));
    else if (command === 'quit') void quit();
  });
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`runStandIn: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
