/** How long each part runs: the full run is the protocol; `--quick` checks that everything works in under two minutes. */
export interface BenchOptions {
  mode: 'full' | 'quick';
  tpcbSeconds: number;
  loadSeconds: number;
  warmupSeconds: number;
  /** Section names to run (`--only=tpcb,spread`); undefined runs them all. */
  only?: string[];
}

const usage = 'usage: npm run bench [-- --quick] [--only=section,section]';

export function parseBenchOptions(argv: string[]): BenchOptions {
  let quick = false;
  let only: string[] | undefined;
  for (const argument of argv) {
    if (argument === '--quick') quick = true;
    else if (argument.startsWith('--only=')) only = argument.slice('--only='.length).split(',').filter(Boolean);
    else throw new Error(`unknown argument ${argument}; ${usage}`);
  }
  return quick ? { mode: 'quick', tpcbSeconds: 5, loadSeconds: 5, warmupSeconds: 2, only } : { mode: 'full', tpcbSeconds: 15, loadSeconds: 15, warmupSeconds: 5, only };
}
