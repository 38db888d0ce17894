// Prints the browser the tests will use, or exits 2 when none launches (browser.sh then installs one).
import { findBrowser } from '../../test/helpers/browser.js';

const path = await findBrowser();
if (path === null) process.exit(2);
process.stdout.write(`${path}\n`);
