// Module resolve hook for the app server process (server.ts). `server-only` throws when imported
// outside React's server build; in this process the fast lane imports the same lib/ modules that
// Next.js bundles for the server, so it gets the package's own no-op entry, as Next.js does.
const empty = new URL('../../node_modules/server-only/empty.js', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: empty, shortCircuit: true };
  return nextResolve(specifier, context);
}
