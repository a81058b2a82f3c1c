/**
 * Code run in cognito-local's process before its own bin (`node -e UPSTREAM_SHIM <bin>`); cognito-local
 * itself is run as it ships. It does two things:
 *
 * 1. Parent-death watch: stdin is a pipe only the pool holds, so when the pool ends in any way (SIGKILL
 *    included) the pipe closes and cognito-local exits with it.
 * 2. Atomic data files. cognito-local (through stormdb) saves a pool by rewriting `.cognito/db/<pool>.json`
 *    in place with `fs.writeFile`: truncate, then write. A stop between the two (SIGTERM, SIGKILL, the
 *    watch above, a full disk) left an empty or half file, which it reads back as an empty pool. Here
 *    each save of a data file is written to a temporary file and renamed over the old one, so the file is
 *    always one complete version. Saves of one file run one at a time, newest content last: two saves
 *    in flight could otherwise land out of order, an older version over a newer one. A save waiting
 *    behind another is replaced by a newer one, whose content holds its changes (stormdb serialises the
 *    whole store at each save), and its callback runs when that newer content is on disk. cognito-local
 *    answers a request only after its save's callback, so whatever it acknowledged survives any stop.
 */
export const UPSTREAM_SHIM = [
  "'use strict';",
  "process.stdin.on('data', () => {});",
  "process.stdin.on('end', () => process.exit(0));",
  "process.stdin.on('error', () => process.exit(0));",
  "const fs = require('node:fs');",
  "const path = require('node:path');",
  "const dbDir = path.join(process.cwd(), '.cognito', 'db') + path.sep;",
  "const isData = (file) => typeof file === 'string' && file.endsWith('.json') && path.resolve(file).startsWith(dbDir);",
  'let serial = 0;',
  "const tempOf = (file) => file + '.' + process.pid + '.' + (++serial) + '.tmp';",
  'const queues = new Map();',
  'const writeFile = fs.writeFile;',
  'function pump(file) {',
  '  const queue = queues.get(file);',
  '  if (queue.running) return;',
  '  if (!queue.next) { queues.delete(file); return; }',
  '  const { data, options, callbacks } = queue.next;',
  '  queue.next = undefined;',
  '  queue.running = true;',
  '  const temp = tempOf(file);',
  '  const done = (error) => {',
  '    queue.running = false;',
  '    if (error) fs.rm(temp, { force: true }, () => {});',
  '    for (const callback of callbacks) callback(error || null);',
  '    pump(file);',
  '  };',
  '  writeFile.call(fs, temp, data, options, (error) => (error ? done(error) : fs.rename(temp, file, done)));',
  '}',
  'fs.writeFile = function (file, data, options, callback) {',
  "  if (typeof options === 'function') { callback = options; options = undefined; }",
  '  if (!isData(file)) return options === undefined ? writeFile.call(fs, file, data, callback) : writeFile.call(fs, file, data, options, callback);',
  '  const key = path.resolve(file);',
  '  const queue = queues.get(key) || { running: false, next: undefined };',
  '  queues.set(key, queue);',
  '  queue.next = { data, options: options || {}, callbacks: [...(queue.next ? queue.next.callbacks : []), callback] };',
  '  pump(key);',
  '};',
  'const writeFileSync = fs.writeFileSync;',
  'fs.writeFileSync = function (file, data, options) {',
  '  if (!isData(file)) return writeFileSync.call(fs, file, data, options);',
  '  const temp = tempOf(path.resolve(file));',
  '  writeFileSync.call(fs, temp, data, options);',
  '  fs.renameSync(temp, file);',
  '};',
  'require(process.argv[1]);',
].join('\n');
