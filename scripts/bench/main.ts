// `npm run bench [-- --quick] [--only=tpcb,spread,hot,batch,verify]`: the ledger's write path against the
// ceiling of the PostgreSQL it runs on (see bench/README.md). Numbers are printed and written under
// bench/results/, never asserted: speed is measured here, not in tests.
import { parseBenchOptions } from './bench-options.js';
import { BenchDatabase } from './bench-database.js';
import { judge, type BenchRow } from './bench-result.js';
import { reportMarkdown, writeReport } from './bench-report.js';
import { BenchSession } from './bench-session.js';
import { machineInfo } from './machine-info.js';
import { sections } from './sections.js';

const log = (line: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const chosen = sections.filter((section) => !options.only || options.only.includes(section.name));
  const unknown = options.only?.filter((name) => !sections.some((section) => section.name === name)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(', ')}; sections: ${sections.map((section) => section.name).join(', ')}`);
  const startedAt = new Date().toISOString();
  const database = await BenchDatabase.open(log);
  const session = new BenchSession(options, database, log);
  const rows: BenchRow[] = [];
  try {
    const machine = await machineInfo(database.serverUrl);
    for (const section of chosen) {
      log(`section ${section.name}`);
      rows.push(...(await section.run(session)));
    }
    const report = { startedAt, mode: options.mode, durations: { tpcbSeconds: options.tpcbSeconds, loadSeconds: options.loadSeconds, warmupSeconds: options.warmupSeconds }, machine, rows: judge(rows) };
    console.log(reportMarkdown(report));
    for (const file of writeReport(report, chosen.length === sections.length)) log(`wrote ${file}`);
  } finally {
    await session.close();
    await database.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
