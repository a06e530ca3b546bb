/* New events while the page is open: the store's last ingest is polled (GET /stats, every few seconds);
   when it moves, the page reloads its events and marks those that arrived after it opened. */
import { getJSON } from "./util.js";

export const POLL_MS = 4000;

export function watchStore(lastAdded, onChange, onStatus) {
  let known = lastAdded;
  let busy = false;
  const poll = async () => {
    if (busy || document.hidden) return;
    busy = true;
    try {
      const stats = await getJSON("/stats");
      onStatus(true);
      if (stats.last_added && stats.last_added !== known) {
        known = stats.last_added;
        await onChange(known);
      }
    } catch (error) {
      onStatus(false);  // the server is away (restarting, say): keep asking
    } finally {
      busy = false;
    }
  };
  return setInterval(poll, POLL_MS);
}

/** Whether an event arrived after the page opened (both times are the server's, in UTC). */
export function arrivedAfter(event, openedAt) {
  return Boolean(openedAt && event.added_at && Date.parse(event.added_at) > Date.parse(openedAt));
}
