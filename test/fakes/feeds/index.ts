export { atom, jsonFeed, render, rss } from './feed-documents';
export type { FakeFeed, FakeFeedItem } from './feed-documents';
export { FakeFeedServer } from './feed-server';
export type { FeedRequest } from './feed-server';
