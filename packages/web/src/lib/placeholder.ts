/** A stable colour and short label for a product without an image. */
export function placeholderFor(title: string): { color: string; label: string } {
  let hash = 0;
  for (const ch of title) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const hue = hash % 360;
  const label = Array.from(title.trim()).slice(0, 2).join('') || '?';
  return { color: `hsl(${hue} 62% 58%)`, label };
}
