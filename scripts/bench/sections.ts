import type { BenchSection } from './bench-section.js';
import { batchSection } from './sections/batch.section.js';
import { cliStartupSection } from './sections/cli-startup.section.js';
import { tpcbSection } from './sections/tpcb.section.js';
import { hotSection, spreadSection } from './sections/transfers.section.js';
import { verifySection } from './sections/verify.section.js';

/** Every section of `npm run bench`, in order; `--only=name,name` picks some. Add a section by listing it here. */
export const sections: BenchSection[] = [cliStartupSection, tpcbSection, spreadSection, hotSection, batchSection, verifySection];
