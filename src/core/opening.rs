//! Which design the page opens with: `?template=<id>` names a template,
//! otherwise the autosaved design, else the first template. Pure, so the
//! editor (`ui::App`) and the first-paint viewer (`platform::viewer`) open
//! exactly the same design and say the same things about it.

use super::autosave::{restore, Restore};
use super::exercise::empty_design;
use super::model::Design;
use super::templates::{template, Template, TEMPLATES};

/// The design to open and what the app must tell or do about it.
#[derive(Debug, Clone)]
pub struct Opening {
    /// The design to show.
    pub design: Design,
    /// The template `design` still is (none for a restored autosave).
    pub template: Option<&'static Template>,
    /// True when `design` is the autosaved one.
    pub restored: bool,
    /// What the user must be told (an unknown template, an autosave that
    /// could not be read, a template that would not load).
    pub message: Option<String>,
    /// Where the unreadable autosave must be copied before anything else
    /// is stored (never wipe a user's work silently).
    pub backup_key: Option<String>,
}

/// Decides the opening design from the page's `?template=` value and the
/// text stored under the autosave key; `stamp` makes a backup key unique.
pub fn opening(template_id: Option<&str>, stored: Option<&str>, stamp: u64) -> Opening {
    let mut message = None;
    let from_link = template_id.and_then(|id| {
        let t = template(id);
        if t.is_none() {
            message = Some(format!(
                "There is no template called “{id}”; the first one is open instead."
            ));
        }
        t
    });
    let start = from_link.or(TEMPLATES.first());
    let open_start = || {
        start
            .map(|t| t.design().map_err(|e| load_message(t, &e.to_string())))
            .unwrap_or_else(|| Ok(empty_design()))
    };
    let mut restored = false;
    let mut backup_key = None;
    let design = match from_link {
        Some(t) => t.design().map_err(|e| load_message(t, &e.to_string())),
        None => match restore(stored, stamp) {
            Restore::Design(d) => {
                restored = true;
                Ok(*d)
            }
            Restore::Nothing => open_start(),
            Restore::Unreadable {
                backup_key: key,
                message: m,
            } => {
                backup_key = Some(key);
                message = Some(m);
                open_start()
            }
        },
    };
    let design = design.unwrap_or_else(|m| {
        message = Some(m);
        empty_design()
    });
    Opening {
        design,
        template: if restored { None } else { start },
        restored,
        message,
        backup_key,
    }
}

/// Why template `t` did not open.
pub fn load_message(t: &Template, err: &str) -> String {
    format!("The template “{}” could not be loaded: {err}", t.title)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::save;

    #[test]
    fn a_named_template_wins_over_the_autosave() {
        let stored = save(&TEMPLATES[0].design().unwrap());
        let o = opening(Some(TEMPLATES[2].id), Some(&stored), 1);
        assert_eq!(o.design, TEMPLATES[2].design().unwrap());
        assert_eq!(o.template.map(|t| t.id), Some(TEMPLATES[2].id));
        assert!(!o.restored && o.message.is_none() && o.backup_key.is_none());
    }

    #[test]
    fn the_autosave_then_the_first_template() {
        let mut d = TEMPLATES[1].design().unwrap();
        d.name = "mine".into();
        let o = opening(None, Some(&save(&d)), 1);
        assert_eq!(o.design, d);
        assert!(o.restored && o.template.is_none() && o.message.is_none());

        let o = opening(None, None, 1);
        assert_eq!(o.design, TEMPLATES[0].design().unwrap());
        assert_eq!(o.template.map(|t| t.id), Some(TEMPLATES[0].id));
        assert!(!o.restored && o.message.is_none());
    }

    #[test]
    fn an_unknown_template_opens_the_autosave_and_says_so() {
        let d = TEMPLATES[1].design().unwrap();
        let o = opening(Some("no-such"), Some(&save(&d)), 1);
        assert_eq!(o.design, d);
        assert!(o.restored);
        assert!(o.message.unwrap().contains("no template called “no-such”"));
    }

    #[test]
    fn an_unreadable_autosave_is_backed_up_and_a_template_opens() {
        let o = opening(None, Some("{\"version\": 1, \"regions\": ["), 42);
        assert_eq!(o.design, TEMPLATES[0].design().unwrap());
        assert_eq!(o.backup_key.as_deref(), Some("topoform.backup.42"));
        assert!(o.message.unwrap().contains("topoform.backup.42"));
        assert!(!o.restored);
    }
}
