/** The shopper app's side of paid traffic: an ad seen (billed once per impression) and an ad tapped. */
import { api } from './client';
import { viewerHeaders } from './viewer';

const reported = new Set<string>();

/** Reports an ad impression once per page load (the server bills each impression id once anyway). */
export function reportAdImpression(impressionId: string): void {
  if (reported.has(impressionId)) return;
  reported.add(impressionId);
  void api('POST', '/ads/impressions', { body: { impressionIds: [impressionId] }, headers: viewerHeaders() }).catch(
    () => reported.delete(impressionId),
  );
}

/** The viewer entered the live room from a live-room ad (counted once per impression by the server). */
export function reportAdEntry(impressionId: string): void {
  void api('POST', '/ads/entries', { body: { impressionId }, headers: viewerHeaders() }).catch(() => undefined);
}

export function reportAdClick(impressionId: string): void {
  void api('POST', '/ads/clicks', { body: { impressionId }, headers: viewerHeaders() }).catch(() => undefined);
}
