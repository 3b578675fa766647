// The recommended OAuth shape (handbook 12.6.1): your page gets the code,
// your server exchanges it with the client secret and keeps the tokens.
// In the page, after the platform redirected back:
//   const { code, codeVerifier } = await vivo.handleCallback();
//   await fetch('/api/vivomeetings/connect', { method: 'POST', body: JSON.stringify({ code, codeVerifier }) });
import { exchangeCode, refreshToken, revokeToken } from 'vivomeetings-embed/server';

const client = {
  domain: 'acme.vivomeetings.com',
  clientId: process.env.VIVO_CLIENT_ID,
  clientSecret: process.env.VIVO_CLIENT_SECRET, // never sent to a browser
};
const redirectUri = 'https://partner.example/oauth/callback'; // as registered, and as the page sent it
const tokens = new Map(); // your user → their tokens (a database in production)

/** POST /api/vivomeetings/connect (a standard Request) for your signed-in `user`. */
export async function connect(request, user) {
  const { code, codeVerifier } = await request.json();
  try {
    tokens.set(user, await exchangeCode({ ...client, code, codeVerifier, redirectUri }));
  } catch (error) {
    return Response.json({ error: error.code }, { status: 400 }); // e.g. oauth_error: authorize again
  }
  return new Response(null, { status: 204 }); // the tokens stay on the server
}

/** An access token for `user`'s Enterprise API calls, refreshed a minute before it expires. */
export async function accessToken(user) {
  let set = tokens.get(user);
  if (set?.refreshToken && set.expiresAt < Date.now() + 60_000) {
    // Concurrent calls share one request; refresh tokens rotate: keep the new set.
    set = await refreshToken({ ...client, refreshToken: set.refreshToken });
    tokens.set(user, set);
  }
  return set?.accessToken;
}

/** Disconnects `user`: revokes the tokens on the platform. */
export async function disconnect(user) {
  const set = tokens.get(user);
  tokens.delete(user);
  if (set) await revokeToken({ ...client, token: set.refreshToken ?? set.accessToken });
}
