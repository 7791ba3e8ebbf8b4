/** Row types of the content module: short videos, anchors, follows, likes, comments, shares, views. */

/** A video's state (the content module's machine, content/video-states.ts). Declared here so the column is typed with it. */
export type VideoStatus = 'draft' | 'review' | 'published' | 'rejected' | 'removed';

export interface VideosTable {
  id: string;
  owner_id: string; // the creator (or the shop member) who published it
  host_kind: string; // creator | shop
  shop_id: string | null; // set when a shop broadcasts itself (店播)
  title: string;
  caption: string;
  hashtags: string; // JSON string[]
  status: VideoStatus;
  file_name: string; // under <data>/media/videos/
  content_type: string; // video/mp4 | video/webm
  bytes: number;
  duration_ms: number | null;
  poster_file: string | null; // under <data>/media/posters/
  views: number;
  likes: number;
  comments: number;
  shares: number;
  completions: number;
  created_at: number;
  published_at: number | null;
  updated_at: number;
}

export interface VideoAnchorsTable {
  video_id: string;
  product_id: string;
  position: number; // 0..2
}

export interface FollowsTable {
  follower_id: string;
  followee_id: string;
  created_at: number;
}

export interface VideoLikesTable {
  video_id: string;
  user_id: string;
  created_at: number;
}

export interface CommentsTable {
  id: string;
  video_id: string;
  author_id: string;
  parent_id: string | null; // one level of threading
  text: string;
  reply_count: number;
  status: string; // visible | removed
  created_at: number;
}

export interface VideoSharesTable {
  id: string;
  video_id: string;
  user_id: string | null;
  created_at: number;
}

export interface VideoViewsTable {
  video_id: string;
  viewer_key: string; // usr_… or an anonymous viewer id
  last_counted_at: number;
}

export interface ContentTables {
  videos: VideosTable;
  video_anchors: VideoAnchorsTable;
  follows: FollowsTable;
  video_likes: VideoLikesTable;
  comments: CommentsTable;
  video_shares: VideoSharesTable;
  video_views: VideoViewsTable;
}
