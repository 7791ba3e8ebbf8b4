import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SERVER_MAIN = join(REPO_ROOT, 'packages/cli/dist/main.js');
export const ARTIFACTS_DIR = join(REPO_ROOT, '.e2e-artifacts');
export const CHROMIUM_PATH = '/usr/bin/chromium';
