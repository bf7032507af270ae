// The page runs in a browser. TypeScript has one lib set per program: in the root program (tsconfig.json) the DOM
// types become visible to all of it, while the apps' build (tsconfig.build.json) leaves this folder and the DOM out,
// and apps/dashboard/tsconfig.json checks the page alone (DOM, no Node types).
/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
