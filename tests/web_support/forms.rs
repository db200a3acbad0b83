//! Driving forms as a person does: clicks with the pointer events before
//! them, typing (input then change), leaving a field, keys on an element,
//! and reading back the autosaved design.

use super::*;
use topoform::core::autosave::AUTOSAVE_KEY;
use topoform::core::model::{load, Design};

fn event(kind: &str) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()
}

/// A mouse click on the element `selector` matches (pointer down, up, click).
pub fn click(root: &web_sys::Element, selector: &str) {
    click_el(&find(root, selector));
}

/// A mouse click on an element.
pub fn click_el(target: &web_sys::Element) {
    let p = at(target, 0.5, 0.5);
    pointer(target, "pointerdown", p, false);
    pointer(target, "pointerup", p, false);
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_client_x(p.0 as i32);
    init.set_client_y(p.1 as i32);
    target
        .dispatch_event(
            &web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap(),
        )
        .unwrap();
}

/// The input or select `selector` matches.
pub fn input(root: &web_sys::Element, selector: &str) -> web_sys::HtmlInputElement {
    find(root, selector).unchecked_into()
}

/// Types `value` into a text field without leaving it (`input` only).
pub fn type_text(
    root: &web_sys::Element,
    selector: &str,
    value: &str,
) -> web_sys::HtmlInputElement {
    let el = input(root, selector);
    el.focus().unwrap();
    el.set_value(value);
    el.dispatch_event(&event("input")).unwrap();
    el
}

/// Types `value` and commits it (`input`, then `change` as Enter or Tab would).
pub fn set_text(root: &web_sys::Element, selector: &str, value: &str) -> web_sys::HtmlInputElement {
    let el = type_text(root, selector, value);
    el.dispatch_event(&event("change")).unwrap();
    el
}

/// Picks `value` in a select.
pub fn choose(root: &web_sys::Element, selector: &str, value: &str) {
    let el: web_sys::HtmlSelectElement = find(root, selector).unchecked_into();
    el.set_value(value);
    assert_eq!(el.value(), value, "{selector} has an option {value}");
    el.dispatch_event(&event("change")).unwrap();
}

/// Ticks or clears a checkbox.
pub fn tick(root: &web_sys::Element, selector: &str, on: bool) {
    let el = input(root, selector);
    el.set_checked(on);
    el.dispatch_event(&event("change")).unwrap();
}

/// Leaves a field: focus moves away (and, should the test page not have
/// focus itself, the `blur` a person's click elsewhere would send).
pub fn leave(el: &web_sys::HtmlInputElement) {
    let had = focused().is_some_and(|f| f.is_same_node(Some(el)));
    el.blur().unwrap();
    if !had {
        el.dispatch_event(&web_sys::Event::new("blur").unwrap())
            .unwrap();
    }
}

/// A key pressed on `target` (it bubbles to the window).
pub fn key_on(target: &web_sys::EventTarget, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_shift_key(shift);
    target
        .dispatch_event(
            &web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap(),
        )
        .unwrap();
}

/// The element that has focus.
pub fn focused() -> Option<web_sys::Element> {
    document().active_element()
}

/// The design as autosaved, after the debounce.
pub async fn saved() -> Design {
    sleep(700).await;
    load(
        &storage()
            .get_item(AUTOSAVE_KEY)
            .unwrap()
            .expect("autosaved"),
    )
    .unwrap()
}

/// The design now: the autosave after the debounce or, when nothing was
/// ever edited (so nothing saved), the template `id` the app opened.
pub async fn current(id: &str) -> Design {
    sleep(700).await;
    match storage().get_item(AUTOSAVE_KEY).unwrap() {
        Some(text) => load(&text).unwrap(),
        None => topoform::core::templates::template(id)
            .unwrap()
            .design()
            .unwrap(),
    }
}

static PANICKED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Starts noticing panics anywhere in the app (an event handler's panic
/// does not fail the test that caused it, but in the page it would stop
/// the app); pair with [`assert_no_panics`].
pub fn watch_panics() {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            PANICKED.store(true, std::sync::atomic::Ordering::SeqCst);
            previous(info);
        }));
    });
    PANICKED.store(false, std::sync::atomic::Ordering::SeqCst);
}

/// Fails when the app panicked since [`watch_panics`].
pub fn assert_no_panics() {
    assert!(
        !PANICKED.swap(false, std::sync::atomic::Ordering::SeqCst),
        "the app panicked (see the console output)"
    );
}
