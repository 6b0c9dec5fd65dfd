import type { Account, PackageRecord, RepoRecord, ServerState, VersionRecord } from './state';

/** JSON bodies shaped like api.github.com's (every field the OpenAPI schemas require). */

const HTML = 'https://github.com';
const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const nodeId = (type: string, id: number) => Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
/** Legacy global node id of a package version ("014:PackageVersion<id>" in base64), used by GraphQL. */
export const versionNodeId = (id: number) => nodeId('PackageVersion', id);
export const encodeName = (name: string) => encodeURIComponent(name);

export function simpleUser(api: string, a: Account): Record<string, unknown> {
  const u = `${api}/users/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId(a.kind, a.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
    gravatar_id: '',
    url: u,
    html_url: `${HTML}/${a.login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type: a.kind,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function fullUser(api: string, a: Account, isSelf: boolean): Record<string, unknown> {
  const base = {
    ...simpleUser(api, a),
    name: a.name,
    company: null,
    blog: '',
    location: null,
    email: null,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: iso(a.createdAt),
    updated_at: iso(a.createdAt),
  };
  if (!isSelf) return base;
  return {
    ...base,
    user_view_type: 'private',
    private_gists: 0,
    total_private_repos: 0,
    owned_private_repos: 0,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: 'free', space: 976562499, private_repos: 10000, collaborators: 0 },
  };
}

export function orgSimple(api: string, a: Account): Record<string, unknown> {
  const o = `${api}/orgs/${a.login}`;
  return {
    login: a.login,
    id: a.id,
    node_id: nodeId('Organization', a.id),
    url: o,
    repos_url: `${o}/repos`,
    events_url: `${o}/events`,
    hooks_url: `${o}/hooks`,
    issues_url: `${o}/issues`,
    members_url: `${o}/members{/member}`,
    public_members_url: `${o}/public_members{/member}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${a.id}?v=4`,
    description: null,
  };
}

export function orgFull(api: string, a: Account): Record<string, unknown> {
  return {
    ...orgSimple(api, a),
    name: a.name,
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: 0,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${HTML}/${a.login}`,
    type: 'Organization',
    created_at: iso(a.createdAt),
    updated_at: iso(a.createdAt),
    archived_at: null,
  };
}

export function minimalRepo(api: string, state: ServerState, r: RepoRecord): Record<string, unknown> {
  const owner = state.account(r.owner)!;
  const u = `${api}/repos/${r.owner}/${r.name}`;
  const urls: Record<string, string> = {};
  const templated: Record<string, string> = {
    archive_url: '/{archive_format}{/ref}',
    assignees_url: '/assignees{/user}',
    blobs_url: '/git/blobs{/sha}',
    branches_url: '/branches{/branch}',
    collaborators_url: '/collaborators{/collaborator}',
    comments_url: '/comments{/number}',
    commits_url: '/commits{/sha}',
    compare_url: '/compare/{base}...{head}',
    contents_url: '/contents/{+path}',
    contributors_url: '/contributors',
    deployments_url: '/deployments',
    downloads_url: '/downloads',
    events_url: '/events',
    forks_url: '/forks',
    git_commits_url: '/git/commits{/sha}',
    git_refs_url: '/git/refs{/sha}',
    git_tags_url: '/git/tags{/sha}',
    hooks_url: '/hooks',
    issue_comment_url: '/issues/comments{/number}',
    issue_events_url: '/issues/events{/number}',
    issues_url: '/issues{/number}',
    keys_url: '/keys{/key_id}',
    labels_url: '/labels{/name}',
    languages_url: '/languages',
    merges_url: '/merges',
    milestones_url: '/milestones{/number}',
    notifications_url: '/notifications{?since,all,participating}',
    pulls_url: '/pulls{/number}',
    releases_url: '/releases{/id}',
    stargazers_url: '/stargazers',
    statuses_url: '/statuses/{sha}',
    subscribers_url: '/subscribers',
    subscription_url: '/subscription',
    tags_url: '/tags',
    teams_url: '/teams',
    trees_url: '/git/trees{/sha}',
  };
  for (const [k, suffix] of Object.entries(templated)) urls[k] = u + suffix;
  return {
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    owner: simpleUser(api, owner),
    private: r.visibility !== 'public',
    html_url: `${HTML}/${r.owner}/${r.name}`,
    description: r.description,
    fork: false,
    url: u,
    ...urls,
    visibility: r.visibility,
  };
}

export function fullRepo(api: string, state: ServerState, r: RepoRecord, admin: boolean): Record<string, unknown> {
  const html = `${HTML}/${r.owner}/${r.name}`;
  return {
    ...minimalRepo(api, state, r),
    git_url: `git://github.com/${r.owner}/${r.name}.git`,
    ssh_url: `git@github.com:${r.owner}/${r.name}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    mirror_url: null,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: 'main',
    open_issues_count: 0,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    pushed_at: iso(r.updatedAt),
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
    permissions: { admin, maintain: admin, push: admin, triage: admin, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    license: null,
    forks: 0,
    open_issues: 0,
    watchers: 0,
    network_count: 0,
    subscribers_count: 0,
  };
}

/** Package pages live on the stand-in itself (it serves a page for them), so "Open on GitHub" stays local. */
function webUrl(api: string): string {
  return new URL(api).origin;
}

function ownerPath(a: Account): string {
  return a.kind === 'Organization' ? `orgs/${a.login}` : `users/${a.login}`;
}

export function packageJson(api: string, state: ServerState, p: PackageRecord): Record<string, unknown> {
  const owner = state.account(p.owner)!;
  const repo = p.repository ? state.repo(p.repository) : undefined;
  return {
    id: p.id,
    name: p.name,
    package_type: p.type,
    owner: simpleUser(api, owner),
    version_count: state.versionCount(p),
    visibility: state.effectiveVisibility(p),
    url: `${api}/${ownerPath(owner)}/packages/${p.type}/${encodeName(p.name)}`,
    created_at: iso(p.createdAt),
    updated_at: iso(p.updatedAt),
    repository: repo ? minimalRepo(api, state, repo) : null,
    html_url: `${webUrl(api)}/${ownerPath(owner)}/packages/${p.type}/package/${encodeName(p.name)}`,
  };
}

export function versionJson(api: string, state: ServerState, v: VersionRecord): Record<string, unknown> {
  const p = state.packageOf(v);
  const owner = state.account(p.owner)!;
  const metadata: Record<string, unknown> = { package_type: p.type };
  if (p.type === 'container') metadata.container = { tags: v.tags };
  // The schema describes `tag` but requires `tags`: send both so either reading holds.
  if (p.type === 'docker') metadata.docker = { tag: v.tags, tags: v.tags };
  const body: Record<string, unknown> = {
    id: v.id,
    name: v.name,
    url: `${api}/${ownerPath(owner)}/packages/${p.type}/${encodeName(p.name)}/versions/${v.id}`,
    package_html_url: `${webUrl(api)}/${ownerPath(owner)}/packages/${p.type}/package/${encodeName(p.name)}`,
    created_at: iso(v.createdAt),
    updated_at: iso(v.updatedAt),
    html_url: `${webUrl(api)}/${ownerPath(owner)}/packages/${p.type}/${encodeName(p.name)}/${v.id}`,
    metadata,
  };
  if (v.license) body.license = v.license;
  if (v.description) body.description = v.description;
  if (v.deletedAt) body.deleted_at = iso(v.deletedAt);
  return body;
}
