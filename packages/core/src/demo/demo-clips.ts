import type { ContentKind } from './content-words.js';

/** The short demo clips committed under packages/core/assets/demo-videos (made by make-clips.sh there). */
export const DEMO_CLIPS_DIR = new URL('../../assets/demo-videos/', import.meta.url);

export interface DemoClip {
  file: string;
  /** Poster colours (a poster is drawn per video from these). */
  colours: [string, string];
  /** Category names (leaf or parent) whose products it shows. */
  categories: string[];
  /** Words for titles and captions. */
  hooks: string[];
  /** The kind of goods it shows (the words of a video about a product of another category follow it). */
  kind: ContentKind;
}

export const DEMO_CLIPS: readonly DemoClip[] = [
  {
    file: 'orchard-oranges.mp4',
    colours: ['#ff7a18', '#ffd166'],
    categories: ['水果'],
    hooks: ['当季鲜果', '果园直发', '产地现摘'],
    kind: 'fruit',
  },
  {
    file: 'fresh-seafood.mp4',
    colours: ['#0077b6', '#90e0ef'],
    categories: ['海鲜水产'],
    hooks: ['海味到家', '渔港好货', '产地直发'],
    kind: 'seafood',
  },
  {
    file: 'river-tea.mp4',
    colours: ['#2d6a4f', '#95d5b2'],
    categories: ['茶叶', '茶饮'],
    hooks: ['茶香四溢', '高山云雾', '一泡回甘'],
    kind: 'tea',
  },
  {
    file: 'farm-rice.mp4',
    colours: ['#bc6c25', '#fefae0'],
    categories: ['大米', '食用油', '粮油调味'],
    hooks: ['黑土地好粮', '厨房常备', '产地直发'],
    kind: 'staple',
  },
  {
    file: 'mountain-honey.mp4',
    colours: ['#e09f3e', '#9e2a2b'],
    categories: ['调味品'],
    hooks: ['古法酿造', '厨房必备', '家的味道'],
    kind: 'condiment',
  },
  {
    file: 'spicy-snacks.mp4',
    colours: ['#d00000', '#ffba08'],
    categories: ['休闲零食', '坚果炒货', '糕点饼干', '肉干'],
    hooks: ['一口上头', '追剧必备', '办公室囤货'],
    kind: 'snack',
  },
  {
    file: 'kitchen-knives.mp4',
    colours: ['#495057', '#adb5bd'],
    categories: ['厨具', '锅具', '刀具', '砧板'],
    hooks: ['厨房升级', '做饭更顺手', '源头工厂'],
    kind: 'kitchen',
  },
];

/** The clip for a product's category (leaf name, then parent name); the first clip otherwise. */
export function clipForCategory(leaf: string, parent: string | null): DemoClip {
  return (
    DEMO_CLIPS.find((c) => c.categories.includes(leaf)) ??
    DEMO_CLIPS.find((c) => parent !== null && c.categories.includes(parent)) ??
    DEMO_CLIPS[0]!
  );
}
