import * as vscode from 'vscode';
import {
  dependencyParserFor,
  hostedOnGitHub,
  parseDependencies,
  type CompanionFiles,
  type GitHubRegistries,
  type HostedDependency,
  type TextSpan,
} from '../ecosystems/dependencies';
import { registryBaseUrl } from '../github/hosts';
import { cannotAsk, dependencyStatus, needsDeletedVersions, type DependencyStatus } from '../registry/dependencyStatus';
import type { RegistryService } from '../registry/service';

/** What the manifest features need of the extension's services. */
export interface ManifestServices {
  readonly registry: RegistryService;
  host(): import('../github/hosts').GitHubHost;
  registryOptions(): import('../github/hosts').RegistryOptions;
  onDidChangeRegistry: vscode.Event<void>;
}

export interface AnalyzedDependency {
  dependency: HostedDependency;
  status: DependencyStatus;
  /** From the name to the end of the version (or digest): where diagnostics and code actions attach. */
  range: vscode.Range;
  versionRange?: vscode.Range;
  digestRange?: vscode.Range;
}

/** Files a manifest may be; the features register for these. */
export const MANIFEST_SELECTOR: vscode.DocumentFilter[] = [
  { pattern: '**/{package.json,pom.xml,build.gradle,build.gradle.kts,Gemfile,gems.rb,Directory.Packages.props,Directory.Build.props}' },
  { pattern: '**/*.{csproj,fsproj,vbproj}' },
  { pattern: '**/{Dockerfile,Containerfile,*.Dockerfile,*.Containerfile,Dockerfile.*,Containerfile.*}' },
  { pattern: '**/{compose,docker-compose}{,.*}.{yml,yaml}' },
  { pattern: '**/.github/workflows/*.{yml,yaml}' },
];

/**
 * Reads open manifests against the RegistryService: parses them (cheap, per document version), decides which
 * dependencies GitHub Packages hosts, and asks the service for each package's versions once. It never requests
 * a package listing of its own: owners and packages come from the listing the tree shows.
 */
export class ManifestAnalyzer implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) when what the analysis says may have changed: the registry's state or a config file. */
  readonly onDidChange = this.changed.event;
  private readonly parsed = new Map<string, { version: number; dependencies: HostedDependency[] }>();
  private readonly companions = new Map<string, CompanionFiles | Promise<void>>();
  private readonly requested = new Set<string>();
  private registryInstance: RegistryService | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly services: ManifestServices) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.npmrc,nuget.config,NuGet.Config,NuGet.config}');
    const forget = () => {
      this.companions.clear();
      this.parsed.clear();
      this.fireSoon();
    };
    this.subscriptions.push(
      this.changed,
      watcher,
      watcher.onDidChange(forget),
      watcher.onDidCreate(forget),
      watcher.onDidDelete(forget),
      services.onDidChangeRegistry(() => this.fireSoon()),
      // Registry URLs and the hints setting change what is hosted and what is shown.
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('githubPackages') || event.affectsConfiguration('github-enterprise')) forget();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.parsed.delete(document.uri.toString())),
    );
  }

  static isManifest(document: vscode.TextDocument): boolean {
    return dependencyParserFor(document.uri.path) !== undefined;
  }

  /** The dependencies GitHub Packages hosts (or may host) in a document, with what the RegistryService knows of each. */
  analyze(document: vscode.TextDocument): AnalyzedDependency[] {
    const registry = this.services.registry;
    if (registry !== this.registryInstance) {
      this.registryInstance = registry;
      this.requested.clear();
    }
    const owners = registry.getOwners();
    return this.dependencies(document).map((dependency) => {
      const status = dependencyStatus(dependency, registry, owners);
      const end = dependency.digestSpan ?? dependency.versionSpan ?? dependency.nameSpan;
      return {
        dependency,
        status,
        range: rangeOf(document, { start: dependency.nameSpan.start, end: end.end }),
        versionRange: dependency.versionSpan && rangeOf(document, dependency.versionSpan),
        digestRange: dependency.digestSpan && rangeOf(document, dependency.digestSpan),
      };
    });
  }

  /**
   * Asks the RegistryService for the versions the analysis lacks, at most once per package (and once for deleted
   * ones). Dependencies on screen go first, so what the user looks at decorates in the first round trips.
   */
  loadMissing(analysis: readonly AnalyzedDependency[], visible: readonly vscode.Range[] = []): void {
    const registry = this.services.registry;
    if (cannotAsk(registry)) return;
    const onScreen = (analyzed: AnalyzedDependency) => (visible.some((range) => range.intersection(analyzed.range)) ? 0 : 1);
    for (const { status } of [...analysis].sort((a, b) => onScreen(a) - onScreen(b))) {
      if (status.kind !== 'package') continue;
      const id = `${status.ref.owner.login}/${status.ref.type}/${status.ref.name}`.toLowerCase();
      // Versions kept from the last session decorate at once; they are still asked for once to be current.
      if ((!status.versions || status.versions.fromCache) && status.versions?.status !== 'loading' && !this.requested.has(id)) {
        this.requested.add(id);
        void registry.loadVersions(status.ref).catch(() => undefined);
      } else if (needsDeletedVersions(status) && !this.requested.has(`${id}#deleted`)) {
        this.requested.add(`${id}#deleted`);
        void registry.loadVersions(status.ref, { state: 'deleted' }).catch(() => undefined);
      }
    }
  }

  private dependencies(document: vscode.TextDocument): HostedDependency[] {
    const key = document.uri.toString();
    const cached = this.parsed.get(key);
    if (cached?.version === document.version) return cached.dependencies;
    const companions = this.companionsOf(document.uri);
    const registries = this.registries();
    const dependencies = parseDependencies(document.uri.path, document.getText(), companions)
      .map((dependency) => hostedOnGitHub(dependency, registries))
      .filter((dependency): dependency is HostedDependency => dependency !== undefined);
    this.parsed.set(key, { version: document.version, dependencies });
    return dependencies;
  }

  private registries(): GitHubRegistries {
    const host = this.services.host();
    const options = this.services.registryOptions();
    return {
      npm: registryBaseUrl(host, 'npm', options),
      maven: registryBaseUrl(host, 'maven', options),
      nuget: registryBaseUrl(host, 'nuget', options),
      rubygems: registryBaseUrl(host, 'rubygems', options),
      container: registryBaseUrl(host, 'container', options),
    };
  }

  /** `.npmrc` of the manifest's folder and the `nuget.config` files from there up to the workspace folder, read once. */
  private companionsOf(manifest: vscode.Uri): CompanionFiles {
    const folder = vscode.Uri.joinPath(manifest, '..');
    const key = folder.toString();
    const known = this.companions.get(key);
    if (known && !(known instanceof Promise)) return known;
    if (!known) {
      const reading = readCompanions(folder).then((files) => {
        this.companions.set(key, files);
        this.parsed.clear();
        this.fireSoon();
      });
      this.companions.set(key, reading);
    }
    return {};
  }

  /**
   * At most one change per 150 ms, never postponed by the next: while 200 dependencies' versions arrive one after
   * another, the hints fill in as they come instead of waiting for the last answer.
   */
  private fireSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.changed.fire();
    }, 150);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

function rangeOf(document: vscode.TextDocument, span: TextSpan): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

async function readCompanions(folder: vscode.Uri): Promise<CompanionFiles> {
  const read = async (uri: vscode.Uri) => {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  };
  const root = vscode.workspace.getWorkspaceFolder(folder)?.uri.path;
  const folders: vscode.Uri[] = [folder];
  for (let current = folder; root && current.path.length > root.length && current.path.startsWith(root);) {
    current = vscode.Uri.joinPath(current, '..');
    folders.push(current);
  }
  const nugetConfigs = await Promise.all(
    folders.flatMap((dir) => ['nuget.config', 'NuGet.Config'].map((name) => read(vscode.Uri.joinPath(dir, name)))),
  );
  return {
    npmrc: await read(vscode.Uri.joinPath(folder, '.npmrc')),
    nugetConfigs: nugetConfigs.filter((text): text is string => text !== undefined),
  };
}
