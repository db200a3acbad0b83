//! Object ids: the stable keys of a design.
//!
//! Ids name objects across the whole design (references, canvas positions)
//! and become Terraform addresses, so they are deliberately narrow:
//! 1 to 40 characters of `a-z`, `0-9`, `-`, `_`, starting with a letter.

/// The longest id a design may use.
pub const MAX_ID_LEN: usize = 40;

/// Why a string is not a valid id, or `None` when it is one.
///
/// The reason is phrased so it can follow "id `x` ..." in a message.
pub fn id_problem(id: &str) -> Option<&'static str> {
    if id.is_empty() {
        return Some("is empty; an id needs 1 to 40 characters");
    }
    if id.chars().count() > MAX_ID_LEN {
        return Some("is longer than 40 characters");
    }
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a lowercase letter");
    }
    if !id
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    {
        return Some("may only hold a-z, 0-9, '-' and '_'");
    }
    None
}

/// True when `id` is a valid object id.
pub fn is_valid_id(id: &str) -> bool {
    id_problem(id).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        for ok in ["a", "use1-main", "a_b-9", &"a".repeat(40)] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "1a", "-a", "A", "a b", "a.b", "é", &"a".repeat(41)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }
}
