// Compile-time checks of the element's JSX and DOM types (tsc --strict, never run).
import type { VivoMeetingElement } from 'vivomeetings-embed/element';

export function Checks() {
  const el: VivoMeetingElement = document.createElement('vivo-meeting');
  const mute: ('camera' | 'mic')[] = el.mute;
  const iframe: HTMLIFrameElement | null = el.iframe;
  el.addEventListener('leave', (event) => event.detail.reason.toUpperCase());
  el.addEventListener('embederror', (event) => event.detail.error.code satisfies string);
  void el.left.then((leave) => leave.reason);
  void [mute, iframe];
  return (
    <>
      <vivo-meeting
        ref={(node) => void node?.url}
        domain="acme.vivomeetings.com"
        access-code={123456}
        meeting-url="https://acme.vivomeetings.com/conf/call/1"
        name="Ann"
        skip-join
        observer={false}
        strip-layout
        mute="camera mic"
        view="gallery"
        title="Team room"
        className="room"
        hidden={false}
        params={{ theme: 'dark', n: 2, on: true }}
        onleave={(event) => event.detail.reason satisfies string}
        onmeetingmessage={(event) => event.detail.type satisfies string}
        onrejected={(event) => event.detail.reason satisfies 'origin' | 'source' | 'shape'}
        onembederror={(event) => event.detail.error.code satisfies string}
        onload={(event) => event.type}
      />
      <vivo-livestream domain="acme.vivomeetings.com" access-code="123456" onload={() => undefined} />
      {/* @ts-expect-error skip-join is a boolean attribute */}
      <vivo-meeting skip-join="yes" />
      {/* @ts-expect-error view takes the platform's layouts */}
      <vivo-meeting view="sideways" />
      {/* @ts-expect-error the leave detail has no such field */}
      <vivo-meeting onleave={(event) => event.detail.nope} />
      {/* @ts-expect-error a livestream has no name */}
      <vivo-livestream name="Ann" />
    </>
  );
}
