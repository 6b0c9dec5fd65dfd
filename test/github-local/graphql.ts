import { hasScope, json, parseJson, type Ctx, type Reply } from './http';
import { REPOSITORY_SCOPED } from './state';
import { versionDeleteRefusal } from './rest';

/** GraphQL: the legacy `deletePackageVersion` mutation (repository-scoped packages) and `node(id:)` for a PackageVersion. */

function decodeVersionId(id: string): number | undefined {
  const m = /^0\d+:PackageVersion(\d+)$/.exec(Buffer.from(id, 'base64').toString('utf8'));
  return m ? Number(m[1]) : undefined;
}

function fieldError(type: string, message: string): Reply {
  return json(200, {
    data: { deletePackageVersion: null },
    errors: [{ type, path: ['deletePackageVersion'], locations: [{ line: 1, column: 1 }], message }],
  });
}

export function handleGraphql(ctx: Ctx): Reply {
  if (!ctx.token)
    return json(401, {
      message: 'This endpoint requires you to be authenticated.',
      documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql',
    });
  if (ctx.method !== 'POST') return json(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/graphql' });
  const body = parseJson(ctx.body) as { query?: string; variables?: Record<string, unknown> } | undefined;
  const query = body?.query ?? '';
  const variables = body?.variables ?? {};
  if (!/\bdeletePackageVersion\b/.test(query) && /\bnode\s*\(/.test(query)) return packageVersionNode(ctx, query, variables);
  if (!/\bdeletePackageVersion\b/.test(query)) {
    return json(200, { errors: [{ message: 'The local GitHub stand-in only implements deletePackageVersion and node(id:).' }] });
  }
  let id: unknown;
  const literal = /packageVersionId\s*:\s*"([^"]+)"/.exec(query);
  const variable = /packageVersionId\s*:\s*\$(\w+)/.exec(query);
  const wholeInput = /input\s*:\s*\$(\w+)/.exec(query);
  if (literal) id = literal[1];
  else if (variable) id = variables[variable[1]];
  else if (wholeInput) id = (variables[wholeInput[1]] as { packageVersionId?: unknown } | undefined)?.packageVersionId;
  if (!hasScope(ctx.token, 'delete:packages')) {
    return fieldError(
      'INSUFFICIENT_SCOPES',
      `Your token has not been granted the required scopes to execute this query. The 'deletePackageVersion' field requires one of the following scopes: ['delete:packages'], but your token has only been granted the: [${ctx.token.scopes.map((s) => `'${s}'`).join(', ')}] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.`,
    );
  }
  const versionId = typeof id === 'string' ? decodeVersionId(id) : undefined;
  const version = versionId ? ctx.state.version(versionId) : undefined;
  const notFound = () => fieldError('NOT_FOUND', `Could not resolve to a node with the global id of '${String(id)}'`);
  if (!version || version.deletedAt) return notFound();
  const pkg = ctx.state.packageOf(version);
  const owner = ctx.state.account(pkg.owner)!;
  const login = ctx.token.user.toLowerCase();
  const admin = owner.kind === 'User' ? owner.login.toLowerCase() === login : owner.members.get(login) === 'admin';
  const canSee = ctx.state.effectiveVisibility(pkg) === 'public' || (owner.kind === 'User' ? admin : owner.members.has(login));
  if (pkg.deletedAt || !canSee) return notFound();
  if (!REPOSITORY_SCOPED.includes(pkg.type))
    return fieldError(
      'UNPROCESSABLE',
      `Package type ${pkg.type.toUpperCase()} does not support deletion through GraphQL; use the REST API.`,
    );
  if (!admin) return fieldError('FORBIDDEN', 'Viewer does not have permission to delete this package version.');
  const refusal = versionDeleteRefusal(ctx.state, pkg, version);
  if (refusal) return fieldError('UNPROCESSABLE', refusal);
  ctx.state.deleteVersion(version);
  const mutationId = /clientMutationId\s*:\s*"([^"]*)"/.exec(query)?.[1];
  return json(200, {
    data: { deletePackageVersion: { success: true, ...(mutationId !== undefined ? { clientMutationId: mutationId } : {}) } },
  });
}

/** `node(id:)` resolving a legacy PackageVersion id to its version, package and repository owner, as GitHub does. */
function packageVersionNode(ctx: Ctx, query: string, variables: Record<string, unknown>): Reply {
  const variable = /node\s*\(\s*id\s*:\s*\$(\w+)/.exec(query);
  const literal = /node\s*\(\s*id\s*:\s*"([^"]+)"/.exec(query);
  const id = literal ? literal[1] : variable ? variables[variable[1]] : undefined;
  const versionId = typeof id === 'string' ? decodeVersionId(id) : undefined;
  const version = versionId ? ctx.state.version(versionId) : undefined;
  if (!version || !ctx.token)
    return json(200, {
      data: { node: null },
      errors: [{ type: 'NOT_FOUND', path: ['node'], message: `Could not resolve to a node with the global id of '${String(id)}'` }],
    });
  const pkg = ctx.state.packageOf(version);
  return json(200, {
    data: {
      node: {
        __typename: 'PackageVersion',
        id,
        version: version.name,
        package: {
          name: pkg.name,
          packageType: pkg.type.toUpperCase(),
          repository: pkg.repository ? { name: pkg.repository, owner: { login: pkg.owner } } : null,
        },
      },
    },
  });
}
