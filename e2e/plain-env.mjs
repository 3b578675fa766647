// The environment for a child process whose output a test reads: no ANSI
// colours, even when the tests run under FORCE_COLOR (Node then colours
// console.log's numbers and booleans) or under CI (which picocolors, and so
// Vite, reads as a colour terminal).
export const PLAIN = { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' };
