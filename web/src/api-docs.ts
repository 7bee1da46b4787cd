/**
 * The API reference page: Swagger UI (swagger-ui-dist, served by the read API) rendering `/api/openapi.json`, which
 * answers only to a live admin session. Without one the browser goes back to the dashboard's sign-in.
 */
declare const SwaggerUIBundle: (options: Record<string, unknown>) => unknown;

const statusLine = document.getElementById('api-docs-status') as HTMLElement;

const show = async (): Promise<void> => {
  const response = await fetch('/api/openapi.json', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (response.status === 401) {
    window.location.replace('/');
    return;
  }
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  const spec: unknown = await response.json();
  SwaggerUIBundle({ spec, dom_id: '#swagger-ui', deepLinking: true, tryItOutEnabled: false, validatorUrl: null });
  statusLine.hidden = true;
};

// swagger-ui-bundle.js is a deferred classic script; module scripts run after it.
show().catch((error: unknown) => {
  statusLine.textContent = `The API reference could not be loaded: ${(error as Error).message}`;
});
export {};
