// The published types of vivomeetings-embed/server (pkg/server.d.ts).
export { VivoMeetingsError } from './index';
export type { ErrorCode } from './index';

/** Fields every handbook event carries (handbook 11). */
interface ConferenceEventFields {
  /** Always true for the handbook's events. */
  known: true;
  /** The conference's host (use it with the host methods). */
  hostId: number;
  /** The conference (use it with the conference methods). */
  conferenceId: number;
}

/** `conference_start`, `conference_end`, recording and streaming start/stop, `transcription_ready` (11.2-11.7, 11.9). */
export interface ConferenceEvent extends ConferenceEventFields {
  event:
    | 'conference_start'
    | 'conference_end'
    | 'start_recording'
    | 'stop_recording'
    | 'start_streaming'
    | 'stop_streaming'
    | 'transcription_ready';
}

/** `recording_ready` (11.8). */
export interface RecordingReadyEvent extends ConferenceEventFields {
  event: 'recording_ready';
  /** The recording. */
  recordingId: number;
  /**
   * A direct link to the mp3 or mp4: an absolute `https:` URL whose host is
   * not a loopback, private or link-local address. A host name may still
   * resolve to one: fetch it through an egress proxy, or re-read it through
   * the Enterprise API (`conference/fetch`) rather than trusting the payload.
   */
  downloadLink: string;
}

/** `enter_livestream`, `leave_livestream` (11.10, 11.11). */
export interface LivestreamEvent extends ConferenceEventFields {
  event: 'enter_livestream' | 'leave_livestream';
  /** The livestream viewer. */
  participantId: number;
}

/** An event name the handbook does not list (the platform adds events over time): its payload as decoded. */
export interface UnknownWebhookEvent {
  event: string & {};
  known: false;
  payload: Record<string, unknown>;
}

/** A webhook event: narrow on `known`, then on `event`. */
export type WebhookEvent = ConferenceEvent | RecordingReadyEvent | LivestreamEvent | UnknownWebhookEvent;

/** The handbook's event names. */
export type WebhookEventName = (ConferenceEvent | RecordingReadyEvent | LivestreamEvent)['event'];

/**
 * Parses a webhook's raw body (a string or bytes, not an already-parsed
 * object). A malformed body is `invalid_webhook` (with `status` 400, or 413
 * over 64 KiB); an unknown event name is not an error.
 */
export declare function parseWebhook(body: string | Uint8Array | ArrayBuffer): WebhookEvent;

/**
 * Receives a webhook from a standard `Request`. The handbook defines no
 * signature: register your endpoint URL with a secret in it, as the `secret`
 * query parameter (`…/hooks/vivo?secret=…`) or its last path segment
 * (`…/hooks/vivo/<secret>`). Refusals are `invalid_webhook` with the HTTP
 * `status` to answer: 405 (not POST), 401 (wrong or missing secret), 413
 * (over 64 KiB), 400 (malformed).
 */
export declare function handleWebhook(request: Request, options: { secret: string }): Promise<WebhookEvent>;

/** What the token endpoint gives. Keep it on your server; the library stores nothing. */
export interface TokenSet {
  accessToken: string;
  /** Present when the platform issued one; refresh tokens rotate (use the new one). */
  refreshToken?: string;
  tokenType: 'Bearer';
  /** When the access token expires, in milliseconds since the epoch (none when the platform sent no lifetime). */
  expiresAt?: number;
  /** The granted scope, when the platform said. */
  scope?: string;
}

/** The client credentials the platform gave you (handbook 12.2), and its domain. */
export interface ClientOptions {
  domain: string;
  clientId: string;
  clientSecret: string;
}

/** Exchanges an authorization code (from `handleCallback` in the browser) for tokens. Errors: `oauth_error` (with `oauthError`), `network_error`. */
export declare function exchangeCode(options: ClientOptions & { code: string; redirectUri: string; codeVerifier?: string }): Promise<TokenSet>;
/** New tokens for a refresh token (12.7.2); concurrent calls with the same refresh token share one request. */
export declare function refreshToken(options: ClientOptions & { refreshToken: string }): Promise<TokenSet>;
/** Revokes an access or refresh token. */
export declare function revokeToken(options: ClientOptions & { token: string }): Promise<void>;

/** Instantiates the server wasm yourself, where a runtime forbids compiling wasm from bytes: pass the imported `vivomeetings_embed_server_bg.wasm` module. */
export declare function initServer(options?: { module?: WebAssembly.Module | BufferSource }): void;

