/** Dispatches `zhongcao bench <name>`; each benchmark prints one JSON line of figures. */
export async function runBenchCommand(name: string | undefined, _opts: { json: boolean; seconds?: string | undefined }): Promise<number> {
  console.error(`unknown benchmark: ${name ?? '(none)'}; try checkout, oversell or all`);
  return 2;
}
