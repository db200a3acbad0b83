//! Where the export dialog sends its jobs. The app uses the exporter's web
//! worker (started on the first export, running the editor's own module), so
//! exports run off the main thread. Tests that mount the dialog where no
//! worker can be served (wasm-bindgen-test-runner serves only the test's own
//! wasm) use the in-process exporter, which the app never builds.

use crate::core::export::job::{run, Job};
use crate::platform::export_client::{self, Done};
use std::rc::Rc;

/// Runs export jobs and answers each later, on the main thread.
#[derive(Clone)]
pub struct Exporter(Rc<dyn Fn(Job, Done)>);

impl Exporter {
    /// The exporter's web worker (`public/export-worker.js`), started on the
    /// first job. What the app uses.
    pub fn worker() -> Self {
        Exporter(Rc::new(|job, done| export_client::submit(&job, done)))
    }

    /// The exporter in this module, run on the next turn of the event loop
    /// (as a worker would answer): for tests only, since it links the
    /// exporter into whatever calls it.
    pub fn in_process() -> Self {
        Exporter(Rc::new(|job, done| {
            wasm_bindgen_futures::spawn_local(async move { done(Ok(run(&job))) });
        }))
    }

    /// Sends `job`; `done` gets its output or why there is none.
    pub fn submit(&self, job: Job, done: Done) {
        (self.0)(job, done)
    }
}

impl Default for Exporter {
    fn default() -> Self {
        Exporter::worker()
    }
}
