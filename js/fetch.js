// fetch for calls that carry a secret (a token, a client secret): a redirect
// is never followed, since it would send the secret on to another URL.
// `redirect: 'error'` would say so directly, but Cloudflare Workers reject it,
// so the redirect is taken 'manual' and refused here.

/** `fetch(url, init)` that throws on a redirect instead of following it. */
export async function fetchNoRedirect(url, init) {
  const response = await fetch(url, { ...init, redirect: 'manual' });
  // Browsers answer an opaque redirect (status 0); servers and workers the 3xx.
  if (response.type === 'opaqueredirect' || (response.status > 299 && response.status < 400)) {
    throw new Error('redirects are not followed');
  }
  return response;
}
