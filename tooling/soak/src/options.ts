import { fileURLToPath } from 'node:url';

/** The soak's options: how long, how fast, where its logs and results go. */
export interface SoakOptions {
  readonly minutes: number;
  readonly rate: number;
  readonly out: string;
}

const USAGE =
  'usage: npm run soak -- [--minutes N (10)] [--rate EVENTS_PER_SECOND (200)] [--out DIR]';

/** Reads `--minutes`, `--rate` and `--out`; anything else is a usage error. */
export function options(argv: readonly string[]): SoakOptions {
  const o = {
    minutes: 10,
    rate: 200,
    out: fileURLToPath(new URL('../../../soak-results', import.meta.url)),
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--out' && value) o.out = value;
    else if ((flag === '--minutes' || flag === '--rate') && Number(value) > 0)
      o[flag === '--minutes' ? 'minutes' : 'rate'] = Number(value);
    else {
      process.stderr.write(`${USAGE}\n`);
      process.exit(2);
    }
  }
  return o;
}
