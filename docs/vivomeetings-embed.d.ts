// pkg/index.d.ts
/// <reference lib="esnext.disposable" />
export * from './vivomeetings_embed.js';
export { default } from './vivomeetings_embed.js';
import type { ErrorCode } from './vivomeetings_embed.js';

/** The error every function of the library throws. */
export declare class VivoMeetingsError extends Error {
  readonly name: 'VivoMeetingsError';
  /** A stable machine-readable code. */
  readonly code: ErrorCode;
  /** The option the error is about, where one applies (e.g. `'view'`, `'params.name'`). */
  readonly field?: string;
}

// pkg/vivomeetings_embed.d.ts (InitOutput omitted)
/* tslint:disable */
/* eslint-disable */
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
| 'dom_error';

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
export type EmbedEventName = 'leave' | 'message';

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
    /** Like `on`, for the next event only. */
    once(event: 'leave', callback: (event: LeaveEvent) => void): () => void;
    once(event: 'message', callback: (event: MessageEvent) => void): () => void;
    /** Unsubscribes `callback`. */
    off(event: EmbedEventName, callback: (event: never) => void): void;
    /** Removes the iframe and the message listener, and drops every callback. Idempotent; safe inside a callback. */
    destroy(): void;
    /** Same as `destroy()`. */
    free(): void;
    /** Same as `destroy()`, so `using embed = vivo.embedMeeting(…)` works. */
    [Symbol.dispose](): void;
}



/**
 * The platform client. `new VivoMeetings({ domain })` validates the domain at once.
 */
export class VivoMeetings {
    free(): void;
    [Symbol.dispose](): void;
    /**
     * Mounts the livestream player in `container`.
     */
    embedLivestream(container: Container, options: EmbedLivestreamOptions): Embed;
    /**
     * Mounts a meeting room in `container`.
     */
    embedMeeting(container: Container, options: EmbedMeetingOptions): Embed;
    /**
     * Signs a host in inside an iframe (handbook 10.2); leave events flow
     * once the host lands in a room.
     */
    embedSignIn(container: Container, options: EmbedSignInOptions): Embed;
    /**
     * The livestream player URL.
     */
    livestreamUrl(options: LivestreamUrlOptions): string;
    /**
     * The meeting-room URL.
     */
    meetingUrl(options: MeetingUrlOptions): string;
    /**
     * Creates a client for the platform at `options.domain`.
     */
    constructor(options: VivoMeetingsOptions);
    /**
     * The URL of any platform page by path, e.g. `/conf/calls/upcoming`.
     */
    pageUrl(path: string): string;
    /**
     * The GET sign-in link of 10.1. It carries the token in the URL, where
     * history, logs and `Referer` headers can keep it: prefer `signIn`.
     */
    signInUrl(options: SignInOptions): string;
    /**
     * Signs a host in by a form POST to `/auth`, in this tab or a new one
     * (handbook 10.1). The token never appears in a URL.
     */
    signIn(options: SignInFormOptions): void;
    /**
     * The platform origin, e.g. `https://acme.vivomeetings.com`.
     */
    readonly origin: string;
}

/**
 * Builds a livestream URL without an instance: `livestreamUrl({ domain, accessCode })`.
 */
export function livestreamUrl(options: StandaloneLivestreamUrlOptions): string;

/**
 * Builds a meeting-room URL without an instance: `meetingUrl({ domain, accessCode, … })`.
 */
export function meetingUrl(options: StandaloneMeetingUrlOptions): string;

/**
 * Builds a page URL without an instance: `pageUrl({ domain, path })`.
 */
export function pageUrl(options: StandalonePageUrlOptions): string;

/**
 * Builds the GET sign-in link without an instance: `signInUrl({ domain, hostId, … })`.
 */
export function signInUrl(options: StandaloneSignInUrlOptions): string;

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;


export type SyncInitInput = BufferSource | WebAssembly.Module;

/**
 * Instantiates the given `module`, which can either be bytes or
 * a precompiled `WebAssembly.Module`.
 *
 * @param {{ module: SyncInitInput }} module - Passing `SyncInitInput` directly is deprecated.
 *
 * @returns {InitOutput}
 */
export function initSync(module: { module: SyncInitInput } | SyncInitInput): InitOutput;

/**
 * If `module_or_path` is {RequestInfo} or {URL}, makes a request and
 * for everything else, calls `WebAssembly.instantiate` directly.
 *
 * @param {{ module_or_path: InitInput | Promise<InitInput> }} module_or_path - Passing `InitInput` directly is deprecated.
 *
 * @returns {Promise<InitOutput>}
 */
export default function __wbg_init (module_or_path?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<InitOutput>;
