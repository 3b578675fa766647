// The hand-written plain-JS baseline: what a partner could write instead of
// the library. Same URL (name, skip_join, mute in that order), same iframe
// (allow list, title, size) and a message listener that checks origin and
// source. Classic script; defines window.baseline = { meetingUrl, embedMeeting }.
(() => {
  const ALLOW = 'camera;microphone;autoplay;display-capture';

  function meetingUrl(platform, o) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(String(o.accessCode))) throw new Error('invalid access code');
    const q = new URLSearchParams();
    if (o.name) q.set('name', o.name);
    if (o.skipJoin) q.set('skip_join', 'true');
    if (o.mute && o.mute.length) q.set('mute', ['camera', 'mic'].filter((d) => o.mute.includes(d)).join(','));
    const query = q.toString().replace(/%2C/g, ',');
    return `${platform}/conf/call/${o.accessCode}${query ? `?${query}` : ''}`;
  }

  function embedMeeting(container, platform, o) {
    const iframe = document.createElement('iframe');
    iframe.title = 'VivoMeetings meeting room';
    iframe.setAttribute('allow', ALLOW);
    iframe.setAttribute('allowfullscreen', '');
    iframe.style.cssText = 'border:0;display:block;width:100%;height:100%';
    iframe.src = meetingUrl(platform, o);
    (typeof container === 'string' ? document.querySelector(container) : container).appendChild(iframe);
    const onMessage = (e) => {
      if (e.origin !== platform || e.source !== iframe.contentWindow) return;
      const d = e.data;
      if (d && d.type === 'vivomeetingsLeaveCallEvent' && typeof d.reason === 'string' && o.onLeave) {
        o.onLeave({ type: 'leave', reason: d.reason });
      }
    };
    window.addEventListener('message', onMessage);
    return {
      iframe,
      destroy() {
        window.removeEventListener('message', onMessage);
        iframe.remove();
      },
    };
  }

  window.baseline = { meetingUrl, embedMeeting };
})();
