import { timelineInput } from '../appClient/appClientService';
import type { TokenType } from '../core/shared/vocabulary';
import type { Services } from '../services';
import type { StoredTokenSource } from './inspectorPanel';

/** A stored token as the inspector follows it: the repository's current token and the profile's rotation records. */
export function storedTokenSource(services: Services, profile: string, tokenType: TokenType): StoredTokenSource {
  return {
    profile,
    records: () => services.repository.records(profile),
    onDidChange: services.repository.onDidChange,
    latest: async () => (await services.repository.current(profile).catch(() => undefined))?.tokens[tokenType],
    appClient: async () => {
      const config = services.profiles.get(profile);
      return config && services.appClients.view(config);
    },
    timelineInput: async () => {
      const session = await services.repository.current(profile).catch(() => undefined);
      if (!session) return undefined;
      const config = services.profiles.get(profile);
      const view = config && (await services.appClients.view(config).catch(() => undefined));
      return timelineInput(session, services.repository.records(profile), view?.summary, services.clock.now());
    },
  };
}
