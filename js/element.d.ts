// The types of the entry `vivomeetings-embed/element` (pkg/element.d.ts):
// <vivo-meeting> and <vivo-livestream>, their attributes, properties and
// events, `HTMLElementTagNameMap` entries, and React 19 JSX types.
import type { AccessCode, LeaveEvent, MessageEvent as EmbedMessageEvent, MuteDevice, RejectedInfo, View, VivoMeetingsError } from './index';

/** `detail` of the `leave` event: why the participant left. */
export type VivoLeaveDetail = LeaveEvent;
/** `detail` of the `meetingmessage` event: every validated message from the element's iframe. */
export type VivoMessageDetail = EmbedMessageEvent;
/** `detail` of the `rejected` event: a message dropped by the origin, source or shape checks. */
export type VivoRejectedDetail = RejectedInfo;
/** `detail` of the `embederror` event: the attributes are invalid (no iframe is shown). */
export interface VivoEmbedErrorDetail {
  error: VivoMeetingsError;
}

/** The element events, by name (all lowercase, so React 19's `onleave` works). */
export interface VivoElementEventMap extends HTMLElementEventMap {
  leave: CustomEvent<VivoLeaveDetail>;
  meetingmessage: CustomEvent<VivoMessageDetail>;
  rejected: CustomEvent<VivoRejectedDetail>;
  embederror: CustomEvent<VivoEmbedErrorDetail>;
  /** The iframe has loaded (for loading spinners). */
  load: Event;
}

interface VivoElementBase extends HTMLElement {
  /** The platform domain (attribute `domain`). */
  domain: string | null;
  /** The room's access code (attribute `access-code`); a number is written in its string form. */
  accessCode: string | null;
  /** The iframe element, or `null` when nothing is mounted (not connected, not ready yet, or invalid attributes). */
  readonly iframe: HTMLIFrameElement | null;
  /** The iframe's URL, or `null` when nothing is mounted. */
  readonly url: string | null;
  /** Resolves with the first `leave` of this element. Never settles for a livestream. */
  readonly left: Promise<LeaveEvent>;
  addEventListener<K extends keyof VivoElementEventMap>(type: K, listener: (this: this, ev: VivoElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof VivoElementEventMap>(type: K, listener: (this: this, ev: VivoElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * `<vivo-meeting>`: a meeting room. It mounts when connected (once the wasm
 * is ready), is destroyed when disconnected, rebuilds once per task when an
 * attribute or `params` changes, and keeps the meeting across `moveBefore`.
 * Properties reflect the attributes (`title` is HTMLElement's own).
 */
export interface VivoMeetingElement extends VivoElementBase {
  /** A full meeting URL from the platform's API instead of `accessCode` (attribute `meeting-url`). */
  meetingUrl: string | null;
  /** The participant's display name. */
  name: string | null;
  /** Skip the device-selection dialog (boolean attribute `skip-join`). */
  skipJoin: boolean;
  /** Join with the camera off and no video tile (boolean attribute `observer`). */
  observer: boolean;
  /** A thin strip layout (boolean attribute `strip-layout`). */
  stripLayout: boolean;
  /** Devices muted on joining (attribute `mute`: space-separated tokens, `mute="camera mic"`). */
  mute: MuteDevice[];
  /** The default layout. */
  view: View | (string & {}) | null;
  /** Pass-through parameters (a property only). */
  params: Readonly<Record<string, string | number | boolean>> | undefined;
}

/** `<vivo-livestream>`: the livestream player (`domain`, `access-code`, `title`). */
export interface VivoLivestreamElement extends VivoElementBase {}

declare global {
  interface HTMLElementTagNameMap {
    'vivo-meeting': VivoMeetingElement;
    'vivo-livestream': VivoLivestreamElement;
  }
}

type Handler<E> = (event: E) => void;

/** The attributes and event handlers shared by both elements, for JSX. */
export interface VivoElementAttributes {
  domain?: string;
  'access-code'?: AccessCode;
  title?: string;
  onleave?: Handler<CustomEvent<VivoLeaveDetail>>;
  onmeetingmessage?: Handler<CustomEvent<VivoMessageDetail>>;
  onrejected?: Handler<CustomEvent<VivoRejectedDetail>>;
  onembederror?: Handler<CustomEvent<VivoEmbedErrorDetail>>;
  onload?: Handler<Event>;
}

/** `<vivo-meeting>`'s attributes for JSX (React 19 sets the rest, e.g. `params`, as properties). */
export interface VivoMeetingAttributes extends VivoElementAttributes {
  'meeting-url'?: string;
  name?: string;
  'skip-join'?: boolean;
  observer?: boolean;
  'strip-layout'?: boolean;
  /** Space-separated: `"camera"`, `"mic"` or `"camera mic"`. */
  mute?: string;
  view?: View;
  /** Set as a property by React 19. */
  params?: Readonly<Record<string, string | number | boolean>>;
}

/** `<vivo-livestream>`'s attributes for JSX. */
export type VivoLivestreamAttributes = VivoElementAttributes;

// React 19 reads intrinsic elements from `React.JSX` (the module's JSX
// namespace), not from a global `JSX`. `ClassAttributes` (ref, key) and
// `HTMLAttributes` (className, style, …) are React's own interfaces; the empty
// declarations here merge with them, and let this file type-check where
// React is not installed.
declare module 'react' {
  interface ClassAttributes<T> {}
  interface HTMLAttributes<T> {}
  namespace JSX {
    interface IntrinsicElements {
      'vivo-meeting': ClassAttributes<VivoMeetingElement> & HTMLAttributes<VivoMeetingElement> & VivoMeetingAttributes;
      'vivo-livestream': ClassAttributes<VivoLivestreamElement> & HTMLAttributes<VivoLivestreamElement> & VivoLivestreamAttributes;
    }
  }
}
