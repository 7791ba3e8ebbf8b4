#!/usr/bin/env node
// The `zhongcao` command as npm links it (npx zhongcao …): runs the built CLI, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(main)) {
  console.error(
    'zhongcao: the command is not built yet; run `npm run build` (or `npm start`) in the repository first.',
  );
  process.exit(1);
}
await import(main);
