// The page's own script: `VivoMeetings.ready` waits for the wasm and for the
// document to be parsed, so this works from <head> with or without defer.
VivoMeetings.ready.then(function () {
  var platform = new URLSearchParams(location.search).get('platform');
  var vivo = new VivoMeetings.VivoMeetings({ domain: platform });
  var meeting = vivo.embedMeeting('#room', { accessCode: '123456', name: 'Stack Check', title: 'Stack meeting' });
  meeting.on('leave', function (e) {
    document.getElementById('left').textContent = e.reason;
  });
});
