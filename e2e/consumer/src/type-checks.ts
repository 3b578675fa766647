// Compile-time checks only (never bundled, never run): what a partner's
// `tsc --strict` must accept and, with @ts-expect-error, must reject. If a
// rejected line ever compiled, tsc would report the unused directive.
import {
  VivoMeetings,
  meetingUrl,
  signInUrl,
  type AccessCode,
  type Container,
  type EmbedEventName,
  type ErrorCode,
  type LeaveEvent,
  type MuteDevice,
  type RejectedInfo,
  type View,
} from 'vivomeetings-embed';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

export function typeChecks(vivo: VivoMeetings, el: HTMLElement): void {
  // Exact types of the public unions.
  const views: Equals<View, 'gallery' | 'bottom_speaker' | 'left_side_speaker'> = true;
  const mutes: Equals<MuteDevice, 'camera' | 'mic'> = true;
  const events: Equals<EmbedEventName, 'leave' | 'message' | 'load'> = true;
  const reasons: Equals<LeaveEvent['reason'], 'left' | 'kicked' | 'blocked' | (string & {})> = true;
  const rejected: Equals<RejectedInfo['reason'], 'origin' | 'source' | 'shape'> = true;
  const codes: Equals<AccessCode, string | number> = true;
  const container: Equals<Container, Element | string> = true;
  void [views, mutes, events, reasons, rejected, codes, container];

  // @ts-expect-error view must be one of the three layouts
  vivo.meetingUrl({ accessCode: '1', view: 'grid' });
  // @ts-expect-error mute is an array of devices, not a string
  vivo.meetingUrl({ accessCode: '1', mute: 'mic' });
  // @ts-expect-error mute only knows camera and mic
  vivo.meetingUrl({ accessCode: '1', mute: ['speaker'] });
  // @ts-expect-error accessCode (or meetingUrl) is required
  vivo.embedMeeting(el, { name: 'No Code' });
  // @ts-expect-error accessCode is required for a URL too
  vivo.meetingUrl({});
  // @ts-expect-error not both accessCode and meetingUrl
  vivo.meetingUrl({ accessCode: '1', meetingUrl: 'https://acme.vivomeetings.com/conf/call/1' });
  // @ts-expect-error booleans are booleans
  vivo.meetingUrl({ accessCode: '1', skipJoin: 'yes' });
  // @ts-expect-error unknown options are rejected
  vivo.embedMeeting(el, { accessCode: '1', colour: 'red' });
  // @ts-expect-error the free function needs the domain
  meetingUrl({ accessCode: '1' });
  // @ts-expect-error the constructor needs the domain
  new VivoMeetings({});
  // @ts-expect-error the livestream needs its access code
  vivo.embedLivestream(el, {});
  // @ts-expect-error container is an element or a selector
  vivo.embedMeeting(42, { accessCode: '1' });

  const embed = vivo.embedMeeting(el, {
    accessCode: '1',
    onLeave(e) {
      const reason: string = e.reason;
      // @ts-expect-error the reason is a string union, not a number
      const n: number = e.reason;
      // @ts-expect-error other strings are allowed, so it is wider than the three documented ones
      const documented: 'left' | 'kicked' | 'blocked' = e.reason;
      void [reason, n, documented];
    },
    onRejected(info) {
      // @ts-expect-error info.reason is 'origin' | 'source' | 'shape'
      if (info.reason === 'forged') return;
      const origin: string = info.origin;
      void origin;
    },
  });
  // @ts-expect-error only 'leave' and 'message' are events
  embed.on('join', () => {});
  // @ts-expect-error a leave callback gets a LeaveEvent, whose reason is not a number
  embed.on('leave', (e: { reason: number }) => void e);
  embed.on('message', (e) => {
    const type: string = e.type;
    const data: unknown = e.data;
    // @ts-expect-error data is unknown until checked
    data.anything;
    void type;
  });
  // @ts-expect-error `left` is read-only
  embed.left = Promise.resolve({ type: 'leave', reason: 'left' });

  // @ts-expect-error hostId is a number or a string
  vivo.signInUrl({ hostId: true, loginTokenPublicKey: 't', redirectUrl: '/' });
  // @ts-expect-error exactly one of redirectUrl and redirectTo
  vivo.signInUrl({ hostId: 8, loginTokenPublicKey: 't', redirectUrl: '/', redirectTo: { accessCode: '1' } });
  // @ts-expect-error one of redirectUrl and redirectTo is required
  vivo.signInUrl({ hostId: 8, loginTokenPublicKey: 't' });
  // @ts-expect-error the token is required
  vivo.signIn({ hostId: 8, redirectUrl: '/' });
  // @ts-expect-error the free signInUrl needs the domain
  signInUrl({ hostId: 8, loginTokenPublicKey: 't', redirectUrl: '/' });
  // @ts-expect-error newTab is only for signIn
  vivo.embedSignIn(el, { hostId: 8, loginTokenPublicKey: 't', redirectUrl: '/', newTab: true });
  vivo.signIn({ hostId: '8', loginTokenPublicKey: 't', redirectTo: { accessCode: 1, skipJoin: true }, newTab: true });

  // @ts-expect-error not an error code
  const code: ErrorCode = 'no_such_code';
  void code;
}
