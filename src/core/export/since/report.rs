//! The change summary as text: what `topoform export --since` prints.

use super::{Action, Changes, FileStatus};

const ORDER: [Action; 7] = [
    Action::Create,
    Action::Update,
    Action::Move,
    Action::MoveRoot,
    Action::MoveState,
    Action::Replace,
    Action::Destroy,
];

/// Counts, then one line per file and per address; `diffs` appends each
/// changed file's unified diff (the picture's only as a line: it is one
/// long SVG).
pub fn summary(changes: &Changes, diffs: bool) -> String {
    let count = |s: FileStatus| changes.files.iter().filter(|f| f.status == s).count();
    let mut out = format!(
        "files: {} added, {} removed, {} changed\n",
        count(FileStatus::Added),
        count(FileStatus::Removed),
        count(FileStatus::Changed)
    );
    let counts: Vec<String> = ORDER
        .iter()
        .map(|a| format!("{} {}", changes.count(*a), a.word()))
        .collect();
    out += &format!("resources: {}\n", counts.join(", "));
    let moving = changes.count(Action::MoveState);
    if moving > 0 {
        out += &format!(
            "next: before any plan, run scripts/move-state.sh --confirm from the export's folder: it moves {moving} address{} into {} new root's state (without --confirm it only prints its commands)\n",
            if moving == 1 { "" } else { "es" },
            if moving == 1 { "its" } else { "their" },
        );
    }
    for f in &changes.files {
        let (plus, minus) = f.diff.lines().skip(2).fold((0, 0), |(p, m), l| {
            (
                p + usize::from(l.starts_with('+')),
                m + usize::from(l.starts_with('-')),
            )
        });
        let mark = match f.status {
            FileStatus::Added => "A",
            FileStatus::Removed => "D",
            FileStatus::Changed => "M",
        };
        out += &format!("  {mark} {} (+{plus} -{minus})\n", f.path);
    }
    for a in ORDER {
        for r in changes.resources.iter().filter(|r| r.action == a) {
            let place = format!("{}: {}", r.root, r.address);
            let target = if (r.root.as_str(), r.address.as_str())
                == (r.to_root.as_str(), r.to_address.as_str())
            {
                String::new()
            } else if r.root == r.to_root {
                format!(" -> {}", r.to_address)
            } else {
                format!(" -> {}: {}", r.to_root, r.to_address)
            };
            let why = if r.why.is_empty() {
                String::new()
            } else {
                format!(" ({})", r.why)
            };
            out += &format!("  {}: {place}{target}{why}\n", a.word());
        }
    }
    if diffs {
        for f in &changes.files {
            if f.path.ends_with(".svg") {
                out += &format!("--- {0}\n+++ {0}\n(the picture changed)\n", f.path);
            } else {
                out += &f.diff;
            }
        }
    }
    out
}
