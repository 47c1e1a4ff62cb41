// Count this page view (README "Readership"): one beacon with what the page shows, its
// language and the page of this site the reader came from. The page says what it shows in
// <body data-piece data-language data-beacon>, so a page from a cache is counted the same.
// No cookie, no storage, no identifier: the server keeps counts only.
(() => {
  const data = document.body.dataset;
  if (!data.piece || !data.beacon || !navigator.sendBeacon) return;
  // Loaded ahead of a visit that may never happen (an old-style prerender): not a view.
  if (document.visibilityState === 'prerender') return;

  const cameFrom = () => {
    try {
      const referrer = new URL(document.referrer);
      return referrer.origin === window.location.origin ? referrer.pathname : '';
    } catch {
      return ''; // no referrer, or not a URL
    }
  };

  const send = () => {
    const body = JSON.stringify({ piece: data.piece, language: data.language, from: cameFrom() });
    navigator.sendBeacon(data.beacon, body);
  };

  if (document.prerendering) {
    // Prerendered by the browser (Speculation Rules): a view only once the reader opens it.
    document.addEventListener('prerenderingchange', send, { once: true });
  } else {
    send();
  }
})();
