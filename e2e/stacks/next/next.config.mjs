// Not a recipe: this app sits inside another npm project (the repository
// root has its own lockfile), so Next.js would take that as the workspace
// root and warn. A partner's app at the root of its project needs no config.
export default { outputFileTracingRoot: import.meta.dirname };
