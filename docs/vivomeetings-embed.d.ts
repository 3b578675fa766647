// pkg/index.d.ts
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

// pkg/enterprise.d.ts
// Typed Enterprise API requests and responses (pkg/enterprise.d.ts).
// Written by hand, field by field, from the partner handbook: sections 1
// (request/response format), 6 (Hosts, 6.1-6.10), 7.2 (the contact
// structure that 8.8 refers to) and 8 (Conferences, 8.1-8.12). Field names
// are the platform's own snake_case names.
//
// No request type has `auth_token` (handbook 1.1): `EnterpriseApi` sends the
// OAuth access token as `Authorization: Bearer <token>` instead (12.7.1).
//
// Where the handbook contradicts itself or says nothing, the field is
// optional and its doc comment says "Ambiguous".
import type { EnterpriseMethod, EnterprisePutMethod } from './enterprise_methods';

export type { EnterpriseMethod, EnterprisePutMethod };

// ---------------------------------------------------------------------------
// Shared shapes
// ---------------------------------------------------------------------------

/** What every answer may carry (handbook 1.2): `message`, with details of any errors. */
export interface EnterpriseMessage {
  /** Details of any errors (handbook 1.2); `'OK'` where a method answers with nothing else. */
  message?: string;
}

/**
 * An answer that is a JSON array (host/conferences, host/cdrs,
 * host/active_calls, host/fetch_all, conference/fetch_all). An array
 * carries no `message`; the property is there only so that every response
 * type has one.
 */
export type EnterpriseList<T> = T[] & EnterpriseMessage;

/** A host's role (handbook 1.3, 6.1). */
export type HostRole = 'RESELLER_ADMIN' | 'COMPANY_ADMIN' | 'HOST';

/** An email a host can opt out of (handbook 6.1 `disable_emails`, 8.3 example). */
export type HostEmailKind =
  | 'conference_invitations'
  | 'conference_reminders'
  | 'conference_summaries'
  | 'transcription_summaries';

/**
 * A host's email settings in a request (handbook 6.1, 6.3): `true` disables
 * that email, `false` enables it. Ambiguous: the handbook's examples always
 * send all four keys and do not say whether one may be left out; all are
 * optional here.
 */
export interface HostEmailSettingsInput {
  /** `true` to disable conference invitations, `false` to enable them. */
  conference_invitations?: boolean;
  /** `true` to disable conference reminders, `false` to enable them. */
  conference_reminders?: boolean;
  /** `true` to disable conference summaries, `false` to enable them. */
  conference_summaries?: boolean;
  /** `true` to disable transcription summaries, `false` to enable them. */
  transcription_summaries?: boolean;
}

/** A host's email settings as the platform answers them (handbook 6.1): `true` means disabled. */
export interface HostEmailSettings {
  /** Whether conference invitations are disabled. */
  conference_invitations: boolean;
  /** Whether conference reminders are disabled. */
  conference_reminders: boolean;
  /** Whether conference summaries are disabled. */
  conference_summaries: boolean;
  /** Whether transcription summaries are disabled. */
  transcription_summaries: boolean;
}

/**
 * The default dial-in number of a host's invitations and reminders
 * (handbook 6.1 `primary_dialin_number`). Only the number formats,
 * `country_code` and `location` are meaningful; the other properties "can
 * be safely ignored" (null in every example) and are typed `unknown`.
 */
export interface HostDialinNumber {
  /** The raw E.164 number, without `+`, e.g. `"14165551234"`. */
  phone_number: string;
  /** The number in domestic format, e.g. `"(416) 555-1234"`. */
  domestic_format: string;
  /** The number in international format, e.g. `"+1 416-555-1234"`. */
  international_format: string;
  /** The number's country, e.g. `"CA"`. */
  country_code: string;
  /** The number's city, e.g. `"Toronto"`. */
  location: string;
  /**
   * Ambiguous: the handbook's prose says the object includes a `city`, but
   * every example has `location` and no `city`.
   */
  city?: string;
  /** Can be ignored (null in the handbook's examples). */
  id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  created_at: unknown;
  /** Can be ignored (null in the handbook's examples). */
  updated_at: unknown;
  /** Can be ignored (null in the handbook's examples). */
  feature_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  locale: unknown;
  /** Can be ignored (null in the handbook's examples). */
  carrier: unknown;
  /** Can be ignored (null in the handbook's examples). */
  state: unknown;
  /** Can be ignored (null in the handbook's examples). */
  billing_group: unknown;
  /** Can be ignored (null in the handbook's examples). */
  display: unknown;
  /** Can be ignored (null in the handbook's examples). */
  organization_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  grouped_billing_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  site_domain_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  billing_code: unknown;
  /** Can be ignored (null in the handbook's examples). */
  active: unknown;
  /** Can be ignored (null in the handbook's examples). */
  referral_number: unknown;
}

/**
 * A host's access code or moderator PIN as an object (handbook 6.1
 * `access_code`, `moderator_pin`). Only `number` is meaningful; the other
 * properties "can be safely ignored" (null in every example).
 */
export interface HostNumberRecord {
  /** The access code or PIN itself, as a string of digits, e.g. `"1234567"`. */
  number: string;
  /** Can be ignored (null in the handbook's examples). */
  id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  participant_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  lock_version: unknown;
  /** Can be ignored (null in the handbook's examples). */
  updated_at: unknown;
  /** Can be ignored (null in the handbook's examples). */
  conference_call_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  person_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  account_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  recording_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  site_domain_id: unknown;
  /** Can be ignored (null in the handbook's examples). */
  organization_id: unknown;
}

/** A host account as host/create, host/fetch and host/update answer it (handbook 6.1-6.3). */
export interface HostAccount extends EnterpriseMessage {
  /** The unique id of the host; store it for all future calls on that host. */
  host_id: number;
  /** The name of the host displayed when joining meetings. */
  name: string;
  /** The host's email address, used for invitations, reminders and authentication. */
  email: string;
  /** The default dial-in number for the host's meeting invitations and reminders. */
  primary_dialin_number: HostDialinNumber;
  /** The web location of the host's meeting room. */
  meeting_url: string;
  /** The host's role. */
  role: HostRole;
  /**
   * The OpenID subject identifier for OAuth logins through your system.
   * Ambiguous: the examples show a string; the handbook says it "will be
   * blank" when unused, without saying whether that is `""`, `null` or absent.
   */
  openid_sub?: string | null;
  /** The access code for non-moderator participants (`.number` is the code). */
  access_code: HostNumberRecord;
  /** The moderator PIN (`.number` is the PIN). */
  moderator_pin: HostNumberRecord;
  /** A link that lets the new host set a password (useful with `no_welcome_email: true`). */
  password_creation_link: string;
  /** The key for signing the host in by SSO (handbook 10). */
  login_token_public_key: string;
  /** The slug of the plan the host is subscribed to. */
  plan_slug: string;
  /** The slugs of the add-ons, if any, the host is subscribed to. */
  add_on_slugs: string[];
  /** The ids of the plan and add-on subscriptions the host is assigned to. */
  subscription_ids: number[];
  /** The SIP URI for SIP endpoints to join the host's meetings when subscribed to SIP Gateway; null otherwise. */
  sip_uri: string | null;
  /** The host's email settings (`true` = disabled). */
  disable_emails: HostEmailSettings;
}

// ---------------------------------------------------------------------------
// 6 Hosts
// ---------------------------------------------------------------------------

/** host/create request (handbook 6.1): creates a host. `auth_token` is left out: the library sends a Bearer header. */
export interface HostCreateRequest {
  /**
   * The company to add the host to. Required when the caller is a Reseller
   * Admin; ignored for a Company Admin (the host goes in the admin's own
   * company), hence optional here.
   */
  company_id?: number;
  /** The name of the host displayed when joining meetings. */
  name: string;
  /** The host's email address, used for invitations, reminders and authentication. */
  email: string;
  /** A password to set on creation. */
  password?: string;
  /** `true` to not send the host a welcome email (see `password_creation_link` in the response). */
  no_welcome_email?: boolean;
  /** The host's role; defaults to `HOST`. Only Reseller Admins can grant `RESELLER_ADMIN`. */
  role?: HostRole;
  /** The OpenID subject identifier for OAuth logins through your system; ignore it if you do not use OpenID. */
  openid_sub?: string;
  /** A custom moderator PIN; the request fails if it is taken. Generated when omitted. */
  moderator_pin?: number;
  /** A custom access code; the request fails if it is taken. Generated when omitted. */
  access_code?: number;
  /**
   * Enables live streaming for the host on creation. The handbook's example
   * spells it `vivomeeting_streaming_enabled`; its prose spells it
   * `vivommeting_streaming_enabled` (taken as a typo).
   */
  vivomeeting_streaming_enabled?: boolean;
  /** Starts recording or streaming when the host joins, instead of when at least 2 participants are in. */
  host_initiated_recording?: boolean;
  /**
   * The exact list of subscriptions the host is subscribed to (an empty
   * array unsubscribes from all); left intact when omitted. Host limits grow
   * as needed unless locked for the company.
   */
  subscription_ids?: readonly number[];
  /** Instead of `subscription_ids`: the slug of the plan to assign the host to. */
  plan_slug?: string;
  /** Instead of `subscription_ids`: the slugs of the add-ons to assign the host to. */
  add_on_slugs?: readonly string[];
  /** Which emails to disable (`true`) or enable (`false`) for the host. */
  disable_emails?: HostEmailSettingsInput;
}

/** host/create response (handbook 6.1): the new host account. */
export interface HostCreateResponse extends HostAccount {}

/** host/fetch request (handbook 6.2): the details of one host. `auth_token` is left out: the library sends a Bearer header. */
export interface HostFetchRequest {
  /** The unique identifier of the host. */
  host_id: number;
}

/** host/fetch response (handbook 6.2): the host account. */
export interface HostFetchResponse extends HostAccount {}

/**
 * host/update request (handbook 6.3): "Only host_id is required; all other
 * input parameters optional. Omitted host properties will remain
 * unchanged." `auth_token` is left out: the library sends a Bearer header.
 */
export interface HostUpdateRequest {
  /** The id of the host. */
  host_id: number;
  /** The name of the host displayed when joining meetings. */
  name?: string;
  /** The host's email address, used for invitations, reminders and authentication. */
  email?: string;
  /** The host's role. Only Reseller Admins can grant `RESELLER_ADMIN`. */
  role?: HostRole;
  /** A custom moderator PIN; the request fails if it is taken. */
  moderator_pin?: number;
  /** A custom access code; the request fails if it is taken. */
  access_code?: number;
  /** The OpenID subject identifier for OAuth logins through your system; ignore it if you do not use OpenID. */
  openid_sub?: string;
  /**
   * The exact list of subscriptions the host is subscribed to (an empty
   * array unsubscribes from all); left intact when omitted. Host limits grow
   * as needed unless locked for the company.
   */
  subscription_ids?: readonly number[];
  /** Instead of `subscription_ids`: the slug of the plan to assign the host to. */
  plan_slug?: string;
  /** Instead of `subscription_ids`: the slugs of the add-ons to assign the host to. */
  add_on_slugs?: readonly string[];
  /** Which emails to disable (`true`) or enable (`false`) for the host. */
  disable_emails?: HostEmailSettingsInput;
}

/** host/update response (handbook 6.3): the updated host account. */
export interface HostUpdateResponse extends HostAccount {}

/** host/delete request (handbook 6.4): deletes a host. `auth_token` is left out: the library sends a Bearer header. */
export interface HostDeleteRequest {
  /** The unique identifier of the host. */
  host_id: number;
}

/** host/delete response (handbook 6.4): the handbook documents no fields, only the general `message`. */
export interface HostDeleteResponse extends EnterpriseMessage {}

/** host/resend_invitation request (handbook 6.5): re-sends the host's welcome email. `auth_token` is left out: the library sends a Bearer header. */
export interface HostResendInvitationRequest {
  /** The unique identifier of the host. */
  host_id: number;
}

/** host/resend_invitation response (handbook 6.5): the handbook documents no fields, only the general `message`. */
export interface HostResendInvitationResponse extends EnterpriseMessage {}

/** host/reset_password request (handbook 6.6): sends the host a password reset email. `auth_token` is left out: the library sends a Bearer header. */
export interface HostResetPasswordRequest {
  /** The unique identifier of the host. */
  host_id: number;
}

/** host/reset_password response (handbook 6.6): the handbook documents no fields, only the general `message`. */
export interface HostResetPasswordResponse extends EnterpriseMessage {}

/** host/conferences request (handbook 6.7): the host's past conferences. `auth_token` is left out: the library sends a Bearer header. */
export interface HostConferencesRequest {
  /** The unique identifier of the host. */
  host_id: number;
  /** The type of data returned: `summary` (the default) or `detail`. */
  output?: 'summary' | 'detail';
  /** IANA time zone (e.g. `US/Central`) of the dates and of the times in the response; defaults to UTC. */
  time_zone?: string;
  /** Filter by date, e.g. `"2020-01-01"`. */
  start_date?: string;
  /** Filter by date, e.g. `"2020-12-31"`. */
  end_date?: string;
}

/** One past conference of host/conferences with `output: 'summary'` (handbook 6.7). */
export interface HostConferenceSummary {
  /** Unique conference ID. */
  conference_id: number;
  /** Conference start date/time (`"YYYY-MM-DD HH:MM:SS"`) in the requested time zone, or UTC. */
  start_time: string;
  /** Conference end date/time. */
  end_time: string;
  /** Total conference participants. */
  total_participants: number;
  /** Total minutes for all participants. */
  total_participant_minutes: number;
  /** URL to retrieve the meeting summary. */
  meeting_summary_url: string;
}

/**
 * One past conference of host/conferences with `output: 'detail'`
 * (handbook 6.7). Ambiguous: the handbook gives no example, capitalises the
 * names (`Conference_id`, `Live_wall_posts`, …; taken here in the platform's
 * usual lower snake_case), gives no types, and says the data "will depend on
 * the conference activity": every field but `conference_id` is optional.
 */
export interface HostConferenceDetail {
  /** Unique conference ID. */
  conference_id: number;
  /** Subject. */
  subject?: string;
  /** Agenda. */
  agenda?: string;
  /** Start date/time in the requested time zone, or UTC. */
  start_time?: string;
  /** End date/time. */
  end_time?: string;
  /** Day of the conference (type not given by the handbook). */
  day?: number | string;
  /** Month of the conference (type not given by the handbook). */
  month?: number | string;
  /** Year of the conference (type not given by the handbook). */
  year?: number | string;
  /** `true` if the conference was cancelled. */
  cancelled?: boolean;
  /** Number of participants. */
  participants?: number;
  /** List of comments made during the conference (shape not given by the handbook). */
  live_wall_posts?: unknown[];
  /** List of uploaded documents (shape not given by the handbook). */
  uploaded_documents?: unknown[];
  /** List of recordings (shape not given by the handbook). */
  recordings?: unknown[];
}

/**
 * host/conferences response (handbook 6.7): an array of summaries or, with
 * `output: 'detail'`, of details. Tell them apart with
 * `'total_participants' in item`.
 */
export type HostConferencesResponse = EnterpriseList<HostConferenceSummary | HostConferenceDetail>;

/** host/cdrs request (handbook 6.8): call detail records of conference participants. `auth_token` is left out: the library sends a Bearer header. */
export interface HostCdrsRequest {
  /** The unique identifier of the host. */
  host_id: number;
  /** Only this conference's records. */
  conference_id?: number;
  /** IANA time zone (e.g. `US/Central`) of the dates and of the times in the response; defaults to UTC. */
  time_zone?: string;
  /** Filter by date, e.g. `"2020-01-01"`. */
  start_date?: string;
  /** Filter by date, e.g. `"2020-12-31"`. */
  end_date?: string;
}

/** One call detail record of host/cdrs (handbook 6.8). */
export interface HostCdr {
  /** Unique CDR ID. */
  id: number;
  /** Unique conference ID. */
  conference_id: number;
  /** Unique host ID. */
  host_id: number;
  /** Host name. */
  host_name: string;
  /** Host email. */
  host_email: string;
  /** The participant's start date/time in the requested time zone, or UTC. */
  start_time: string;
  /** End date/time. */
  end_time: string;
  /** Unique participant ID. Ambiguous: the handbook's example gives it once as a number, once as a string. */
  participant_id: number | string;
  /** Participant name. */
  participant_name: string;
  /** Participant email. */
  participant_email: string;
  /** The number the participant called from, e.g. `"+15551236789"`. */
  from: string;
  /** The number the participant connected to. */
  to: string;
  /** Total minutes for the participant. */
  minutes: number;
}

/** host/cdrs response (handbook 6.8): an array of records; only the first 100 are returned. */
export type HostCdrsResponse = EnterpriseList<HostCdr>;

/** host/active_calls request (handbook 6.9): the calls a host is in now. `auth_token` is left out: the library sends a Bearer header. */
export interface HostActiveCallsRequest {
  /** The unique identifier of the host. */
  host_id: number;
  /**
   * IANA time zone of `start_time` in the response. Ambiguous: in the
   * example and the response description, but not in the request's list.
   */
  time_zone?: string;
}

/** One active call of host/active_calls (handbook 6.9). */
export interface HostActiveCall {
  /** Unique conference ID. */
  conference_id: number;
  /** The call's subject. */
  subject: string;
  /** The call's agenda. */
  agenda: string;
  /** The call's start date/time in the requested time zone, or UTC. */
  start_time: string;
}

/** host/active_calls response (handbook 6.9): an array of active calls. */
export type HostActiveCallsResponse = EnterpriseList<HostActiveCall>;

/** host/fetch_all request (handbook 6.10): all hosts of a company. `auth_token` is left out: the library sends a Bearer header. */
export interface HostFetchAllRequest {
  /**
   * The company whose hosts to fetch. Required when the caller is a
   * Reseller Admin; ignored for a Company Admin (the admin's own company),
   * hence optional here.
   */
  company_id?: number;
}

/** One host of host/fetch_all (handbook 6.10): a summary. */
export interface HostSummary {
  /** The unique identifier of the host. */
  host_id: number;
  /** The name of the host displayed when joining meetings. */
  name: string;
  /** The host's email address. */
  email: string;
  /** The web location of the host's meeting room. */
  meeting_url: string;
  /** The host's role. */
  role: HostRole;
  /** The access code for non-moderator participants, as a string (not an object as with host/fetch). */
  access_code: string;
}

/** host/fetch_all response (handbook 6.10): an array of host summaries. */
export type HostFetchAllResponse = EnterpriseList<HostSummary>;

// ---------------------------------------------------------------------------
// 8 Conferences
// ---------------------------------------------------------------------------

/** Automatic recording or streaming and its format (handbook 8.1 `auto_record`, `auto_stream`). */
export type ConferenceMediaMode = 'none' | 'audio' | 'video';

/**
 * The initial participant mute settings (handbook 8.1 `mute_mode`):
 * `conversation` all unmuted (default), `q&a` muted but can unmute,
 * `presentation` muted and cannot unmute.
 */
export type ConferenceMuteMode = 'conversation' | 'q&a' | 'presentation';

/** A participant given by email (handbook 8.1 `participant_emails`); unknown emails are added to the host's contacts. */
export interface ConferenceParticipantEmail {
  /** The participant's email. */
  email: string;
  /** Whether the participant is a moderator. */
  moderator: boolean;
}

/** A recording of a conference (handbook 8.4 `recordings`). */
export interface ConferenceRecording {
  /** Unique identifier of the recording. */
  id: number;
  /** Start date/time, e.g. `"2020-09-19 13:00:00"`. */
  start_time: string;
  /** End date/time. */
  end_time: string;
  /** `audio` or `video`. */
  type: 'audio' | 'video';
  /**
   * `processing` (still being post-processed: fetch again in a few minutes)
   * or `published`. Ambiguous: the prose lists it in each recording, the
   * example puts it beside `recordings`; optional in both places.
   */
  publishing_state?: 'processing' | 'published';
  /**
   * A link to the mp3 (audio) or mp4 (video), once published. Ambiguous:
   * the prose lists it in each recording, the example puts it beside
   * `recordings`; optional in both places.
   */
  download_link?: string;
}

/**
 * A conference as conference/create, create/reservationless, update, fetch
 * and fetch_all answer it (handbook 8.1, 8.11).
 */
export interface ConferenceDetails extends EnterpriseMessage {
  /** The id of the conference. */
  conference_id: number;
  /** Subject. */
  subject: string;
  /** Agenda. Ambiguous: the reservationless example shows `"null"`; null is allowed here. */
  agenda: string | null;
  /** Start time (`"YYYY-MM-DD HH:MM:SS"`), read with `time_zone`. */
  start: string;
  /** The scheduled end time, according to the duration. */
  end_time: string;
  /** Whether the call is active (scheduled for now or has live participants). */
  active: boolean;
  /** IANA time zone of the start time, e.g. `Europe/London`. */
  time_zone: string;
  /** Duration in minutes. */
  duration: number;
  /** Whether and in which format the conference is recorded automatically. */
  auto_record: ConferenceMediaMode;
  /** Whether and in which format the conference is streamed automatically. Ambiguous: missing from several examples. */
  auto_stream?: ConferenceMediaMode;
  /** Whether the recording is transcribed automatically. */
  auto_transcribe: boolean;
  /**
   * The conference access code, when the request set `one_time_access_code`
   * to true. Ambiguous: what comes otherwise (absent, null) is not said.
   */
  one_time_access_code?: number | null;
  /**
   * The PIN required to access the conference. Ambiguous: every example has
   * one (even reservationless, which cannot set one); what comes without a
   * PIN is not said.
   */
  security_pin?: string | null;
  /** The initial participant mute settings. */
  mute_mode: ConferenceMuteMode;
  /** The URL of the meeting room; open it in a browser to join. */
  room_url: string;
  /** Recordings made during the conference; `[]` for create, update and create/reservationless. */
  recordings: ConferenceRecording[];
  /** Contact ids of the participants; the organizer is always included. */
  participants: number[];
  /** Contact ids of the moderators. */
  moderators: number[];
  /** Whether the conference is currently streaming. */
  is_streaming: boolean;
  /** Recurring conferences (8.11): `true` for the master conference, `false` for conferences of its schedule. */
  is_master?: boolean;
  /** Recurring conferences (8.11): the master conference's id (its own id for the master). */
  master_id?: number;
  /** Recurring conferences (8.11): the schedule as an iCalendar RRULE; may differ in content and format from the one sent. */
  schedule?: string;
}

/**
 * conference/create request (handbook 8.1, 8.11): schedules a conference;
 * with `schedule`, a recurring one. `auth_token` is left out: the library
 * sends a Bearer header.
 */
export interface ConferenceCreateRequest {
  /** The unique identifier of the host. */
  host_id: number;
  /** Subject. */
  subject: string;
  /** Agenda. */
  agenda: string;
  /** Start time (`"YYYY-MM-DD HH:MM:SS"`), read with `time_zone`. */
  start: string;
  /** IANA time zone of the start time, e.g. `Europe/London`. */
  time_zone: string;
  /** Duration in minutes. */
  duration: number;
  /** Automatic recording and its format; default `none`. Must equal `auto_stream` when both record and stream. */
  auto_record?: ConferenceMediaMode;
  /** Automatic streaming and its format; default `none`. Must equal `auto_record` when both record and stream. */
  auto_stream?: ConferenceMediaMode;
  /** Whether the recording is transcribed automatically; default false. */
  auto_transcribe?: boolean;
  /** `true` to get a one-time access code in the response. */
  one_time_access_code: boolean;
  /**
   * The PIN required to access the conference; needs
   * `one_time_access_code: true`. Ambiguous: not marked optional, but the
   * handbook's errors show it can only be used with a one-time access code.
   */
  security_pin?: string;
  /** The initial participant mute settings; default `conversation`. */
  mute_mode?: ConferenceMuteMode;
  /**
   * Contact ids of the participants. Ambiguous: not marked optional, but
   * `participant_emails` is an alternative; whether one is required is not said.
   */
  participants?: readonly number[];
  /** Instead of `participants`: participants by email, with moderators marked. */
  participant_emails?: readonly ConferenceParticipantEmail[];
  /** Unreleased: `true` makes participants wait to be let in by the organizer. */
  waiting_room?: boolean;
  /** Unreleased: `true` encrypts the `one_time_access_code` field. */
  secure_url?: boolean;
  /**
   * Makes the conference recurring (8.11): an iCalendar RRULE subset, e.g.
   * `"FREQ=WEEKLY;COUNT=10;BYDAY=MO,WE"` (FREQ DAILY, WEEKLY or MONTHLY;
   * INTERVAL, UNTIL, COUNT, BYDAY, BYMONTHDAY).
   */
  schedule?: string;
}

/** conference/create response (handbook 8.1, 8.11): the scheduled conference. */
export interface ConferenceCreateResponse extends ConferenceDetails {}

/**
 * conference/create/reservationless request (handbook 8.2): creates an
 * active reservationless conference at once. `auth_token` is left out: the
 * library sends a Bearer header.
 */
export interface ConferenceCreateReservationlessRequest {
  /** The unique identifier of the host. */
  host_id: number;
  /** `true` to get a one-time access code in the response. */
  one_time_access_code: boolean;
  /** Unreleased: `true` makes participants wait to be let in by the organizer. */
  waiting_room?: boolean;
  /** Unreleased: `true` encrypts the `one_time_access_code` field. */
  secure_url?: boolean;
}

/** conference/create/reservationless response (handbook 8.2): the new, active conference. */
export interface ConferenceCreateReservationlessResponse extends ConferenceDetails {}

/**
 * conference/update request (handbook 8.3, 8.11): updates a scheduled
 * conference; on a recurring master, the whole series. Unlike host/update,
 * the handbook does not mark the fields optional, so by its general rule
 * (1.1) the scheduling fields are required. `auth_token` is left out: the
 * library sends a Bearer header.
 */
export interface ConferenceUpdateRequest {
  /** The unique identifier of the conference. */
  conference_id: number;
  /** Subject. */
  subject: string;
  /** Agenda. */
  agenda: string;
  /** Start time (`"YYYY-MM-DD HH:MM:SS"`), read with `time_zone`. */
  start: string;
  /** IANA time zone of the start time, e.g. `Europe/London`. */
  time_zone: string;
  /** Duration in minutes. */
  duration: number;
  /** Ambiguous: listed as a request field with the response's wording ("the scheduled end time"); absent from the example. */
  end_time?: string;
  /** Ambiguous: listed as a request field with the response's wording ("whether the call is active"); absent from the example. */
  active?: boolean;
  /** Automatic recording and its format; default `none`. */
  auto_record?: ConferenceMediaMode;
  /** Automatic streaming and its format; default `none`. Must equal `auto_record` when both record and stream. */
  auto_stream?: ConferenceMediaMode;
  /** Whether the recording is transcribed automatically; default false. */
  auto_transcribe?: boolean;
  /** Whether to use a one-time access code. Ambiguous: described with the response's wording; optional here. */
  one_time_access_code?: boolean;
  /** The PIN required to access the conference (needs a one-time access code). Ambiguous: absent from the example; optional here. */
  security_pin?: string;
  /** The initial participant mute settings; default `conversation`. */
  mute_mode?: ConferenceMuteMode;
  /**
   * Emails not to send for this conference. Ambiguous: only in the example
   * (as an array of names, unlike host/update's object), not described.
   */
  disable_emails?: readonly HostEmailKind[];
  /**
   * Contact ids of the participants. Ambiguous: the example spells it
   * `Participants`; `participant_emails` is an alternative.
   */
  participants?: readonly number[];
  /** Instead of `participants`: participants by email, with moderators marked. */
  participant_emails?: readonly ConferenceParticipantEmail[];
  /** Recurring conferences (8.11): a new iCalendar RRULE; only on the master conference. */
  schedule?: string;
}

/** conference/update response (handbook 8.3): the updated conference. */
export interface ConferenceUpdateResponse extends ConferenceDetails {}

/** conference/fetch request (handbook 8.4): a scheduled conference's details. `auth_token` is left out: the library sends a Bearer header. */
export interface ConferenceFetchRequest {
  /** The unique identifier of the conference. */
  conference_id: number;
}

/** conference/fetch response (handbook 8.4): the conference, with its recordings for a past one. */
export interface ConferenceFetchResponse extends ConferenceDetails {
  /** Ambiguous: the example puts the recordings' publishing state here; the prose puts it in each recording. */
  publishing_state?: 'processing' | 'published';
  /** Ambiguous: the example puts the recordings' download link here; the prose puts it in each recording. */
  download_link?: string;
}

/**
 * conference/fetch_all request (handbook 8.5): a host's active scheduled
 * conferences (not those more than 18 months ahead). `auth_token` is left
 * out: the library sends a Bearer header.
 */
export interface ConferenceFetchAllRequest {
  /** The unique identifier of the host (in the example, not in the request's list). */
  host_id: number;
  /** `detail` returns the conferences with additional details (see 6.7). */
  output?: 'summary' | 'detail';
}

/** conference/fetch_all response (handbook 8.5): an array of conferences as conference/fetch answers them. */
export type ConferenceFetchAllResponse = EnterpriseList<ConferenceDetails>;

/** conference/cancel request (handbook 8.6): cancels a scheduled conference. `auth_token` is left out: the library sends a Bearer header. */
export interface ConferenceCancelRequest {
  /** The unique identifier of the conference. */
  conference_id: number;
}

/** conference/cancel response (handbook 8.6). */
export interface ConferenceCancelResponse extends EnterpriseMessage {
  /** `"OK"`. */
  message: string;
}

/** conference/end request (handbook 8.7): ends an active conference. `auth_token` is left out: the library sends a Bearer header. */
export interface ConferenceEndRequest {
  /** The unique identifier of the conference (from the example; 8.7 lists no request fields). */
  conference_id: number;
}

/** conference/end response (handbook 8.7). */
export interface ConferenceEndResponse extends EnterpriseMessage {
  /** `"OK"`. */
  message: string;
}

/**
 * conference/fetch_participant_details request (handbook 8.8): contact
 * details of a conference's participants and moderators. `auth_token` is
 * left out: the library sends a Bearer header.
 */
export interface ConferenceFetchParticipantDetailsRequest {
  /** The unique identifier of the conference. */
  conference_id: number;
}

/** A contact structure (handbook 7.2), as conference/fetch_participant_details lists it. */
export interface ConferenceContact {
  /** Unique id of the contact. */
  contact_id: number;
  /** Name of the contact. */
  name: string;
  /** Email address of the contact. */
  email: string;
  /** Business phone number. */
  business_phone: string;
  /** Mobile phone number. */
  mobile_phone: string;
  /** Home phone number. */
  home_phone: string;
  /** Other phone number. */
  other_phone: string;
  /** IANA time zone of the contact, e.g. `US/Eastern`. */
  time_zone: string;
  /** `true` when the contact is a host's contact details, `false` for a standalone contact. */
  has_host: boolean;
}

/** conference/fetch_participant_details response (handbook 8.8). */
export interface ConferenceFetchParticipantDetailsResponse extends EnterpriseMessage {
  /** Contacts of the conference's participants. */
  participants: ConferenceContact[];
  /** Contacts of the conference's moderators. */
  moderators: ConferenceContact[];
}

/** conference/fetch_livestream_viewer_count request (handbook 8.9). `auth_token` is left out: the library sends a Bearer header. */
export interface ConferenceFetchLivestreamViewerCountRequest {
  /** The unique identifier of the conference. */
  conference_id: number;
}

/** conference/fetch_livestream_viewer_count response (handbook 8.9). */
export interface ConferenceFetchLivestreamViewerCountResponse extends EnterpriseMessage {
  /** The number of viewers currently viewing the livestream, as a string in the handbook's example (`"4"`). */
  count: string;
}

/** conference/stop_streaming request (handbook 8.10): stops livestreaming a conference. `auth_token` is left out: the library sends a Bearer header. */
export interface ConferenceStopStreamingRequest {
  /** The unique identifier of the conference. */
  conference_id: number;
}

/** conference/stop_streaming response (handbook 8.10). */
export interface ConferenceStopStreamingResponse extends EnterpriseMessage {
  /** `"OK"`. */
  message: string;
}

// ---------------------------------------------------------------------------
// The method map and the client
// ---------------------------------------------------------------------------

/** The typed methods: each method path's request and response types (handbook 6 and 8). */
export interface EnterpriseMethods {
  /** Create a host (6.1). */
  'host/create': { request: HostCreateRequest; response: HostCreateResponse };
  /** Get a host's details (6.2). */
  'host/fetch': { request: HostFetchRequest; response: HostFetchResponse };
  /** Edit a host (6.3). */
  'host/update': { request: HostUpdateRequest; response: HostUpdateResponse };
  /** Delete a host (6.4). */
  'host/delete': { request: HostDeleteRequest; response: HostDeleteResponse };
  /** Re-send a host's welcome email (6.5). */
  'host/resend_invitation': { request: HostResendInvitationRequest; response: HostResendInvitationResponse };
  /** Send a host a password reset email (6.6). */
  'host/reset_password': { request: HostResetPasswordRequest; response: HostResetPasswordResponse };
  /** A host's past conferences (6.7). */
  'host/conferences': { request: HostConferencesRequest; response: HostConferencesResponse };
  /** A host's call detail records (6.8). */
  'host/cdrs': { request: HostCdrsRequest; response: HostCdrsResponse };
  /** The calls a host is in now (6.9). */
  'host/active_calls': { request: HostActiveCallsRequest; response: HostActiveCallsResponse };
  /** All hosts of a company (6.10). */
  'host/fetch_all': { request: HostFetchAllRequest; response: HostFetchAllResponse };
  /** Schedule a conference, recurring with `schedule` (8.1, 8.11). */
  'conference/create': { request: ConferenceCreateRequest; response: ConferenceCreateResponse };
  /** Create an active reservationless conference (8.2). */
  'conference/create/reservationless': {
    request: ConferenceCreateReservationlessRequest;
    response: ConferenceCreateReservationlessResponse;
  };
  /** Update a scheduled conference (8.3). */
  'conference/update': { request: ConferenceUpdateRequest; response: ConferenceUpdateResponse };
  /** Fetch a conference (8.4). */
  'conference/fetch': { request: ConferenceFetchRequest; response: ConferenceFetchResponse };
  /** A host's active scheduled conferences (8.5). */
  'conference/fetch_all': { request: ConferenceFetchAllRequest; response: ConferenceFetchAllResponse };
  /** Cancel a scheduled conference (8.6). */
  'conference/cancel': { request: ConferenceCancelRequest; response: ConferenceCancelResponse };
  /** End an active conference (8.7). */
  'conference/end': { request: ConferenceEndRequest; response: ConferenceEndResponse };
  /** Contact details of a conference's participants and moderators (8.8). */
  'conference/fetch_participant_details': {
    request: ConferenceFetchParticipantDetailsRequest;
    response: ConferenceFetchParticipantDetailsResponse;
  };
  /** The current livestream viewer count (8.9). */
  'conference/fetch_livestream_viewer_count': {
    request: ConferenceFetchLivestreamViewerCountRequest;
    response: ConferenceFetchLivestreamViewerCountResponse;
  };
  /** Stop livestreaming a conference (8.10). */
  'conference/stop_streaming': { request: ConferenceStopStreamingRequest; response: ConferenceStopStreamingResponse };
}

/** The request body of `method`: typed for the methods of `EnterpriseMethods`, a plain JSON object otherwise. */
export type EnterpriseRequest<M extends EnterpriseMethod> = M extends keyof EnterpriseMethods
  ? EnterpriseMethods[M]['request']
  : Record<string, unknown>;

/** The parsed answer of `method`: typed for the methods of `EnterpriseMethods`, a plain JSON object otherwise. */
export type EnterpriseResponse<M extends EnterpriseMethod> = M extends keyof EnterpriseMethods
  ? EnterpriseMethods[M]['response']
  : Record<string, unknown> & { message?: string };

/**
 * An Enterprise API client (handbook 1, 3-8, 12.7), made by
 * `vivo.enterpriseApi({ accessToken })`.
 */
export declare class EnterpriseApi {
  private constructor();
  /**
   * POSTs `body` (default `{}`) as JSON to `<origin>/enterprise_api/<method>`
   * (PUT for `EnterprisePutMethod`s) with `Authorization: Bearer <token>`, and
   * resolves with the parsed JSON answer. Leave `auth_token` out of `body`.
   * The token goes only to the platform's origin (no credentials, no
   * redirects followed).
   *
   * Rejects with a `VivoMeetingsError` whose `code` is:
   * - `unauthorized`: HTTP 401, after `onUnauthorized` has run;
   * - `forbidden`: HTTP 403;
   * - `not_found`: HTTP 404;
   * - `api_error`: any other non-2xx status (see `status`);
   * - `network_error`: the request failed (network failure or CORS refusal)
   *   or the answer was not JSON;
   * - `invalid_option`: `method` is not a method of the handbook, or `body`
   *   is not JSON-serializable.
   *
   * The error's `message` includes the platform's `message` when it sent one.
   */
  call<M extends EnterpriseMethod>(method: M, body?: EnterpriseRequest<M>): Promise<EnterpriseResponse<M>>;
}

// pkg/enterprise_methods.d.ts
// Generated from METHODS in src/core/enterprise.rs by its test
// `typescript_union_is_current`: do not edit. Regenerate with
// VIVO_UPDATE_GENERATED=1 cargo test -p vivomeetings-embed --lib enterprise

/** An Enterprise API method path of the handbook (sections 3 to 8). */
export type EnterpriseMethod =
  | 'authenticate'
  | 'company/create'
  | 'company/fetch'
  | 'company/update'
  | 'company/fetch_all'
  | 'subscription/fetch_products'
  | 'subscription/create'
  | 'subscription/update'
  | 'subscription/suspend'
  | 'subscription/reactivate'
  | 'subscription/cancel'
  | 'subscription/fetch'
  | 'host/create'
  | 'host/fetch'
  | 'host/update'
  | 'host/delete'
  | 'host/resend_invitation'
  | 'host/reset_password'
  | 'host/conferences'
  | 'host/cdrs'
  | 'host/active_calls'
  | 'host/fetch_all'
  | 'contact/create'
  | 'contact/fetch'
  | 'contact/fetch_all'
  | 'contact/update'
  | 'contact/delete'
  | 'conference/create'
  | 'conference/create/reservationless'
  | 'conference/update'
  | 'conference/fetch'
  | 'conference/fetch_all'
  | 'conference/cancel'
  | 'conference/end'
  | 'conference/fetch_participant_details'
  | 'conference/fetch_livestream_viewer_count'
  | 'conference/stop_streaming';

/** The methods the handbook calls with PUT; all others use POST. */
export type EnterprisePutMethod = 'subscription/update';
