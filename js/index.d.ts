// The published types of vivomeetings-embed (pkg/index.d.ts). Written by
// hand with the JS layer (js/*.js); docs/vivomeetings-embed.d.ts is the
// reviewed reference copy that a test diffs against.
/// <reference lib="esnext.disposable" />
import type { EnterpriseApi } from './enterprise';
export * from './enterprise';
export type { EnterpriseMethod, EnterprisePutMethod } from './enterprise_methods';

/** A stable, machine-readable error code (the `code` of a `VivoMeetingsError`). */
export type ErrorCode =
  | 'invalid_domain'
  | 'insecure_domain'
  | 'invalid_access_code'
  | 'invalid_option'
  | 'param_conflict'
  | 'container_not_found'
  | 'invalid_host_id'
  | 'invalid_token'
  | 'unsafe_redirect'
  | 'dom_error'
  | 'destroyed'
  | 'not_ready'
  | 'oauth_error'
  | 'oauth_state'
  | 'oauth_cancelled'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'api_error'
  | 'network_error'
  | 'invalid_webhook';

/** A room's access code: a string of 1 to 64 `[A-Za-z0-9_-]`, or a non-negative integer. */
export type AccessCode = string | number;

/** The meeting room's default layout. */
export type View = 'gallery' | 'bottom_speaker' | 'left_side_speaker';

/** A device muted on joining. */
export type MuteDevice = 'camera' | 'mic';

/** Options of the `VivoMeetings` constructor. */
export interface VivoMeetingsOptions {
  /** `acme.vivomeetings.com` or `https://acme.vivomeetings.com` (http only for localhost). */
  domain: string;
}

/** Meeting-room options (handbook 9.1 to 9.4). Options left out are left out of the URL. */
export interface RoomOptions {
  /** The participant's display name; the room will not ask for one. */
  name?: string;
  /** Skip the device-selection dialog. */
  skipJoin?: boolean;
  /** Join with the camera off and no video tile. */
  observer?: boolean;
  /** Devices muted on joining. */
  mute?: readonly MuteDevice[];
  /** The default layout. */
  view?: View;
  /** A thin strip for gaming and watch parties. */
  stripLayout?: boolean;
  /** Pass-through parameters the platform gave you (e.g. for hiding controls), written after the typed ones. */
  params?: Readonly<Record<string, string | number | boolean>>;
}

/** Which room: an access code, or a full `meeting_url` / `room_url` from the platform's API. */
export type RoomTarget =
  | { accessCode: AccessCode; meetingUrl?: never }
  | { meetingUrl: string; accessCode?: never };

/** Options of `vivo.meetingUrl()`. */
export type MeetingUrlOptions = RoomOptions & RoomTarget;

/** Options of the free function `meetingUrl()`: as the method's, plus the platform domain. */
export type StandaloneMeetingUrlOptions = RoomOptions &
  ({ domain: string; accessCode: AccessCode; meetingUrl?: never } | { meetingUrl: string; domain?: string; accessCode?: never });

/** Options of `vivo.livestreamUrl()`. */
export interface LivestreamUrlOptions {
  /** The access code of the room being streamed. */
  accessCode: AccessCode;
}

/** Options of the free function `livestreamUrl()`. */
export interface StandaloneLivestreamUrlOptions extends LivestreamUrlOptions {
  /** The platform domain. */
  domain: string;
}

/** Options of the free function `pageUrl()`. */
export interface StandalonePageUrlOptions {
  /** The platform domain. */
  domain: string;
  /** A path on the platform, starting with a single `/`. */
  path: string;
}

/** The `leave` event: the participant left the call. */
export interface LeaveEvent {
  type: 'leave';
  /** Why: `left` (hung up), `kicked` (removed), `blocked` (removed and blocked), or a newer reason. */
  reason: 'left' | 'kicked' | 'blocked' | (string & {});
}

/** The `load` event: the iframe has loaded (for loading spinners). */
export interface LoadEvent {
  type: 'load';
}

/** The `message` event: every validated message from the embed's own iframe, leaves included. */
export interface MessageEvent {
  /** The message's own `type`, e.g. `'vivomeetingsLeaveCallEvent'`. */
  type: string;
  /** The data as received. */
  data: unknown;
}

/** What `onRejected` receives for a dropped message. */
export interface RejectedInfo {
  /** Which check failed: the sender's origin, the sending window, or the data's shape. */
  reason: 'origin' | 'source' | 'shape';
  /** The sender's origin as the browser reported it. */
  origin: string;
}

/** Event names accepted by `on`, `once` and `off`. */
export type EmbedEventName = 'leave' | 'message' | 'load';

/** Presentation and callback options shared by every embed. */
export interface EmbedOptions {
  /** The iframe's accessible title. */
  title?: string;
  /** A CSS length; default `'100%'`. */
  width?: string;
  /** A CSS length; default `'100%'`. */
  height?: string;
  /** Shortcut for `embed.on('leave', fn)`. */
  onLeave?: (event: LeaveEvent) => void;
  /** Called for each message dropped by the origin, source or shape checks (for debugging set-ups). */
  onRejected?: (info: RejectedInfo) => void;
}

/** Options of `vivo.embedMeeting()`. */
export type EmbedMeetingOptions = MeetingUrlOptions & EmbedOptions;

/** Options of `vivo.embedLivestream()`. */
export type EmbedLivestreamOptions = LivestreamUrlOptions & EmbedOptions;

/** Where to mount an embed: an element or a CSS selector. */
export type Container = Element | string;

/** Sign-in options shared by `signIn`, `signInUrl` and `embedSignIn` (handbook 10). */
export type SignInOptions = {
  /** `host_id` from the host endpoints: a positive integer, or a string of digits. */
  hostId: number | string;
  /** `login_token_public_key` from the host endpoints. */
  loginTokenPublicKey: string;
  /** `after_call_url`: relative to the platform, or an absolute http(s) URL. */
  afterCallUrl?: string;
  /** When given, absolute `afterCallUrl`s must be on one of these hosts. */
  afterCallHosts?: readonly string[];
} & (
  | { /** Where to land: a platform path, or an https URL on the platform. */ redirectUrl: string; redirectTo?: never }
  | { /** Land in this meeting room. */ redirectTo: RoomOptions & { accessCode: AccessCode }; redirectUrl?: never }
);

/** Options of `vivo.signIn()`. */
export type SignInFormOptions = SignInOptions & {
  /** Open the platform in a new tab (`target="_blank"`, `rel="noopener"`). */
  newTab?: boolean;
};

/** Options of the free function `signInUrl()`. */
export type StandaloneSignInUrlOptions = SignInOptions & { domain: string };

/** Options of `vivo.embedSignIn()`. */
export type EmbedSignInOptions = SignInOptions & EmbedOptions;


/** The error every function of the library throws. */
export declare class VivoMeetingsError extends Error {
  private constructor();
  readonly name: 'VivoMeetingsError';
  /** A stable machine-readable code. */
  readonly code: ErrorCode;
  /** The option the error is about, where one applies (e.g. `'view'`, `'params.name'`). */
  readonly field?: string;
  /** `oauth_error`: the platform's OAuth `error`, e.g. `'access_denied'`. */
  readonly oauthError?: string;
  /** `oauth_error`: the platform's `error_description`, when it sent one. */
  readonly oauthErrorDescription?: string;
  /** Enterprise API errors: the HTTP status the platform answered. */
  readonly status?: number;
}

/** The OAuth flow: `'code'` (authorization code, exchanged by your server) or `'token'` (implicit grant, 12.6.2). */
export type ResponseType = 'code' | 'token';

/** Options of `vivo.authorizeUrl()` and `vivo.authorize()` (handbook 12.4). */
export interface AuthorizeOptions<R extends ResponseType = ResponseType> {
  /** The UID (`client_id`) the platform gave you. */
  clientId: string;
  /** The callback URL registered with the platform, exactly: `https:`, or `http:` on loopback. */
  redirectUri: string;
  /** `'code'` (default) or `'token'`. */
  responseType?: R;
  /** The scope; default `'read,write'`, as the handbook writes it. */
  scope?: string;
  /** Send a PKCE S256 challenge (the handbook does not mention PKCE; default false). */
  pkce?: boolean;
  /** Any JSON-serializable value, handed back by `handleCallback` (at most 4096 characters as JSON). */
  appState?: unknown;
}

/** Options of `vivo.authorizePopup()`. */
export interface AuthorizePopupOptions<R extends ResponseType = ResponseType> extends AuthorizeOptions<R> {
  /** How long to wait for the user, in milliseconds (default 10 minutes). */
  timeoutMs?: number;
}

/** The code flow's callback result: send `code` (and `codeVerifier`) to your server, which exchanges it. */
export interface CodeCallbackResult {
  code: string;
  /** The PKCE verifier, when `pkce: true` was asked for. */
  codeVerifier?: string;
  appState?: unknown;
}

/** The implicit flow's callback result. The library never stores the token. */
export interface TokenCallbackResult {
  accessToken: string;
  tokenType: 'Bearer';
  /** When the token expires, in milliseconds since the epoch (none when the platform sent no lifetime). */
  expiresAt?: number;
  /** The granted scope (the requested one when the platform did not say). */
  scope: string;
  appState?: unknown;
}

/** What `handleCallback` resolves with. */
export type CallbackResult = CodeCallbackResult | TokenCallbackResult;

/** What `handleCallback` resolves with inside the popup of `authorizePopup`: the result went to the opener. */
export interface PopupHandoff {
  popup: true;
  /** The callback URL without its OAuth parameters. */
  url: string;
}

/** Options of `vivo.enterpriseApi()`. */
export interface EnterpriseApiOptions {
  /** The access token, sent as `Authorization: Bearer <token>` to the platform's origin only. */
  accessToken: string;
  /** Called (and awaited) before a 401 is thrown as `unauthorized`: authorize the user again there (12.7.3). */
  onUnauthorized?: (error: VivoMeetingsError) => unknown;
}

/** An embedded iframe: a meeting room, a livestream player or a sign-in. It stays live until `destroy()`. */
export declare class Embed {
  private constructor();
  /** The iframe element (still readable after `destroy()`, detached). */
  readonly iframe: HTMLIFrameElement;
  /** The iframe's URL. */
  readonly url: string;
  /** Resolves with the first `leave` event. Never settles for a livestream. */
  readonly left: Promise<LeaveEvent>;
  /** Calls `callback` for each event; returns a function that unsubscribes it. */
  on(event: 'leave', callback: (event: LeaveEvent) => void): () => void;
  on(event: 'message', callback: (event: MessageEvent) => void): () => void;
  on(event: 'load', callback: (event: LoadEvent) => void): () => void;
  /** Like `on`, for the next event only. */
  once(event: 'leave', callback: (event: LeaveEvent) => void): () => void;
  once(event: 'message', callback: (event: MessageEvent) => void): () => void;
  once(event: 'load', callback: (event: LoadEvent) => void): () => void;
  /** Unsubscribes `callback`. Does nothing after `destroy()`. */
  off(event: EmbedEventName, callback: (event: never) => void): void;
  /** Removes the iframe and the message listener, and drops every callback. Idempotent; safe inside a callback. */
  destroy(): void;
  /** Same as `destroy()`. */
  free(): void;
  /** Same as `destroy()`, so `using embed = vivo.embedMeeting(…)` works. */
  [Symbol.dispose](): void;
}

/** The platform client. `new VivoMeetings({ domain })` validates the domain at once. */
export declare class VivoMeetings {
  /** Creates a client for the platform at `options.domain`. */
  constructor(options: VivoMeetingsOptions);
  /** The platform origin, e.g. `https://acme.vivomeetings.com`. */
  readonly origin: string;
  /** The meeting-room URL. */
  meetingUrl(options: MeetingUrlOptions): string;
  /** The livestream player URL. */
  livestreamUrl(options: LivestreamUrlOptions): string;
  /** The URL of any platform page by path, e.g. `/conf/calls/upcoming`. */
  pageUrl(path: string): string;
  /** Mounts a meeting room in `container`. */
  embedMeeting(container: Container, options: EmbedMeetingOptions): Embed;
  /** Mounts the livestream player in `container`. */
  embedLivestream(container: Container, options: EmbedLivestreamOptions): Embed;
  /** Signs a host in by a form POST to `/auth`, in this tab or a new one (handbook 10.1). The token never appears in a URL. */
  signIn(options: SignInFormOptions): void;
  /** The GET sign-in link of 10.1. It carries the token in the URL, where history, logs and `Referer` headers can keep it: prefer `signIn`. */
  signInUrl(options: SignInOptions): string;
  /** Signs a host in inside an iframe (handbook 10.2); leave events flow once the host lands in a room. */
  embedSignIn(container: Container, options: EmbedSignInOptions): Embed;
  /** The authorize URL (handbook 12.4); the pending request is kept in `sessionStorage` for `handleCallback` (single use, 10 minutes). */
  authorizeUrl(options: AuthorizeOptions): Promise<string>;
  /** Like `authorizeUrl`, then navigates there. */
  authorize(options: AuthorizeOptions): Promise<void>;
  /** Authorizes in a popup (call it from a click handler) and resolves with the callback's result. */
  authorizePopup(options: AuthorizePopupOptions<'token'> & { responseType: 'token' }): Promise<TokenCallbackResult>;
  authorizePopup(options: AuthorizePopupOptions<'code'>): Promise<CodeCallbackResult>;
  /** Handles the platform's redirect back (`url` defaults to `location.href`) and cleans the address bar. */
  handleCallback(options?: { url?: string }): Promise<CallbackResult | PopupHandoff>;
  /** An Enterprise API client that sends `Authorization: Bearer <accessToken>` to the platform only. */
  enterpriseApi(options: EnterpriseApiOptions): EnterpriseApi;
  /** Marks the client as no longer used: its methods then throw `destroyed`. Embeds it made stay live. Idempotent. */
  free(): void;
  /** Same as `free()`. */
  [Symbol.dispose](): void;
}

/** Builds a meeting-room URL without an instance: `meetingUrl({ domain, accessCode, … })`. */
export declare function meetingUrl(options: StandaloneMeetingUrlOptions): string;
/** Builds a livestream URL without an instance: `livestreamUrl({ domain, accessCode })`. */
export declare function livestreamUrl(options: StandaloneLivestreamUrlOptions): string;
/** Builds a page URL without an instance: `pageUrl({ domain, path })`. */
export declare function pageUrl(options: StandalonePageUrlOptions): string;
/** Builds the GET sign-in link without an instance: `signInUrl({ domain, hostId, … })`. */
export declare function signInUrl(options: StandaloneSignInUrlOptions): string;

/** Where the wasm comes from: a URL, a `Response`, bytes, or a compiled `WebAssembly.Module` (edge runtimes). */
export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;
/** What `initSync` takes: bytes or a compiled `WebAssembly.Module`. */
export type SyncInitInput = BufferSource | WebAssembly.Module;
/** The wasm's exports (for the library's own use; only `memory` is listed). */
export interface InitOutput {
  readonly memory: WebAssembly.Memory;
}
/**
 * Loads the wasm: from beside the module by default, or from `module_or_path`.
 * Idempotent: every call returns the same Promise. In a page the entry starts
 * this on import, so `await ready` is enough.
 */
export default function init(options?: { module_or_path?: InitInput | Promise<InitInput> }): Promise<InitOutput>;
/** Loads the wasm synchronously from bytes or a `WebAssembly.Module`. */
export declare function initSync(options: { module: SyncInitInput }): InitOutput;
/** Resolves once the wasm is loaded. Calls made before throw `not_ready`. */
export declare const ready: Promise<void>;
