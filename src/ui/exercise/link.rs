//! Share links in the app: opening `#d1.…` / `#x1.…` and making a link to
//! the open design. The pure steps are `core::share`'s; the (de)compression
//! between them is the browser's own streams, so the editor's wasm links
//! no zlib code (its first-paint budget has no room for it).

use crate::core::model::{save, Design};
use crate::core::share::{self, What, MAX_INFLATED_BYTES};
use crate::platform;
use crate::platform::inflate::{deflate, inflate, Format};
use crate::ui::doc::{Doc, Notice};
use leptos::prelude::*;

/// What a link opened.
pub enum Opened {
    /// A design, loaded strictly.
    Design(Box<Design>),
    /// An exercise's text, loaded strictly once already (without solution
    /// when the session starts).
    Exercise(String),
}

/// Opens a link or fragment, or says (for a person) why not.
pub async fn open(link: &str) -> Result<Opened, String> {
    let (what, bytes) = share::compressed(link).map_err(|e| e.to_string())?;
    let inflated = inflate(Format::Zlib, &bytes, MAX_INFLATED_BYTES)
        .await
        .map_err(|why| {
            let too_big = why.contains("cap");
            share::inflate_error(what, too_big, &why).to_string()
        })?;
    let text = share::inflated(what, inflated).map_err(|e| e.to_string())?;
    match what {
        What::Design => share::design_of(what, &text)
            .map(|d| Opened::Design(Box::new(d)))
            .map_err(|e| e.to_string()),
        What::Exercise => share::exercise_of(what, &text)
            .map(|_| Opened::Exercise(text))
            .map_err(|e| e.to_string()),
    }
}

/// A link to `design`: `base` (the page's address) + `#d1.…`.
pub async fn design_link(base: &str, design: &Design) -> Result<String, String> {
    let json = serde_json::to_string(design).unwrap_or_else(|_| save(design));
    let zlib = deflate(Format::Zlib, json.as_bytes()).await?;
    Ok(share::link(
        base,
        &share::pack_compressed(What::Design, &zlib),
    ))
}

/// True when a fragment looks like a share link (so other fragments are
/// left alone): `d` or `x`, a version number and a dot. A link of another
/// version (`d2.`, from a newer Topoform) is one too, and is answered with
/// the message saying so, not ignored.
pub fn is_share(fragment: &str) -> bool {
    let Some(rest) = fragment
        .strip_prefix('d')
        .or_else(|| fragment.strip_prefix('x'))
    else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with('.')
}

/// Opens the share link in the page's address, now and whenever the
/// fragment changes: a design goes to `on_design`, an exercise's text to
/// `on_exercise` (both ask before replacing work), a damaged link's
/// message to `on_error` (the design stays). The fragment is cleared
/// first, so a reload does not open the link again over later work.
pub fn listen(
    on_design: Callback<Design>,
    on_exercise: Callback<(String, String)>,
    on_error: Callback<String>,
) {
    let open_fragment = move || {
        let frag = platform::fragment();
        if !is_share(&frag) {
            return;
        }
        platform::clear_fragment();
        leptos::task::spawn_local(async move {
            match open(&frag).await {
                Ok(Opened::Design(d)) => on_design.run(*d),
                Ok(Opened::Exercise(text)) => on_exercise.run(("from the link".into(), text)),
                Err(e) => on_error.run(format!(
                    "The link was not opened: {e}. The open design is unchanged."
                )),
            }
        });
    };
    open_fragment();
    let hash = window_event_listener_untyped("hashchange", move |_| open_fragment());
    on_cleanup(move || hash.remove());
}

/// Puts a link to `design` on the clipboard and says so (or why not).
pub fn share(design: Design, doc: Doc) {
    leptos::task::spawn_local(async move {
        let copied = match design_link(&platform::base_address(), &design).await {
            Ok(l) => platform::clipboard::copy(&l).await.map(|()| l.len()),
            Err(e) => Err(e),
        };
        match copied {
            Ok(n) => doc.notice.set(Some(Notice::info(
                format!("A link to the design ({n} characters) is on the clipboard."),
                vec!["It holds the whole design; nothing was uploaded.".into()],
            ))),
            Err(e) => doc.error(format!("No share link: {e}.")),
        }
    });
}
