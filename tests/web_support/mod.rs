//! What the browser tests share: the app mounted full-window with its own
//! style sheets, pointer events as a mouse sends them, and waiting for the
//! reactive system and timers.
#![allow(dead_code)]

use leptos::prelude::*;
use topoform::ui::App;
use wasm_bindgen::JsCast;

pub mod forms;

pub fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

/// The app mounted in a host that fills the viewport (pointer tests need
/// their shapes on screen); dropping it unmounts and removes the host.
pub struct Mounted {
    el: web_sys::Element,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.el.remove();
    }
}

/// The app's own style sheets, as Trunk links them: geometry in these tests
/// (what lies under a pointer) must be the geometry a person sees.
pub fn styles() {
    if document().get_element_by_id("app-css").is_some() {
        return;
    }
    let style = document().create_element("style").unwrap();
    style.set_id("app-css");
    let css = [
        include_str!("../../style/tokens.css"),
        include_str!("../../style/main.css"),
        include_str!("../../style/canvas.css"),
    ];
    style.set_text_content(Some(&css.join("\n")));
    document().head().unwrap().append_child(&style).unwrap();
}

pub fn mount() -> (web_sys::Element, Mounted) {
    storage().clear().unwrap();
    mount_keeping_storage()
}

/// Mounts the app over whatever local storage holds (an autosaved design).
pub fn mount_keeping_storage() -> (web_sys::Element, Mounted) {
    styles();
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/"),
    );
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    el.style()
        .set_css_text("position:fixed;left:0;top:0;width:100vw;height:100vh");
    document().body().unwrap().append_child(&el).unwrap();
    let h = leptos::mount::mount_to(el.clone(), App);
    let el: web_sys::Element = el.unchecked_into();
    (
        el.clone(),
        Mounted {
            el,
            _handle: Box::new(h),
        },
    )
}

pub async fn settle() {
    for _ in 0..3 {
        leptos::task::tick().await;
    }
}

/// Waits for the next frame and a task after it: what follows an edit a
/// frame later (the cost and outage panels, `Doc::content_later`) is then
/// up to date.
pub async fn after_frame() {
    settle().await;
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window().request_animation_frame(&resolve).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    sleep(0).await;
    settle().await;
}

pub async fn sleep(ms: i32) {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
}

pub fn find(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

pub fn count(root: &web_sys::Element, selector: &str) -> u32 {
    root.query_selector_all(selector).unwrap().length()
}

pub fn text(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// The client-pixel centre of an element, or a point at fractions of its box.
pub fn at(el: &web_sys::Element, fx: f64, fy: f64) -> (f64, f64) {
    let r = el.get_bounding_client_rect();
    (r.left() + r.width() * fx, r.top() + r.height() * fy)
}

pub fn pointer(target: &web_sys::EventTarget, kind: &str, (x, y): (f64, f64), shift: bool) {
    let init = web_sys::PointerEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(x as i32);
    init.set_client_y(y as i32);
    init.set_pointer_id(1);
    init.set_button(0);
    init.set_buttons(if kind == "pointerup" { 0 } else { 1 });
    init.set_shift_key(shift);
    init.set_is_primary(true);
    let ev = web_sys::PointerEvent::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&ev).unwrap();
}

/// A key pressed on the page, as the keyboard sends it.
pub fn key(key: &str, ctrl: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().body().unwrap().dispatch_event(&ev).unwrap();
}

/// A key pressed while `el` has focus (the canvas's own keys).
pub fn press_on(el: &web_sys::Element, key: &str, ctrl: bool, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    let ev = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    // True when nothing prevented the browser's default.
    el.dispatch_event(&ev).unwrap()
}

/// Focuses an element as Tab or a click would.
pub fn focus(el: &web_sys::Element) {
    topoform::platform::focus::focus(el);
}

/// The canvas's view box as `[x, y, w, h]`.
pub fn view_box(root: &web_sys::Element) -> Vec<f64> {
    find(root, "svg.canvas")
        .get_attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect()
}

/// The ids outlined as selected.
pub fn outlined(root: &web_sys::Element) -> Vec<String> {
    let list = root.query_selector_all("[data-outline]").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| {
            n.unchecked_into::<web_sys::Element>()
                .get_attribute("data-outline")
        })
        .collect()
}

/// A fresh `<div>` in the page's body to mount into (the export dialog's
/// tests mount the dialog alone, not the app).
pub fn host() -> web_sys::HtmlElement {
    let el: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

/// The canvas alone over `design` (no selection, focus or edits), in a
/// fixed 1200×800 box: for tests and benchmarks of the drawing itself.
pub fn mount_canvas(
    design: RwSignal<topoform::core::model::Design>,
    badges: Signal<std::collections::BTreeMap<String, (topoform::core::validate::Severity, usize)>>,
) -> (web_sys::Element, Mounted) {
    use topoform::ui::Canvas;
    let el = host();
    el.style()
        .set_css_text("position:fixed;left:0;top:0;width:1200px;height:800px");
    let selection = RwSignal::new(Vec::<String>::new());
    let h = leptos::mount::mount_to(el.clone(), move || {
        view! { <Canvas design=design.into() badges=badges selection=selection focus=Signal::derive(|| 0u64) /> }
    });
    let el: web_sys::Element = el.unchecked_into();
    (
        el.clone(),
        Mounted {
            el,
            _handle: Box::new(h),
        },
    )
}

/// Waits (up to 20 s) for `selector` under `root`: exports answer later.
pub async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    for _ in 0..400 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el;
        }
        sleep(50).await;
    }
    panic!("{selector} never appeared: {}", root.inner_html());
}

/// The elements under `root` that `selector` finds, each with its label
/// (`label`) and its box on screen.
pub fn boxes(
    root: &web_sys::Element,
    selector: &str,
    label: impl Fn(&web_sys::Element) -> String,
) -> Vec<(String, web_sys::DomRect)> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::Element>().ok())
        .map(|e| (label(&e), e.get_bounding_client_rect()))
        .collect()
}

/// The labels of the first two of `boxes` that overlap on screen (touching
/// edges do not count).
pub fn overlapping(boxes: &[(String, web_sys::DomRect)]) -> Option<(&str, &str)> {
    boxes.iter().enumerate().find_map(|(i, (a, n))| {
        boxes[i + 1..].iter().find_map(|(b, m)| {
            let apart = n.right() <= m.left()
                || m.right() <= n.left()
                || n.bottom() <= m.top()
                || m.bottom() <= n.top();
            (!apart).then_some((a.as_str(), b.as_str()))
        })
    })
}
