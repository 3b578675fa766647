// The lifecycle lab: the package's ES module in a real page, its wasm
// exports at hand. The tests drive it through window.lab.
import init, { VivoMeetings, VivoMeetingsError } from '/pkg/index.js';

const wasm = await init();
window.lab = {
  vivo: new VivoMeetings({ domain: window.VIVO_PLATFORM }),
  VivoMeetingsError,
  /** Bytes of wasm linear memory. */
  memory: () => wasm.memory.buffer.byteLength,
};
document.getElementById('status').textContent = 'ready';
