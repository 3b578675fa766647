// The core flow through the npm package's ES module entry.
import init, * as api from '/pkg/index.js';

await init();
window.runCoreFlow(api);
