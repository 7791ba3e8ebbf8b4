/** 载体: the channel a sale, a view or a tap came through, read off the line's attribution snapshot. Pure. */

export const CHANNELS = ['short_video', 'live', 'product_card', 'search', 'showcase', 'tracked_link', 'paid'] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The channel of an order line from its attribution snapshot (`attr_source`, `attr_creator_id`):
 * a video or a feed card → short video; a live room → live; search → search; a tracked link →
 * tracked link; the shelf with a creator named → that creator's showcase; the shelf, the cart or
 * anything else → the product card. Paid traffic has no source on lines yet.
 */
export function lineChannel(source: string, creatorId: string | null): Channel {
  if (source === 'shelf') return creatorId ? 'showcase' : 'product_card';
  return SOURCE_CHANNELS[source] ?? 'product_card';
}

/** The channel of each attribution source that does not depend on a creator (the shelf does; anything else is the product card). */
export const SOURCE_CHANNELS: Readonly<Record<string, Channel>> = Object.assign(Object.create(null), {
  video: 'short_video',
  feed: 'short_video',
  live: 'live',
  search: 'search',
  link: 'tracked_link',
  paid: 'paid',
});

/** A client event's channel: shown or tapped on a video → short video; a product tapped elsewhere → product card. */
export function eventChannel(videoId: string | null): Channel {
  return videoId ? 'short_video' : 'product_card';
}

export function isChannel(v: string): v is Channel {
  return (CHANNELS as readonly string[]).includes(v);
}
