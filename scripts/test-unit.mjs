// Unit suite: mocha in plain Node over src/core (compiled by tsc). No VS Code, no port bound (those tests are in
// the integration suite), fakes for the clock and SecretStorage.
import { runNodeSuite } from './lib.mjs';

await runNodeSuite('unit', 'unit');
