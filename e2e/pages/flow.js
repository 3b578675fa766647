// The core partner flow, shared by the module page, the script-tag page and
// their strict-CSP twins: build URLs, catch a typed error, embed a meeting
// room and a livestream, and report every event into the DOM.
// A classic script: defines window.runCoreFlow(api), where `api` is the
// package's namespace (ES module exports or window.VivoMeetings).
window.runCoreFlow = function runCoreFlow(api) {
  var $ = function (id) { return document.getElementById(id); };
  var events = $('events');
  function record(text) {
    var li = document.createElement('li');
    li.textContent = text;
    events.append(li);
  }
  var domain = window.VIVO_PLATFORM;
  var vivo = new api.VivoMeetings({ domain: domain });
  var options = { accessCode: '123456', name: 'Core Flow', skipJoin: true };
  var url = vivo.meetingUrl(options);
  if (api.meetingUrl(Object.assign({ domain: domain }, options)) !== url) throw new Error('free meetingUrl differs');
  $('url').textContent = url;
  try {
    vivo.meetingUrl({ accessCode: 'a/b' });
  } catch (e) {
    $('error').textContent = [e instanceof api.VivoMeetingsError, e.name, e.code, e.field].join(' ');
  }
  var meeting = vivo.embedMeeting('#room', Object.assign({}, options, {
    onLeave: function (e) { record('leave:' + e.reason); },
    onRejected: function (info) { record('meeting-rejected:' + info.reason); },
  }));
  meeting.on('message', function (e) { record('message:' + e.type); });
  meeting.left.then(function (e) { $('left').textContent = e.reason; });
  var stream = vivo.embedLivestream($('stream'), {
    accessCode: '123456',
    onRejected: function (info) { record('stream-rejected:' + info.reason); },
  });
  stream.on('message', function (e) { record('stream-message:' + e.type); });
  window.flow = { vivo: vivo, meeting: meeting, stream: stream };
  $('status').textContent = 'ready';
};
