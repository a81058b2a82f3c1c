// `npm run bench`: the figures issues ask for, measured in one run on this machine.
// Prints a table and writes bench/results.json. Nothing here is asserted: tests never time things.
// --smoke (what `npm test` runs): every probe once, tiny documents, no budget judged and nothing written, so a
// change that breaks the bench (a shim missing an API, a probe that throws) fails the tests, not the next figures.
import { execFileSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { compileTests, printCounts, root, run } from './lib.mjs';

const require = createRequire(import.meta.url);
const smoke = process.argv.includes('--smoke');
/** Rounds of a measurement: `full` in the real run, one in the smoke run. */
const n = (full) => (smoke ? 1 : full);
run('npm', ['run', '--silent', 'build']);
compileTests();

// The hover as VS Code calls it: the provider activate() registered (the stub that loads dist/hover.js on
// its first call), with `vscode` replaced by the shim. The warm-up below pays that load once.
const shimPath = join(root, 'bench', 'vscodeShim.cjs');
const Module = require('node:module');
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? shimPath : resolveFilename.call(this, request, ...rest);
};
const shim = require(shimPath);
const { Position } = shim;
const noSecrets = { get: async () => undefined, store: async () => {}, delete: async () => {}, onDidChange: () => ({ dispose() {} }) };
require(join(root, 'dist', 'extension.js')).activate({
  subscriptions: [], extensionUri: { fsPath: root }, extensionPath: root, extension: { packageJSON: require(join(root, 'package.json')) },
  secrets: noSecrets, globalState: { get: (_key, fallback) => fallback, update: async () => {} },
  environmentVariableCollection: { forEach() {}, get: () => undefined, replace() {}, delete() {}, clear() {} },
});
const provider = shim.registered.hover[0];
const tokens = require(join(root, 'out', 'test', 'fixtures', 'tokenFactory.js'));
const { decodeToken } = require(join(root, 'out', 'src', 'core', 'tokens', 'jwt.js'));
const { decodeJwt } = await import('jose');
const { jwtDecode } = await import('jwt-decode');

const now = Math.floor(Date.now() / 1000);
const idToken = tokens.unsignedJwt(tokens.idTokenClaims(now));

/** A TextDocument over an array of lines that counts how many lines and characters were read. */
function fakeDocument(lines) {
  const reads = { lines: 0, chars: 0 };
  return {
    reads,
    lineCount: lines.length,
    lineAt(line) {
      reads.lines++;
      reads.chars += lines[line].length;
      return { text: lines[line] };
    },
    uri: { toString: () => 'file:///bench.log' },
  };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function timeEach(iterations, fn) {
  const samples = [];
  for (let i = 0; i < iterations; i++) {
    const start = process.hrtime.bigint();
    fn(i);
    samples.push(Number(process.hrtime.bigint() - start) / 1000);
  }
  return median(samples);
}

const hoverLine = `2026-11-22T02:00:00Z INFO request user=taro Authorization: Bearer ${idToken}`;
const column = hoverLine.indexOf('eyJ') + 30;

const small = fakeDocument(['first line', hoverLine, 'last line']);
timeEach(n(2000), () => provider.provideHover(small, new Position(1, column))); // warm-up: JIT, caches
const smallMedian = timeEach(n(3000), () => provider.provideHover(small, new Position(1, column)));

// 20 MB, 100,000 small tokens (one per line), and the same Cognito ID token line in the middle.
const filler = [];
let size = 0;
const fillerTokens = smoke ? 1000 : 100_000;
for (let i = 0; i < fillerTokens; i++) {
  const line = `2026-11-22T02:00:${String(i % 60).padStart(2, '0')}Z DEBUG request=${i} token=${tokens.unsignedJwt({ sub: `user-${i}`, exp: now + i }, { alg: 'RS256' }).slice(0, 150)}`;
  filler.push(line.padEnd(199, ' '));
  size += 200;
}
const middle = fillerTokens / 2;
filler.splice(middle, 0, hoverLine);
const big = fakeDocument(filler);
const bigBytes = size + hoverLine.length + 1;
big.reads.lines = 0;
big.reads.chars = 0;
const bigMedian = timeEach(n(3000), () => provider.provideHover(big, new Position(middle, column)));
const readsPerHover = { lines: big.reads.lines / n(3000), chars: big.reads.chars / n(3000) };
const hover = provider.provideHover(big, new Position(middle, column));
if (!hover || !hover.contents[0].value.includes('Cognito ID token')) throw new Error('the benchmark hover did not decode the token');

const decodeIterations = n(20_000);
const decodeOurs = timeEach(decodeIterations, () => decodeToken(idToken));
const decodeJose = timeEach(decodeIterations, () => decodeJwt(idToken));
const decodeJwtDecode = timeEach(decodeIterations, () => jwtDecode(idToken));

// Activation and the first uses, in 15 fresh processes (the probe throws if activation loads more than dist/extension.js).
const probes = [];
for (let i = 0; i < n(15); i++) {
  probes.push(JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'activation-probe.cjs')], { encoding: 'utf8' })));
}
const activation = probes[probes.length - 1];
// What starts dist/features.js without a command (a stored session, a JWT in view) and what must not.
const expectedStarts = { idle: false, getSessions: false, storedSession: true, tokenInView: true };
const triggers = Object.entries(expectedStarts).map(([name, expected]) => {
  const probe = JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'triggers-probe.cjs'), name], { encoding: 'utf8' }));
  return { name, expected, started: probe.loaded, ok: probe.loaded === expected && (name !== 'getSessions' || probe.answer.length === 0) };
});
const kb = (bytes) => round(bytes / 1024);
const bundleBytes = (name) => statSync(join(root, 'dist', name)).size;

// Refresh: the command's path against the bare SDK call, against the local pool, in a child with --expose-gc.
const refresh = JSON.parse(execFileSync(process.execPath, ['--expose-gc', join(root, 'bench', 'refresh-probe.cjs'), ...(smoke ? ['1', '1'] : ['300'])], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }));

const results = {
  measuredAt: new Date().toISOString(),
  machine: { node: process.version, cpus: (await import('node:os')).cpus().length },
  hover: {
    smallDocumentMedianMicros: round(smallMedian),
    bigDocumentMedianMicros: round(bigMedian),
    bigDocumentBytes: bigBytes,
    bigDocumentTokens: fillerTokens + 1,
    ratioBigToSmall: round(bigMedian / smallMedian),
    linesReadPerHover: readsPerHover.lines,
    charsReadPerHover: readsPerHover.chars,
  },
  decodeMedianMicros: { ours: round(decodeOurs), joseDecodeJwt: round(decodeJose), jwtDecode: round(decodeJwtDecode), tokenChars: idToken.length },
  activation: {
    medianMillis: round(median(probes.map((p) => p.ms))),
    bytesLoaded: activation.bytes,
    filesLoaded: activation.loaded,
    // What activation cost before the split: everything started at once (activation + starting dist/features.js).
    eagerReferenceMedianMillis: round(median(probes.map((p) => p.ms + p.firstCommandMs))),
    firstCommandMedianMillis: round(median(probes.map((p) => p.firstCommandMs))),
    firstHoverMedianMillis: round(median(probes.map((p) => p.firstHoverMs))),
    featuresStartedBy: Object.fromEntries(triggers.map((t) => [t.name, t.started])),
    lazyBundleBytes: { 'features.js': bundleBytes('features.js'), 'hover.js': bundleBytes('hover.js'), 'verify.js': bundleBytes('verify.js'), 'aws.js': bundleBytes('aws.js') },
  },
  refresh: {
    rounds: refresh.rounds,
    commandPathMedianMillis: round(refresh.commandMedianMs),
    bareSdkMedianMillis: round(refresh.bareSdkMedianMs),
    overheadMedianMillis: round(refresh.overheadMedianMs),
    heapGrowthOver1000RefreshesMB: round(refresh.heapGrowthMB),
  },
};
// ---- SRP (USER_SRP_AUTH): our client and server halves beside amazon-cognito-identity-js, in one child run. ----
const srp = JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'srp-probe.cjs'), ...(smoke ? ['1', '1'] : [])], { encoding: 'utf8' }));
results.srp = {
  clientHalfMedianMillis: { ours: round(srp.clientOursMs), oursWith128ByteA: round(srp.clientOurs128ByteAMs), oursDiffieHellmanPath: round(srp.clientOursDhPathMs), oursBigIntPath: round(srp.clientOursBigIntMs), amazonCognitoIdentityJs: round(srp.clientIdentityJsMs) },
  serverHalfMedianMillis: { ours: round(srp.serverOursMs), oursBigIntPath: round(srp.serverOursBigIntMs) },
  rounds: { ours: srp.ourRounds, oursBigIntPath: srp.bigintRounds, amazonCognitoIdentityJs: srp.referenceRounds },
};
const srpRows = [
  [`SRP client half, one sign-in: ours (median ms, ${srp.ourRounds} rounds)`, results.srp.clientHalfMedianMillis.ours],
  ['  ours with a 128-byte a, the reference clients\' size (median ms)', results.srp.clientHalfMedianMillis.oursWith128ByteA],
  [`  amazon-cognito-identity-js AuthenticationHelper (median ms, ${srp.referenceRounds} rounds)`, results.srp.clientHalfMedianMillis.amazonCognitoIdentityJs],
  ['  ours on the Diffie-Hellman path, what Electron\'s BoringSSL (VS Code desktop) leaves (median ms)', results.srp.clientHalfMedianMillis.oursDiffieHellmanPath],
  [`  ours on the BigInt path alone, the last resort (median ms, ${srp.bigintRounds} rounds)`, results.srp.clientHalfMedianMillis.oursBigIntPath],
  [`SRP server half (local pool), one sign-in: ours (median ms, ${srp.ourRounds} rounds)`, results.srp.serverHalfMedianMillis.ours],
  [`  ours on the BigInt path (median ms, ${srp.bigintRounds} rounds)`, results.srp.serverHalfMedianMillis.oursBigIntPath],
];
// ---- end SRP ----
// ---- Session timeline: the layout for a session with 500 rotations (src/core/appClient/sessionTimeline.ts). ----
const timeline = JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'timeline-probe.cjs'), '500'], { encoding: 'utf8' }));
results.timeline = { rotations: timeline.rotations, wholeSessionMedianMillis: round(timeline.sessionMedianMs), wholeSessionFirstMillis: round(timeline.sessionFirstMs), lastHourMedianMillis: round(timeline.hourMedianMs) };
// ---- end timeline ----
// ---- The local pool beside cognito-local (and moto, ministack when installed), each a fresh process (bench/pool-probe.cjs). ----
run('node', ['scripts/build.mjs', '--local-pool']);
const poolRun = JSON.parse(execFileSync(process.execPath, [join(root, 'bench', 'pool-probe.cjs'), ...(smoke ? ['--smoke'] : [])], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }));
results.localPool = poolRun.emulators;
// ---- end local pool ----
if (smoke) {
  // Every probe ran once and answered; the figures of one round mean nothing, so none is printed or judged.
  const probesRun = 4 + probes.length + triggers.length + 4; // hover small/big, decode, activation, triggers, refresh, SRP, timeline, local pool
  const wrong = triggers.filter((t) => !t.ok).map((t) => `dist/features.js started by ${t.name}: ${t.started}, expected ${t.expected}`);
  for (const line of wrong) console.error(line);
  printCounts('bench', probesRun - wrong.length, wrong.length);
  process.exit(wrong.length > 0 ? 1 : 0);
}
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

function round(value) {
  return Math.round(value * 100) / 100;
}

function printTable(table) {
  const last = table[0].length - 1;
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((cell, i) => (i < last ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd());
}

/**
 * Issue 19's table: each figure of ours with its budget, whether it is ahead of cognito-local's from the same
 * run, and every peer's figure. Lower is better except sign-ins per second.
 */
function poolTable(emulators) {
  const ours = emulators.find((e) => e.key === 'ours');
  const peers = emulators.filter((e) => e.key !== 'ours');
  const cognitoLocal = emulators.find((e) => e.key === 'cognitoLocal');
  const ms = (value) => (value === null || value === undefined ? 'unsupported' : `${round(value)} ms`);
  const figures = [
    { name: `cold start to first answer, fresh data folder (median of ${ours.coldStarts})`, of: (e) => e.coldStartMs, show: ms, budget: (v) => `≤ 600 ms ${within(v, 600)}` },
    { name: 'InitiateAuth USER_PASSWORD_AUTH (median)', of: (e) => e.signInMedianMs, show: ms, budget: (v) => `≤ 6 ms ${within(v, 6)}` },
    {
      name: '50 clients × 20 sign-ins (sign-ins/s, failures)',
      of: (e) => e.throughput.perSecond,
      show: (v, e) => `${v} /s, ${e.throughput.failures} failed`,
      budget: (v, e) => `≥ 350 /s, 0 failed ${v >= 350 && e.throughput.failures === 0 ? 'ok' : 'OVER'}`,
      higher: true,
    },
    { name: 'the same sign-in after the load (median; after how many)', of: (e) => e.loaded.signInMedianMs, show: (v, e) => `${ms(v)} after ${e.loaded.after.toLocaleString('en')}`, budget: () => '' },
    {
      name: 'the same sign-in after 10,000 (median)',
      of: (e) => e.grown?.signInMedianMs,
      show: (v, e) => (e.grown ? `${ms(v)} after ${e.grown.after.toLocaleString('en')}` : 'not run (minutes)'),
      budget: (v, e) => `within 10 % of ${ms(e.signInMedianMs)} ${v <= e.signInMedianMs * 1.1 ? 'ok' : 'OVER'}`,
    },
    { name: 'REFRESH_TOKEN_AUTH (median)', of: (e) => e.refresh.refreshTokenAuthMs, show: ms, budget: () => '' },
    {
      name: 'GetTokensFromRefreshToken with rotation (median)',
      of: (e) => e.refresh.getTokensFromRefreshTokenMs,
      show: (v, e) => `${ms(v)}${e.refresh.noNewRefreshToken ? ' (no new refresh token)' : ''}`,
      budget: (v) => `≤ 5 ms ${within(v, 5)}`,
    },
    { name: 'resident memory after the load', of: (e) => e.loaded.rssMB, show: (v, e) => `${v} MB after ${e.loaded.after.toLocaleString('en')}`, budget: (v) => `≤ 80 MB ${within(v, 80)}` },
    { name: 'resident memory after 10,000', of: (e) => e.grown?.rssMB, show: (v, e) => (e.grown ? `${v} MB` : 'not run'), budget: (v) => `80 MB reference ${within(v, 80)}` },
  ];
  const ahead = (figure) => {
    const mine = figure.of(ours);
    const theirs = cognitoLocal && figure.of(cognitoLocal);
    if (cognitoLocal && !cognitoLocal.grown && figure.name.includes('10,000')) return '(not run for it)';
    if (theirs === null || theirs === undefined) return 'yes (it has none)';
    return (figure.higher ? mine > theirs : mine < theirs) ? 'yes' : 'NO';
  };
  return [
    ['local pool, one pool/client/user, AWS SDK', 'ours', 'budget', 'ahead of cognito-local', ...peers.map((p) => p.name)],
    ...figures.map((f) => [f.name, f.show(f.of(ours), ours), f.budget(f.of(ours), ours), ahead(f), ...peers.map((p) => f.show(f.of(p), p))]),
  ];
}
// Each figure beside its budget (the product brief's; printed, never asserted) and its reference from this run.
const row = (name, value, budget = '', reference = '') => [name, String(value), budget, reference];
const within = (value, limit) => (value <= limit ? 'ok' : 'OVER');
const a = results.activation;
const rows = [
  row('hover, 3-line document (median µs)', results.hover.smallDocumentMedianMicros, `≤ 50 µs ${within(results.hover.smallDocumentMedianMicros, 50)}`, `decode alone ${results.decodeMedianMicros.ours} µs`),
  row(`hover, ${(bigBytes / 1e6).toFixed(1)} MB document with ${(fillerTokens + 1).toLocaleString('en')} tokens (median µs)`, results.hover.bigDocumentMedianMicros, `≤ 50 µs ${within(results.hover.bigDocumentMedianMicros, 50)}, size-independent`, `3-line document ${results.hover.smallDocumentMedianMicros} µs (ratio ${results.hover.ratioBigToSmall}, ${readsPerHover.lines} line read per hover)`),
  row(`decode one ID token, ${idToken.length} chars: ours (median µs)`, results.decodeMedianMicros.ours, '', `jose decodeJwt ${results.decodeMedianMicros.joseDecodeJwt} µs, jwt-decode ${results.decodeMedianMicros.jwtDecode} µs`),
  row('activation: require + activate() (median ms, 15 fresh processes)', a.medianMillis, `≤ 5 ms ${within(a.medianMillis, 5)}`, `everything at once (+ starting dist/features.js) ${a.eagerReferenceMedianMillis} ms`),
  row('activation: extension code loaded (KB)', kb(a.bytesLoaded), `≤ 80 KB ${within(a.bytesLoaded / 1024, 80)}`, `${a.filesLoaded.join(', ')}; left for first use: features.js ${kb(a.lazyBundleBytes['features.js'])} KB, hover.js ${kb(a.lazyBundleBytes['hover.js'])} KB`),
  row('  first command run: loads and starts dist/features.js (median ms)', a.firstCommandMedianMillis, 'once', activation.firstCommandLoaded.join(', ')),
  row('  dist/features.js started without a command by', triggers.filter((t) => t.started).map((t) => t.name).join(', '), triggers.every((t) => t.ok) ? 'as designed' : 'NOT as designed', 'not by: ' + triggers.filter((t) => !t.started).map((t) => t.name).join(', ')),
  row('  first hover: loads dist/hover.js (median ms)', a.firstHoverMedianMillis, 'once', `${activation.firstHoverLoaded.join(', ')}; includes the first Intl date format; 36 ms before issue 15`),
  row(`refresh (rotation), local pool: the command's path (median ms, ${refresh.rounds} rounds)`, results.refresh.commandPathMedianMillis, '', `bare SDK GetTokensFromRefreshToken ${results.refresh.bareSdkMedianMillis} ms`),
  row('  overhead: command minus bare call (ms)', results.refresh.overheadMedianMillis, `≤ 2 ms ${within(results.refresh.overheadMedianMillis, 2)}`, `bare SDK call ${results.refresh.bareSdkMedianMillis} ms`),
  row('  heap growth over 1,000 refreshes (MB, after GC)', results.refresh.heapGrowthOver1000RefreshesMB, 'bounded', 'the history keeps the last 200 records'),
];
// SRP block above: its first row (our client half) has a budget, and amazon-cognito-identity-js as reference.
rows.push(
  row(`session timeline layout, ${results.timeline.rotations} rotations, whole session (median ms)`, results.timeline.wholeSessionMedianMillis, `≤ 100 ms ${within(results.timeline.wholeSessionMedianMillis, 100)}`, `first (cold) ${results.timeline.wholeSessionFirstMillis} ms; last hour ${results.timeline.lastHourMedianMillis} ms`),
);
rows.push(...srpRows.map(([name, value], i) => (i === 0 ? row(name, value, `≤ 5 ms ${within(value, 5)}`, `amazon-cognito-identity-js ${results.srp.clientHalfMedianMillis.amazonCognitoIdentityJs} ms`) : row(name, value))));
const header = row('figure', 'measured', 'budget', 'reference');
printTable([header, ...rows]);
console.log('');
printTable(poolTable(results.localPool));
console.log('\nwritten to bench/results.json');
if (!triggers.every((t) => t.ok)) process.exitCode = 1;
