/**
 * Everything that loads after activation, in one chunk (see esbuild.js): the commands, the clean-up jobs, the
 * settings page, the manifest features and the multi-arch reader. One chunk rather than one per feature keeps the
 * bundle small (each chunk repeats esbuild's helpers) and the files few.
 */
export { registerCommands } from './commands/index';
export { CleanupJobs } from './commands/cleanupJobs';
export { settingsPanelDeps } from './commands/openSettings';
export { manifestReader } from './commands/shared/manifestReader';
export { registerManifestFeatures } from './manifests/index';
export { readManifestGraph } from './registry/multiArchGuard';
export { SettingsPanelSerializer } from './views/settingsSerializer';
