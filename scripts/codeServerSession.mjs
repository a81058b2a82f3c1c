// Starts code-server with fresh folders and a headless Chromium pointed at it. Shared by the host suite,
// the UI suite and `npm start` (which skips the browser). Recipe: ../shared/docs/real-vscode-offline.md.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerInfo, ensureCodeServer, freePort, root, startCodeServer } from './lib.mjs';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/**
 * @param {{ folder: string, settings?: object, env?: Record<string,string>, vsix?: string, name: string, testPayload?: boolean }} options
 */
export async function openCodeServer(options) {
  const bin = ensureCodeServer();
  const base = mkdtempSync(join(tmpdir(), `cti-${options.name}-`));
  const userDataDir = join(base, 'ud');
  const extensionsDir = join(base, 'ext');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'workbench.startupEditor': 'none',
      'security.workspace.trust.enabled': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'workbench.tips.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      ...options.settings,
    }, null, 2),
  );
  const configPath = join(base, 'config.yaml');
  writeFileSync(configPath, 'auth: none\n');
  if (options.vsix) {
    const { spawnSync } = await import('node:child_process');
    const result = spawnSync(bin, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', options.vsix], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`installing ${options.vsix} failed: ${result.stderr}`);
  }
  const port = await freePort();
  const logFile = join(base, 'code-server.log');
  Object.assign(process.env, options.env ?? {});
  const server = await startCodeServer({ bin, port, userDataDir, extensionsDir, configPath, folder: options.folder, logFile, testPayload: options.testPayload });
  return { base, port, userDataDir, logFile, stop: server.stop, url: `http://127.0.0.1:${port}`, ...codeServerInfo(bin) };
}

/** The workbench URL that loads this repository as a development extension (and optionally a test module). */
export function developmentUrl(port, folder, testsPath) {
  const remote = (path) => `vscode-remote://127.0.0.1:${port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(root)]];
  if (testsPath) payload.push(['extensionTestsPath', remote(testsPath)]);
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

export async function launchBrowser(base) {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(join(base, 'chromium'), {
    executablePath: process.env.CTI_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  });
}
