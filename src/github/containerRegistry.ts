/**
 * Reads container manifests from the registry (ghcr.io, `containers.HOST`, or an override): the multi-arch guard
 * needs the index manifests of tagged images, which the REST packages API does not return.
 */
import { classifyError, GitHubError } from './errors';
import { registerSecret } from './redact';
import { isLoopbackHost, isSecureOrLoopback, readCapped, withSafeRedirects } from './safeFetch';
import { shortDigest } from './types';

export const MANIFEST_MEDIA_TYPES = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

const ACCEPT = Object.values(MANIFEST_MEDIA_TYPES).join(', ');

/** One entry of an index's `manifests` list. */
export interface ManifestDescriptor {
  mediaType: string;
  digest: string;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

export interface Manifest {
  mediaType: string;
  /** `docker-content-digest` when the registry sent it. */
  digest?: string;
  /** Children of an index or manifest list; empty for an image manifest. */
  manifests: ManifestDescriptor[];
  /** An image manifest's config and layers with their sizes (what storage it holds); empty for an index. */
  blobs?: { digest: string; size: number }[];
}

export interface ContainerRegistryOptions {
  /** Registry base from `registryBaseUrl(host, 'container')`: `ghcr.io`, `127.0.0.1:PORT`, or a URL with a scheme. */
  registry: string;
  /** The GitHub token (read per call so a new sign-in takes effect); `undefined` reads public images anonymously. */
  token: () => Promise<string | undefined>;
  /** The basic-auth user name for the token request (GitHub ignores it for classic tokens, but one must be sent). */
  username?: () => string | undefined;
  /**
   * Hosts (`name[:port]`) besides the registry's own that may receive the token at a bearer challenge's `realm`:
   * GitHub's own hosts for the API host in use (see `registryTokenHosts`). Any other realm fails closed.
   */
  tokenHosts?: readonly string[];
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** A manifest or index is small; anything bigger is not one (and must not fill memory). */
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** An index is any manifest that lists `manifests`, whatever media type it claims (registries and tools vary). */
export function isIndex(manifest: Pick<Manifest, 'mediaType' | 'manifests'>): boolean {
  return (
    manifest.manifests.length > 0 ||
    manifest.mediaType === MANIFEST_MEDIA_TYPES.ociIndex ||
    manifest.mediaType === MANIFEST_MEDIA_TYPES.dockerList
  );
}

/** A child descriptor that may itself be an index: anything not known to be a single image's manifest. */
export function mayBeIndex(mediaType: string | undefined): boolean {
  return mediaType !== MANIFEST_MEDIA_TYPES.ociManifest && mediaType !== MANIFEST_MEDIA_TYPES.dockerManifest;
}

/** `http://` for loopback hosts (the local stand-in), `https://` otherwise, unless the setting names a scheme. */
export function registryOrigin(registry: string): string {
  const trimmed = registry.trim().replace(/\/+$/, '');
  if (/^https?:\/\//i.test(trimmed)) return trimmed;
  const host = trimmed.split('/')[0];
  return URL.canParse(`http://${host}`) && isLoopbackHost(new URL(`http://${host}`).hostname) ? `http://${host}` : `https://${host}`;
}

export class ContainerRegistryClient {
  private readonly registryTokens = new Map<string, string>();
  private readonly origin: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ContainerRegistryOptions) {
    this.origin = registryOrigin(options.registry);
    this.fetch = withSafeRedirects(options.fetch ?? globalThis.fetch);
  }

  /** `GET /v2/OWNER/IMAGE/manifests/REF` with the index and manifest media types accepted. Retries one transient failure. */
  async getManifest(owner: string, image: string, reference: string, options: { signal?: AbortSignal } = {}): Promise<Manifest> {
    const repository = `${owner}/${image}`.toLowerCase();
    const operation = `read the manifest ${shortDigest(reference)} of ${repository} from the container registry`;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.fetchManifest(repository, reference, options.signal);
      } catch (error) {
        const failure =
          classifyError(error, { operation, signal: options.signal }) ??
          new GitHubError({ kind: 'network', cause: 'dropped' }, { operation });
        const transient = failure.kind === 'network' || failure.kind === 'server';
        if (!transient || attempt >= 2) throw failure;
      }
    }
  }

  private async fetchManifest(repository: string, reference: string, signal: AbortSignal | undefined): Promise<Manifest> {
    const url = `${this.origin}/v2/${repository}/manifests/${encodeURIComponent(reference)}`;
    let token = this.registryTokens.get(repository);
    let response = await this.send(url, { accept: ACCEPT, ...(token ? { authorization: `Bearer ${token}` } : {}) }, signal);
    if (response.status === 401) {
      token = await this.registryToken(repository, response.headers.get('www-authenticate'), signal);
      response = await this.send(url, { accept: ACCEPT, authorization: `Bearer ${token}` }, signal);
    }
    const text = new TextDecoder().decode(await readCapped(response, MAX_MANIFEST_BYTES, 'the container registry'));
    if (!response.ok) throw httpError(response.status, registryMessage(text) ?? response.statusText, response.headers);
    let body: {
      mediaType?: string;
      manifests?: ManifestDescriptor[];
      config?: { digest?: unknown; size?: unknown };
      layers?: { digest?: unknown; size?: unknown }[];
    };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new GitHubError(
        { kind: 'network', cause: 'dropped' },
        { operation: `read the manifest of ${repository} (the answer was not JSON)` },
      );
    }
    const mediaType = body.mediaType ?? response.headers.get('content-type')?.split(';')[0] ?? '';
    const blobs = [body.config, ...(Array.isArray(body.layers) ? body.layers : [])]
      .filter(
        (blob): blob is { digest: string; size: number } =>
          typeof blob?.digest === 'string' && typeof blob.size === 'number' && blob.size >= 0,
      )
      .map((blob) => ({ digest: blob.digest, size: blob.size }));
    return {
      mediaType,
      digest: response.headers.get('docker-content-digest') ?? undefined,
      manifests: Array.isArray(body.manifests) ? body.manifests : [],
      blobs,
    };
  }

  /** The registry's bearer token for pulling one repository (basic auth USER:TOKEN at the challenge's realm). */
  private async registryToken(
    repository: string,
    challenge: string | null,
    signal: AbortSignal | undefined,
    actions = 'pull',
  ): Promise<string> {
    const params = parseChallenge(challenge);
    const realm = this.checkedRealm(params.realm ?? `${this.origin}/token`);
    const query = new URLSearchParams({
      scope: `repository:${repository}:${actions}`,
      ...(params.service ? { service: params.service } : {}),
    });
    const githubToken = await this.options.token();
    const headers: Record<string, string> = {};
    if (githubToken) {
      registerSecret(githubToken);
      headers.authorization = `Basic ${Buffer.from(`${this.options.username?.() ?? 'token'}:${githubToken}`).toString('base64')}`;
    }
    const response = await this.send(`${realm.origin}${realm.pathname}?${query}`, headers, signal);
    const text = new TextDecoder().decode(await readCapped(response, MAX_MANIFEST_BYTES, 'the container registry'));
    if (response.status === 403 && githubToken) {
      // ghcr.io answers an expired, revoked or fine-grained token here with 403 DENIED, not 401, and says no more.
      const said = registryMessage(text) ?? response.statusText;
      const githubMessage = /[.!?]$/.test(said) ? said : `${said}.`;
      throw new GitHubError(
        { kind: 'refused', reason: 'registryTokenDenied', githubMessage },
        { operation: `get a registry token for ${repository}`, status: 403 },
      );
    }
    if (!response.ok) throw httpError(response.status, registryMessage(text) ?? response.statusText, response.headers);
    const token =
      (JSON.parse(text) as { token?: string; access_token?: string }).token ?? (JSON.parse(text) as { access_token?: string }).access_token;
    if (!token)
      throw new GitHubError({ kind: 'notSignedIn', tokenRejected: true }, { operation: `get a registry token for ${repository}` });
    registerSecret(token);
    this.registryTokens.set(actions === 'pull' ? repository : `${repository}#${actions}`, token);
    return token;
  }

  /**
   * The realm a 401 names gets the GitHub token, so it must be the registry itself or one of GitHub's own token
   * hosts, over https (plain http only on loopback, for the local stand-in). Anything else fails closed.
   */
  private checkedRealm(realm: string): URL {
    let url: URL;
    try {
      url = new URL(realm, this.origin);
    } catch {
      throw new GitHubError(
        { kind: 'badResponse', problem: `a registry challenge with an unreadable realm` },
        { operation: 'sign in to the container registry' },
      );
    }
    const registryHost = new URL(this.origin).host.toLowerCase();
    const allowed = [registryHost, ...(this.options.tokenHosts ?? []).map((h) => h.toLowerCase())];
    if (!allowed.includes(url.host.toLowerCase())) {
      throw new GitHubError({
        kind: 'untrustedHost',
        host: url.host,
        purpose: `the container registry ${registryHost} asked for it to be sent there`,
      });
    }
    if (!isSecureOrLoopback(url) || !isSecureOrLoopback(new URL(this.origin))) {
      throw new GitHubError({ kind: 'untrustedHost', host: url.host, purpose: 'the registry token service is not https' });
    }
    return url;
  }

  private async send(
    url: string,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
    put?: { body: string },
  ): Promise<Response> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    const method = put ? { method: 'PUT', body: put.body } : {};
    return this.fetch(url, { ...method, headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  }

  /**
   * `PUT /v2/OWNER/IMAGE/manifests/TAG`: moves a tag to the given manifest (the registry way to untag, since GitHub's
   * API has none). Needs a registry token with push rights; returns the pushed manifest's digest.
   */
  async putManifest(
    owner: string,
    image: string,
    tag: string,
    manifest: { mediaType: string; body: string },
    options: { signal?: AbortSignal } = {},
  ): Promise<string> {
    const repository = `${owner}/${image}`.toLowerCase();
    try {
      return await this.pushManifest(repository, tag, manifest, options.signal);
    } catch (error) {
      const operation = `move the tag ${tag} of ${repository} in the container registry`;
      throw (
        classifyError(error, { operation, signal: options.signal }) ?? new GitHubError({ kind: 'network', cause: 'dropped' }, { operation })
      );
    }
  }

  private async pushManifest(
    repository: string,
    tag: string,
    manifest: { mediaType: string; body: string },
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const url = `${this.origin}/v2/${repository}/manifests/${encodeURIComponent(tag)}`;
    const headers = (token?: string) => ({ 'content-type': manifest.mediaType, ...(token ? { authorization: `Bearer ${token}` } : {}) });
    let token = this.registryTokens.get(`${repository}#pull,push`);
    let response = await this.send(url, headers(token), signal, { body: manifest.body });
    if (response.status === 401) {
      token = await this.registryToken(repository, response.headers.get('www-authenticate'), signal, 'pull,push');
      response = await this.send(url, headers(token), signal, { body: manifest.body });
    }
    const text = new TextDecoder().decode(await readCapped(response, MAX_MANIFEST_BYTES, 'the container registry'));
    if (!response.ok) throw httpError(response.status, registryMessage(text) ?? response.statusText, response.headers);
    const digest = response.headers.get('docker-content-digest');
    if (!digest)
      throw new GitHubError(
        { kind: 'badResponse', problem: 'a pushed manifest without its digest' },
        { operation: `move the tag ${tag} of ${repository}` },
      );
    return digest;
  }
}

/** `Bearer realm="https://ghcr.io/token",service="ghcr.io",scope="…"` → its parameters. */
export function parseChallenge(header: string | null): Record<string, string> {
  const params: Record<string, string> = {};
  if (!header || !/^bearer\s/i.test(header)) return params;
  for (const match of header.slice(7).matchAll(/(\w+)="([^"]*)"/g)) params[match[1]] = match[2];
  return params;
}

function registryMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { errors?: { message?: string }[]; message?: string };
    return body.errors?.[0]?.message ?? body.message;
  } catch {
    return undefined;
  }
}

function httpError(status: number, message: string, headers: Headers): unknown {
  // Shaped like Octokit's RequestError so classifyError maps statuses the same way as for the REST API.
  const plain: Record<string, string> = {};
  headers.forEach((value, name) => (plain[name] = value));
  return { status, message, response: { status, headers: plain, data: { message } } };
}
