import type { TokenInfo } from '../../auth/tokens';
import { ContainerRegistryClient } from '../../github/containerRegistry';
import { registryBaseUrl, registryTokenHosts } from '../../github/hosts';
import type { ManifestReader } from '../../registry/multiArchGuard';
import type { Services } from '../services';

/** Reads manifests from the host's container registry with the token the command was given. */
export function manifestReader(services: Services, token: TokenInfo): ManifestReader {
  return registryClient(services, token);
}

/** The host's container registry with the token the command was given (reads, and tag moves for Untag). */
export function registryClient(services: Services, token: TokenInfo): ContainerRegistryClient {
  return new ContainerRegistryClient({
    registry: registryBaseUrl(services.host(), 'container', services.registryOptions()),
    token: async () => token.token,
    username: () => token.account ?? services.registry.viewer?.login,
    tokenHosts: registryTokenHosts(services.host()),
  });
}
