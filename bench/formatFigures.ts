/** `42 s`, or `3 min 5 s` from a minute on. */
export function formatDuration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${Math.round(seconds % 60)} s` : `${Math.round(seconds)} s`;
}

/** API calls by route in short: `1 list + 100 POST`. */
export function formatCallsByRoute(byRoute: Record<string, number>): string {
  const names: Record<string, string> = {
    "GET /livechat/webhooks": "list",
    "POST /livechat/webhooks": "POST",
    "GET /livechat/webhooks/{id}": "GET one",
    "PUT /livechat/webhooks/{id}": "PUT",
    "DELETE /livechat/webhooks/{id}": "DELETE",
  };
  return Object.entries(byRoute)
    .filter(([, count]) => count > 0)
    .map(([route, count]) => `${count} ${names[route] ?? route}`)
    .join(" + ");
}
