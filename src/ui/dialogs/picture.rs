//! "Picture…" in the export dialog: the design (or the selection) as an SVG
//! (light or dark, the design embedded so the picture opens again), a PNG
//! drawn from that SVG at twice its size, or a draw.io diagram with AWS
//! shapes. The exporter's worker draws (so `core::render` is not in the
//! editor's first paint); the page only turns an SVG into a PNG.

use super::exporter::Exporter;
use super::Save;
use crate::core::export::job::{Format, Job, Kind, Outcome, Output, Picture};
use crate::core::export::Layout;
use crate::core::model::{save, Design};
use crate::platform;
use leptos::prelude::*;

/// The picture form; `status` gets what happened.
#[component]
pub fn PicturePanel(
    design: Signal<Design>,
    selection: Signal<Vec<String>>,
    exporter: Exporter,
    save_file: Save,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let format = RwSignal::new(String::from("svg"));
    let dark = RwSignal::new(false);
    let only_selection = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let draw = move |_| {
        let png = format.get_untracked() == "png";
        let only = if only_selection.get_untracked() {
            selection.get_untracked()
        } else {
            Vec::new()
        };
        if only_selection.get_untracked() && only.is_empty() {
            status.set(Some(
                "Nothing is selected: select objects on the canvas, or picture the whole design."
                    .into(),
            ));
            return;
        }
        let job = Job {
            layout: Layout::PerRegion,
            design: design.with_untracked(save),
            kind: Kind::Picture(Picture {
                format: if format.get_untracked() == "drawio" {
                    Format::Drawio
                } else {
                    Format::Svg
                },
                dark: dark.get_untracked(),
                only,
            }),
        };
        busy.set(true);
        status.set(Some("Drawing the picture…".into()));
        exporter.submit(
            job,
            Box::new(move |result: Result<Output, String>| {
                let finish = move |msg: String| {
                    let _ = busy.try_set(false);
                    let _ = status.try_set(Some(msg));
                };
                let (file_name, mime, text) = match result {
                    Ok(Output {
                        outcome:
                            Outcome::Picture {
                                file_name,
                                mime,
                                text,
                            },
                        ..
                    }) => (file_name, mime, text),
                    Ok(Output {
                        outcome: Outcome::Unsupported(m) | Outcome::Unreadable(m),
                        ..
                    }) => return finish(m),
                    Ok(_) => return finish("The exporter drew no picture.".into()),
                    Err(why) => return finish(why),
                };
                if !png {
                    let msg = match save_file.run((file_name.clone(), mime, text.into_bytes())) {
                        Ok(()) => format!("Downloaded {file_name}."),
                        Err(e) => e,
                    };
                    return finish(msg);
                }
                let name = format!("{}.png", file_name.trim_end_matches(".svg"));
                leptos::task::spawn_local(async move {
                    let msg = match platform::png::from_svg(&text).await {
                        Ok(bytes) => match save_file.run((name.clone(), "image/png".into(), bytes))
                        {
                            Ok(()) => format!("Downloaded {name}."),
                            Err(e) => e,
                        },
                        Err(e) => format!("The PNG could not be made: {e}."),
                    };
                    finish(msg);
                });
            }),
        );
    };
    let selected = move || selection.with(Vec::len);
    view! {
        <section class="picture-panel" aria-label="Picture">
            <label>"Of "
                <select aria-label="Picture of" on:change=move |ev| only_selection.set(event_target_value(&ev) == "selection")>
                    <option value="whole" selected=move || !only_selection.get()>"the whole design"</option>
                    <option value="selection" disabled=move || selected() == 0 selected=move || only_selection.get()>
                        {move || format!("the selection ({} object{})", selected(), if selected() == 1 { "" } else { "s" })}
                    </option>
                </select>
            </label>
            <label>"As "
                <select aria-label="Picture format" on:change=move |ev| format.set(event_target_value(&ev))>
                    <option value="svg">"SVG (opens again in Topoform)"</option>
                    <option value="png">"PNG (2×)"</option>
                    <option value="drawio">"draw.io (AWS shapes)"</option>
                </select>
            </label>
            <label>"Theme "
                <select aria-label="Picture theme" disabled=move || format.get() == "drawio" on:change=move |ev| dark.set(event_target_value(&ev) == "dark")>
                    <option value="light">"Light"</option>
                    <option value="dark">"Dark"</option>
                </select>
            </label>
            <button type="button" class="picture-download" on:click=draw disabled=move || busy.get()>"Download picture"</button>
        </section>
    }
}
