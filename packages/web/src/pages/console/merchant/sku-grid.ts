/** Pure helpers of the product editor: SKU combinations from spec options. */

export interface SpecDraft {
  name: string;
  values: string[];
}

/** Every combination of the options' values, in order (one empty combination when there are no options). */
export function combinations(options: SpecDraft[]): string[][] {
  const usable = options.filter((o) => o.name.trim() && o.values.length > 0);
  return usable.reduce<string[][]>((acc, o) => acc.flatMap((combo) => o.values.map((v) => [...combo, v])), [[]]);
}

export const comboKey = (values: string[]): string => values.join(' / ');
