//! What the editor's fields accept. A field refuses a value it cannot even
//! store meaningfully (text that is no CIDR, a number outside what the
//! format or AWS can take, an empty name) with a sentence saying why, and
//! keeps the design as it was; everything the format can hold but AWS may
//! still reject is left to validation, which explains it in context.

/// Tag limits of AWS resource tagging (docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html,
/// "Tag naming limits and requirements", read 2026-12): keys 1-128 and
/// values 0-256 characters, and the `aws:` prefix is reserved.
pub const TAG_KEY_MAX: usize = 128;
/// See [`TAG_KEY_MAX`].
pub const TAG_VALUE_MAX: usize = 256;

/// A display name: trimmed, not empty.
pub fn name(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() {
        return Err("a name cannot be empty".into());
    }
    Ok(t.to_string())
}

/// Free text that may be empty (an engine version, an image id, a path):
/// only trimmed.
pub fn text(text: &str) -> Result<String, String> {
    Ok(text.trim().to_string())
}

/// An IPv4 CIDR as written (`10.0.0.0/16`). Host bits are accepted (the
/// field and rule NET-02 say which network was meant); anything that is
/// not a CIDR is refused.
pub fn cidr(text: &str) -> Result<String, String> {
    let t = text.trim();
    crate::core::model::parse_cidr(t)
        .map(|_| t.to_string())
        .ok_or_else(|| "not an IPv4 CIDR like 10.0.0.0/16 (no leading zeros)".into())
}

/// The project or environment name: every AWS name and state key starts
/// with it, so it is a lowercase slug of at most `max` characters (the same
/// limits rule DES-07 states: project 20, environment 12).
pub fn slug(text: &str, max: usize) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() || t.len() > max {
        return Err(format!("must be 1 to {max} characters"));
    }
    if !t.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("must start with a lowercase letter".into());
    }
    if !t
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        return Err("may only hold a-z, 0-9 and '-'".into());
    }
    Ok(t.to_string())
}

/// A tag key: 1-128 characters, not starting with the reserved `aws:`,
/// and not one the design already has (`others`).
pub fn tag_key<'a>(
    text: &str,
    mut others: impl Iterator<Item = &'a str>,
) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() || t.chars().count() > TAG_KEY_MAX {
        return Err(format!("a tag key is 1 to {TAG_KEY_MAX} characters"));
    }
    if t.to_ascii_lowercase().starts_with("aws:") {
        return Err("keys starting with aws: are reserved by AWS".into());
    }
    if others.any(|k| k == t) {
        return Err(format!("the design already has a tag “{t}”"));
    }
    Ok(t.to_string())
}

/// A tag value: at most 256 characters.
pub fn tag_value(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.chars().count() > TAG_VALUE_MAX {
        return Err(format!("a tag value is at most {TAG_VALUE_MAX} characters"));
    }
    Ok(t.to_string())
}

/// An optional whole number: empty means none, otherwise it must be in range.
pub fn opt_number(text: &str, min: u32, max: u32, what: &str) -> Result<Option<u32>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    super::parse_in_range(text, min, max, what).map(Some)
}

/// The longest container image reference ECS takes, and the characters
/// it allows: "Up to 255 letters (uppercase and lowercase), numbers,
/// hyphens, underscores, colons, periods, forward slashes, and number
/// signs" (Amazon ECS API Reference, ContainerDefinition `image`, read
/// 2026-12-02), plus `@` for a digest (`repo@sha256:...`).
pub const IMAGE_MAX: usize = 255;

/// A container image reference (`public.ecr.aws/nginx/nginx:1.27`,
/// `123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:...`):
/// trimmed, 1-255 characters of those ECS allows, no empty path part.
pub fn container_image(text: &str) -> Result<String, String> {
    let t = text.trim();
    if t.is_empty() || t.len() > IMAGE_MAX {
        return Err(format!("an image reference is 1 to {IMAGE_MAX} characters"));
    }
    if let Some(c) = t
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "-_:./#@".contains(*c)))
    {
        return Err(format!(
            "an image reference cannot hold “{c}” (letters, digits and - _ : . / # @ only)"
        ));
    }
    if t.split('/').any(str::is_empty) || t.ends_with(':') || t.ends_with('@') {
        return Err("not an image reference like registry/repository:tag".into());
    }
    Ok(t.to_string())
}

/// The memory a task keeps when its CPU changes to `cpu`: the same when
/// Fargate allows it, else the nearest allowed size at or above it, else
/// the largest; `None` for CPU units Fargate does not offer.
pub fn fargate_memory(cpu: u32, memory_mb: u32) -> Option<u32> {
    let (_, mems) = crate::core::model::FARGATE_SIZES
        .iter()
        .find(|(c, _)| *c == cpu)?;
    mems.iter()
        .copied()
        .find(|m| *m >= memory_mb)
        .or(mems.last().copied())
}

/// An optional whole amount (requests, gigabytes) that may pass 2^32:
/// empty means none (the documented default).
pub fn opt_amount(text: &str, what: &str) -> Result<Option<u64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| format!("{what} must be a whole number of 0 or more, not “{t}”"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_never_empty() {
        assert_eq!(name("  web "), Ok("web".into()));
        assert!(name("   ").is_err());
    }

    #[test]
    fn cidrs_must_parse() {
        assert_eq!(cidr(" 10.1.0.0/16 "), Ok("10.1.0.0/16".into()));
        assert_eq!(
            cidr("10.1.0.1/16"),
            Ok("10.1.0.1/16".into()),
            "host bits are the rules' to explain"
        );
        assert!(cidr("10.0.0.300/16").is_err());
        assert!(cidr("10.0.0.0").is_err());
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("shop", 20), Ok("shop".into()));
        assert!(slug("My Shop", 20).unwrap_err().contains("lowercase"));
        assert!(slug("production-eu-1", 12).unwrap_err().contains("1 to 12"));
        assert!(slug("1shop", 20).is_err());
    }

    #[test]
    fn tags() {
        assert_eq!(tag_key(" team ", ["owner"].into_iter()), Ok("team".into()));
        assert!(tag_key("owner", ["owner"].into_iter())
            .unwrap_err()
            .contains("already"));
        assert!(tag_key("aws:cost", std::iter::empty())
            .unwrap_err()
            .contains("reserved"));
        assert!(tag_key("", std::iter::empty()).is_err());
        assert_eq!(tag_value(""), Ok(String::new()));
        assert!(tag_value(&"x".repeat(257)).is_err());
    }

    #[test]
    fn optional_numbers() {
        assert_eq!(opt_number(" ", 0, 255, "Weight"), Ok(None));
        assert_eq!(opt_number("60", 0, 172800, "TTL"), Ok(Some(60)));
        assert!(opt_number("300", 0, 255, "Weight").is_err());
    }

    #[test]
    fn image_references() {
        for ok in [
            "public.ecr.aws/nginx/nginx:1.27",
            "nginx",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:0123abcd",
            "localhost:5000/team/app#v2",
        ] {
            assert_eq!(container_image(&format!(" {ok} ")), Ok(ok.to_string()));
        }
        assert!(container_image("").is_err());
        assert!(container_image("nginx latest").unwrap_err().contains("“ ”"));
        assert!(container_image("registry//app").is_err());
        assert!(container_image("app:").is_err());
        assert!(container_image(&"a".repeat(256)).is_err());
    }

    #[test]
    fn memory_follows_the_cpu() {
        assert_eq!(fargate_memory(512, 1024), Some(1024), "kept when valid");
        assert_eq!(fargate_memory(1024, 1024), Some(2048), "nearest above");
        assert_eq!(fargate_memory(256, 8192), Some(2048), "the largest");
        assert_eq!(fargate_memory(300, 1024), None);
        for (cpu, mems) in crate::core::model::FARGATE_SIZES {
            for m in [0, 512, 4096, 30720, 200000] {
                let got = fargate_memory(*cpu, m).unwrap();
                assert!(mems.contains(&got), "{cpu} {m} -> {got}");
            }
        }
    }

    #[test]
    fn amounts() {
        assert_eq!(opt_amount(" ", "Requests"), Ok(None));
        assert_eq!(
            opt_amount("5000000000", "Requests"),
            Ok(Some(5_000_000_000))
        );
        assert!(opt_amount("-1", "Requests")
            .unwrap_err()
            .contains("Requests"));
        assert!(opt_amount("1.5", "GB").is_err());
    }
}
