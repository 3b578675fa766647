// A partner app using the whole public API of vivomeetings-embed, as
// installed from npm (here: file:../../pkg) and bundled by Vite. The page
// reports what it did into the DOM for e2e/consumer.test.mjs.
import init, {
  VivoMeetings,
  VivoMeetingsError,
  livestreamUrl,
  meetingUrl,
  pageUrl,
  signInUrl,
  type Embed,
  type EmbedMeetingOptions,
  type ErrorCode,
  type InitOutput,
  type LeaveEvent,
  type MeetingUrlOptions,
  type MessageEvent as VivoMessageEvent,
  type RejectedInfo,
  type RoomOptions,
  type SignInOptions,
} from 'vivomeetings-embed';

const $ = (id: string): HTMLElement => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return el;
};

function record(text: string): void {
  const li = document.createElement('li');
  li.textContent = text;
  $('events').append(li);
}

/** The code of a VivoMeetingsError thrown by `fn`, or 'no error'. */
function codeOf(fn: () => unknown): ErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (error instanceof VivoMeetingsError) {
      const code: ErrorCode = error.code;
      return code;
    }
    throw error;
  }
}

interface AppConfig {
  platform: string;
  app: string;
}

async function main(): Promise<void> {
  const config = (await (await fetch('/config.json')).json()) as AppConfig;
  const wasm: InitOutput = await init();
  if (!(wasm.memory instanceof WebAssembly.Memory)) throw new Error('init() did not return the wasm exports');

  const domain = config.platform;
  const vivo = new VivoMeetings({ domain });
  const roomOptions: RoomOptions = {
    name: 'Vite Consumer',
    skipJoin: true,
    observer: false,
    mute: ['camera'],
    view: 'left_side_speaker',
    stripLayout: false,
    params: { hide_chat: true, lang: 'en', seats: 4 },
  };
  const room: MeetingUrlOptions = { accessCode: '123456', ...roomOptions };
  const url = vivo.meetingUrl(room);
  if (meetingUrl({ domain, ...room }) !== url) throw new Error('free meetingUrl() differs from the method');
  // A room_url / meeting_url from the platform's API instead of an access code.
  const roomUrl = vivo.pageUrl('/conf/call/123456');
  if (meetingUrl({ meetingUrl: roomUrl, ...roomOptions }) !== url) {
    throw new Error('meetingUrl({ meetingUrl }) differs');
  }
  if (livestreamUrl({ domain, accessCode: 123456 }) !== vivo.livestreamUrl({ accessCode: '123456' })) {
    throw new Error('livestreamUrl differs');
  }
  if (pageUrl({ domain, path: '/conf/calls/upcoming' }) !== vivo.pageUrl('/conf/calls/upcoming')) throw new Error('pageUrl differs');
  const signIn: SignInOptions = {
    hostId: 8,
    loginTokenPublicKey: 'a1b2c3d4e5f6',
    redirectUrl: '/conf/calls/upcoming',
    afterCallUrl: '/after-call',
    afterCallHosts: ['localhost'],
  };
  if (signInUrl({ domain, ...signIn }) !== vivo.signInUrl(signIn)) throw new Error('signInUrl differs');
  $('url').textContent = url;

  // Bad input is refused at run time too (here smuggled past the types).
  $('errors').textContent = [
    codeOf(() => new VivoMeetings({ domain: 'http://example.com' })),
    codeOf(() => vivo.meetingUrl({ accessCode: 'a/b' })),
    codeOf(() => vivo.meetingUrl({ accessCode: '1', view: 'grid' } as unknown as MeetingUrlOptions)),
    codeOf(() => vivo.meetingUrl({ accessCode: '1', mute: 'mic' } as unknown as MeetingUrlOptions)),
    codeOf(() => vivo.meetingUrl({ accessCode: '1', params: { NAME: 'x' } })),
    codeOf(() => vivo.embedMeeting('#no-such-container', { accessCode: '1' })),
    codeOf(() => vivo.signInUrl({ ...signIn, hostId: 0 })),
    codeOf(() => vivo.signInUrl({ hostId: 8, loginTokenPublicKey: 'a1b2c3d4e5f6', redirectUrl: 'https://evil.example/' })),
  ].join(' ');

  const options: EmbedMeetingOptions = {
    ...room,
    title: 'Consumer meeting',
    width: '100%',
    height: '360px',
    onLeave: (e: LeaveEvent) => record(`leave:${e.reason}`),
    onRejected: (info: RejectedInfo) => record(`rejected:${info.reason}`),
  };
  const meeting: Embed = vivo.embedMeeting('#room', options);
  const onMessage = (e: VivoMessageEvent): void => record(`message:${e.type}`);
  meeting.on('message', onMessage);
  const unsubscribe = meeting.on('leave', () => record('never: unsubscribed'));
  unsubscribe();
  const dropped = (): void => record('never: off');
  meeting.on('leave', dropped);
  meeting.off('leave', dropped);
  meeting.once('leave', (e) => {
    record(`once:${e.reason}`);
    const iframe: HTMLIFrameElement = meeting.iframe;
    record(`iframe:${iframe.title}:${meeting.url === url}`);
  });
  void meeting.left.then((e) => {
    $('left').textContent = e.reason;
    meeting.off('message', onMessage);
    meeting.destroy();
  });

  const stream = vivo.embedLivestream($('stream'), { accessCode: 123456, title: 'Consumer livestream', height: '200px' });
  stream.on('message', onMessage);

  const signInEmbed = vivo.embedSignIn('#signin', { ...signIn, title: 'Consumer sign-in', height: '200px' });
  signInEmbed.on('leave', (e) => record(`signin-leave:${e.reason}`));

  const button = document.createElement('button');
  button.id = 'sign-in-new-tab';
  button.type = 'button';
  button.textContent = 'Sign in (POST, new tab)';
  button.addEventListener('click', () => vivo.signIn({ ...signIn, newTab: true }));
  document.body.append(button);

  $('status').textContent = `ready ${vivo.origin}`;
}

main().catch((error: unknown) => {
  $('status').textContent = `failed: ${String(error)}`;
  throw error;
});
