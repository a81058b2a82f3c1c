import type { AppClientView } from '../appClient/appClientService';
import type { Services } from '../services';
import { pickProfile } from './pickProfile';

/**
 * `cognitoTokens.describeAppClient {profile?}` → `{ profile, summary, findings }`: the pool and app client
 * explained (read again now) and the preflight findings. No secret (only how many), no token. The tree's node
 * is redrawn with what was read.
 */
export async function describeAppClientCommand(services: Services, raw: unknown): Promise<(AppClientView & { profile: string }) | undefined> {
  const args = (typeof raw === 'object' && raw !== null ? raw : {}) as { profile?: unknown };
  const profile = await pickProfile(services, typeof args.profile === 'string' ? args.profile : undefined);
  if (!profile) return undefined;
  const view = await services.appClients.view(profile, true);
  services.log.info(`[appClient] ${profile.name}: read from ${view.summary.readFrom}; findings: ${view.findings.map((f) => f.code).join(', ') || 'none'}`);
  return { profile: profile.name, ...view };
}
