//! The autosave policy, kept pure so it is tested natively; the browser side
//! (`platform::storage`) only moves strings in and out of localStorage.
//!
//! The rule: never wipe a user's work silently. A stored design that is
//! corrupt or from a newer Topoform is kept under a backup key, the user is
//! told, and the app starts from a template.

use super::model::Design;
use super::model::{load, LoadError, LoadErrorKind};

/// The localStorage key of the autosaved design.
pub const AUTOSAVE_KEY: &str = "topoform.autosave";

/// The prefix of backup keys for stored designs that could not be opened.
pub const BACKUP_PREFIX: &str = "topoform.backup.";

/// How long the app waits after the last change before it autosaves (ms).
pub const DEBOUNCE_MS: u32 = 400;

/// What the app should do with what it found in storage at start-up.
#[derive(Debug, Clone, PartialEq)]
pub enum Restore {
    /// Nothing was stored: start from the default template.
    Nothing,
    /// Reopen this design.
    Design(Box<Design>),
    /// The stored text could not be opened: copy it to `backup_key`, show
    /// `message`, and start from the default template.
    Unreadable { backup_key: String, message: String },
}

/// Decides what to do with `stored`, the text under [`AUTOSAVE_KEY`];
/// `stamp` makes the backup key unique (a timestamp in ms).
pub fn restore(stored: Option<&str>, stamp: u64) -> Restore {
    let Some(text) = stored.filter(|t| !t.trim().is_empty()) else {
        return Restore::Nothing;
    };
    match load(text) {
        Ok(d) => Restore::Design(Box::new(d)),
        Err(e) => {
            let backup_key = format!("{BACKUP_PREFIX}{stamp}");
            Restore::Unreadable {
                message: explain(&e, &backup_key),
                backup_key,
            }
        }
    }
}

fn explain(e: &LoadError, backup_key: &str) -> String {
    let why = match e.kind {
        LoadErrorKind::TooNew => "it was saved by a newer version of Topoform".to_string(),
        _ => format!("it could not be read ({e})"),
    };
    format!(
        "Your last autosaved design was not opened because {why}. \
         It is kept in this browser under \"{backup_key}\" and was not deleted; \
         a template is open instead."
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::save;
    use crate::core::templates::TEMPLATES;

    #[test]
    fn a_good_autosave_is_restored() {
        let d = TEMPLATES[1].design().unwrap();
        assert_eq!(restore(Some(&save(&d)), 1), Restore::Design(Box::new(d)));
        assert_eq!(restore(None, 1), Restore::Nothing);
        assert_eq!(restore(Some("  "), 1), Restore::Nothing);
    }

    #[test]
    fn corrupt_or_newer_autosaves_are_backed_up_not_wiped() {
        let Restore::Unreadable {
            backup_key,
            message,
        } = restore(Some("{\"format\": \"topo"), 42)
        else {
            panic!("corrupt text must not load")
        };
        assert_eq!(backup_key, "topoform.backup.42");
        assert!(
            message.contains("topoform.backup.42") && message.contains("not deleted"),
            "{message}"
        );
        let newer = TEMPLATES[0].json.replacen(
            &format!("\"version\": {}", crate::core::model::CURRENT_VERSION),
            "\"version\": 99",
            1,
        );
        let Restore::Unreadable { message, .. } = restore(Some(&newer), 7) else {
            panic!()
        };
        assert!(message.contains("newer version of Topoform"), "{message}");
    }
}
