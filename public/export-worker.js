// The exporter's web worker (a module worker). It runs the editor's own wasm
// module: the page's first message is { boot: { script, wasm } }, the
// editor's script URL and its compiled WebAssembly.Module (or the wasm's
// URL), from index.html's loader (src/platform/export_client.rs). Once the
// module starts, its main sees no window and serves exports
// (src/platform/export_service.rs): it posts { ready: true } and answers
// { id, job } messages. A load that fails is told to the page as { failed },
// with the reason, so the export dialog can say so instead of waiting.
const fail = (what, e) => {
  postMessage({ failed: `${what}: ${e && e.message ? e.message : e}` });
  close();
};
addEventListener('message', async (event) => {
  const boot = event.data && event.data.boot;
  if (!boot || typeof boot.script !== 'string' || !boot.wasm) {
    fail('its module is unknown', 'the page did not name the app\'s module');
    return;
  }
  let app;
  try {
    app = await import(boot.script);
  } catch (e) {
    fail('its script did not load', e);
    return;
  }
  try {
    await app.default({ module_or_path: boot.wasm });
  } catch (e) {
    fail('its wasm did not start', e);
  }
}, { once: true });
