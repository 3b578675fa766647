// A module worker (`export default { fetch }`, standard Request and Response
// only) over vivomeetings-embed/server, as a partner writes one for Deno,
// Bun or Cloudflare Workers. e2e/runtimes.test.mjs serves this one file in
// each of them and drives it over HTTP:
//   POST /hooks/vivo?secret=…, /hooks/vivo/<secret>  handleWebhook: the event, or the refusal's status
//   POST /parse                                      parseWebhook on the body as text (when UTF-8) and as bytes
//   POST /token  {call, options}                     exchangeCode, refreshToken or revokeToken
// Errors come back as JSON so the test can check their code, field and status.
import { exchangeCode, handleWebhook, parseWebhook, refreshToken, revokeToken, VivoMeetingsError } from '../../pkg/server.js';

/** The secret in the endpoint URL registered for this worker. */
export const SECRET = 'rt-s3cr+t/é';

/** What the test sees of an error thrown here. */
const described = (e) => ({
  vivo: e instanceof VivoMeetingsError && e instanceof Error && e.name === 'VivoMeetingsError',
  code: e?.code,
  field: e?.field,
  status: e?.status,
  oauthError: e?.oauthError,
  message: String(e?.message ?? e),
});

/** `fn()`'s value as `{ value }` (`null` for none), or what it threw as `{ error }`. */
export async function settle(fn) {
  try {
    return { value: (await fn()) ?? null };
  } catch (e) {
    return { error: described(e) };
  }
}

const TOKEN_CALLS = { exchangeCode, refreshToken, revokeToken };

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname.startsWith('/hooks/')) {
      const { value, error } = await settle(() => handleWebhook(request, { secret: SECRET }));
      return Response.json(value ?? { error }, { status: value ? 200 : (error.status ?? 500) });
    }
    if (pathname === '/parse') {
      const bytes = new Uint8Array(await request.arrayBuffer());
      let text = null; // bytes that are not UTF-8 have no text to parse
      try {
        text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
      } catch {}
      return Response.json({
        text: text === null ? null : await settle(() => parseWebhook(text)),
        bytes: await settle(() => parseWebhook(bytes)),
      });
    }
    if (pathname === '/token') {
      const { call, options } = await request.json();
      return Response.json(await settle(() => TOKEN_CALLS[call](options)));
    }
    return new Response('not found', { status: 404 });
  },
};
