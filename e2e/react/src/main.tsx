// A React 19 partner app, StrictMode on: the <vivo-meeting> element and the
// hook-free embedMeeting + cleanup effect, each mounted, unmounted and
// remounted by the buttons (driven by e2e/react.test.mjs).
import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ready, VivoMeetings, type LeaveEvent } from 'vivomeetings-embed';
import 'vivomeetings-embed/element';

declare global {
  interface Window {
    VIVO_PLATFORM: string;
  }
}

const domain = window.VIVO_PLATFORM;

// The wasm loads on import; wait for it once, before the first render.
await ready;
const vivo = new VivoMeetings({ domain });

/** The element: attributes in JSX, events through React 19's lowercase `on…` props. */
function ElementMeeting({ onLeave }: { onLeave: (reason: string) => void }) {
  const [loaded, setLoaded] = useState(false);
  return (
    <vivo-meeting
      className="slot"
      domain={domain}
      access-code="123456"
      name="React Element"
      skip-join
      mute="camera mic"
      params={{ theme: 'dark' }}
      onleave={(event) => onLeave(event.detail.reason)}
      onembederror={(event) => console.error(event.detail.error.code)}
      onload={() => setLoaded(true)}
      data-loaded={loaded ? 'yes' : 'no'}
    />
  );
}

/** The hook-free pattern: embed in an effect, destroy in its cleanup. */
function EffectMeeting({ onLeave }: { onLeave: (reason: string) => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const meeting = vivo.embedMeeting(ref.current!, {
      accessCode: '123456',
      name: 'React Effect',
      skipJoin: true,
      onLeave: (event: LeaveEvent) => onLeave(event.reason),
    });
    return () => meeting.destroy();
  }, [onLeave]);
  return <div ref={ref} className="slot" />;
}

function App() {
  const mode = new URLSearchParams(location.search).get('mode') === 'effect' ? 'effect' : 'element';
  const [shown, setShown] = useState(true);
  const [left, setLeft] = useState<string[]>([]);
  const [onLeave] = useState(() => (reason: string) => setLeft((all) => [...all, reason]));
  return (
    <main>
      <h1>React 19 ({mode})</h1>
      <button type="button" id="toggle" onClick={() => setShown((s) => !s)}>
        {shown ? 'Unmount' : 'Mount'}
      </button>
      <p>
        left <output id="left">{left.join(',')}</output>
      </p>
      <div className="frames">{shown && (mode === 'effect' ? <EffectMeeting onLeave={onLeave} /> : <ElementMeeting onLeave={onLeave} />)}</div>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
