// The exporter's web worker: loads the app's second wasm module (the
// exporter, src/bin/export_worker.rs), which Trunk builds beside this file as
// topoform-export.js and topoform-export_bg.wasm. The page starts it on the
// first export (src/platform/export_client.rs); once its wasm runs, the
// module posts { ready: true } and answers { id, job } messages.
// A load that fails is told to the page as { failed }, with the reason, so
// the export dialog can say so instead of waiting.
const fail = (what, e) => {
  postMessage({ failed: `${what}: ${e && e.message ? e.message : e}` });
  close();
};
try {
  importScripts('./topoform-export.js');
  wasm_bindgen({ module_or_path: './topoform-export_bg.wasm' }).catch((e) => fail('its wasm did not start', e));
} catch (e) {
  fail('its script did not load', e);
}
