// Unit suite: mocha in plain Node over src/core (compiled by tsc). No VS Code, no network but loopback.
import { runNodeSuite } from './lib.mjs';

await runNodeSuite('unit', 'unit');
