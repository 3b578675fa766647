// The core flow through the script-tag bundle only: window.VivoMeetings.
(async function () {
  await VivoMeetings.ready;
  document.getElementById('global-keys').textContent = Object.keys(VivoMeetings).sort().join(' ');
  window.runCoreFlow(VivoMeetings);
})();
