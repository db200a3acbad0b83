//! localStorage, with every failure turned into a value.
//!
//! Storage can be missing (privacy modes), full (quota) or blocked; none of
//! that may panic or lose the open design, so every call returns a Result.

use web_sys::Storage;

fn storage() -> Result<Storage, String> {
    web_sys::window()
        .ok_or("no window")?
        .local_storage()
        .map_err(|_| "this browser blocks local storage".to_string())?
        .ok_or_else(|| "this browser has no local storage".to_string())
}

/// The text stored under `key`, if any.
pub fn get(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|_| format!("cannot read \"{key}\" from local storage"))
}

/// Stores `value` under `key`; fails when storage is full or blocked.
pub fn set(key: &str, value: &str) -> Result<(), String> {
    storage()?.set_item(key, value).map_err(|_| {
        "the browser refused to save (storage full or blocked); download the design to keep it"
            .to_string()
    })
}

/// Removes `key`.
pub fn remove(key: &str) -> Result<(), String> {
    storage()?
        .remove_item(key)
        .map_err(|_| format!("cannot remove \"{key}\" from local storage"))
}
