'use client';
// A client component: embeds the meeting once the wasm is ready, shows
// the leave's reason, and destroys the embed on unmount.
import { useEffect, useRef, useState } from 'react';
import { VivoMeetings, ready } from 'vivomeetings-embed';

export default function Meeting({ platform }) {
  const room = useRef(null);
  const [left, setLeft] = useState('');
  useEffect(() => {
    let meeting;
    let cancelled = false;
    ready.then(() => {
      if (cancelled) return;
      const vivo = new VivoMeetings({ domain: platform });
      meeting = vivo.embedMeeting(room.current, { accessCode: '123456', name: 'Stack Check', title: 'Stack meeting' });
      meeting.on('leave', ({ reason }) => setLeft(reason));
    });
    return () => {
      cancelled = true;
      meeting?.destroy();
    };
  }, [platform]);
  return (
    <>
      <p>
        left: <output id="left">{left}</output>
      </p>
      <div id="room" ref={room} style={{ height: 400 }} />
    </>
  );
}
