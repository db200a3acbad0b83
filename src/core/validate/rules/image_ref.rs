//! Container image references, as the OCI distribution spec writes them:
//! `[registry[:port]/]path[:tag][@algorithm:hex]`. Written by hand: the
//! grammar is small, and a regex engine would add more to the bundle than
//! this whole file.

/// What a reference names, once it parses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef<'a> {
    /// The registry host (`public.ecr.aws`, `123.dkr.ecr.us-east-1.amazonaws.com`),
    /// or `None` for Docker Hub's short form (`nginx`).
    pub registry: Option<&'a str>,
    /// The tag, if any.
    pub tag: Option<&'a str>,
    /// The digest, if any (`sha256:...`).
    pub digest: Option<&'a str>,
}

impl ImageRef<'_> {
    /// The region of a private ECR registry (`<account>.dkr.ecr.<region>.amazonaws.com`).
    pub fn ecr_region(&self) -> Option<&str> {
        let host = self.registry?;
        let rest = host.split_once(".dkr.ecr.")?.1;
        let region = rest
            .strip_suffix(".amazonaws.com")
            .or_else(|| rest.strip_suffix(".amazonaws.com.cn"))?;
        (!region.is_empty() && !region.contains('.')).then_some(region)
    }
}

/// Parses `s`, or says what is wrong with it.
pub fn parse(s: &str) -> Result<ImageRef<'_>, String> {
    if s.is_empty() {
        return Err("is empty".into());
    }
    if s.len() > 1024 {
        return Err("is longer than an image reference can be".into());
    }
    if s.chars().any(|c| c.is_whitespace()) {
        return Err("holds a space".into());
    }
    let (rest, digest) = match s.split_once('@') {
        Some((r, d)) => (r, Some(d)),
        None => (s, None),
    };
    if let Some(d) = digest {
        digest_problem(d)?;
    }
    // A tag is after the last ':' that follows the last '/'.
    let last_slash = rest.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match rest[last_slash..].rfind(':') {
        Some(i) => (&rest[..last_slash + i], Some(&rest[last_slash + i + 1..])),
        None => (rest, None),
    };
    if let Some(t) = tag {
        tag_problem(t)?;
    }
    if name.len() > 255 {
        return Err("has a repository name over 255 characters".into());
    }
    let mut parts: Vec<&str> = name.split('/').collect();
    let registry = (parts.len() > 1 && is_registry(parts[0])).then(|| parts.remove(0));
    if let Some(r) = registry {
        registry_problem(r)?;
    }
    for p in &parts {
        path_problem(p)?;
    }
    Ok(ImageRef {
        registry,
        tag,
        digest,
    })
}

/// The first component names a registry when it looks like a host: a dot,
/// a port, or `localhost` (the distribution spec's rule).
fn is_registry(first: &str) -> bool {
    first.contains('.') || first.contains(':') || first == "localhost"
}

fn registry_problem(r: &str) -> Result<(), String> {
    let (host, port) = match r.split_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (r, None),
    };
    if let Some(p) = port {
        if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 5 {
            return Err(format!("has a registry port `{p}` that is not a number"));
        }
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if host.split('.').all(label_ok) {
        Ok(())
    } else {
        Err(format!(
            "has a registry host `{host}` that is not a host name"
        ))
    }
}

/// A path component: lowercase letters and digits, separated by `.`, `_`,
/// `__` or dashes.
fn path_problem(p: &str) -> Result<(), String> {
    let bad = || {
        Err(format!("has a path component `{p}`: use lowercase letters and digits, separated by '.', '_', '__' or '-'"))
    };
    if p.is_empty() {
        return Err("has an empty path component (two '/' in a row, or one at an end)".into());
    }
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !p.starts_with(alnum) || !p.ends_with(alnum) {
        return bad();
    }
    let mut sep = String::new();
    for c in p.chars() {
        if alnum(c) {
            if !(sep.is_empty()
                || sep == "."
                || sep == "_"
                || sep == "__"
                || sep.chars().all(|x| x == '-'))
            {
                return bad();
            }
            sep.clear();
        } else if matches!(c, '.' | '_' | '-') {
            sep.push(c);
        } else {
            return bad();
        }
    }
    Ok(())
}

fn tag_problem(t: &str) -> Result<(), String> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let ok = !t.is_empty()
        && t.len() <= 128
        && t.starts_with(word)
        && t.chars().all(|c| word(c) || c == '.' || c == '-');
    if ok {
        Ok(())
    } else {
        Err(format!("has a tag `{t}`: a tag is 1-128 letters, digits, '_', '.' or '-', not starting with '.' or '-'"))
    }
}

fn digest_problem(d: &str) -> Result<(), String> {
    let Some((alg, hex)) = d.split_once(':') else {
        return Err(format!(
            "has a digest `{d}` without an algorithm (sha256:...)"
        ));
    };
    let hex_ok = |n: usize| {
        hex.len() == n
            && hex
                .chars()
                .all(|c| c.is_ascii_digit() || ('a'..='f').contains(&c))
    };
    match alg {
        "sha256" if hex_ok(64) => Ok(()),
        "sha512" if hex_ok(128) => Ok(()),
        "sha256" | "sha512" => Err(format!(
            "has a {alg} digest that is not {} lowercase hex digits",
            if alg == "sha256" { 64 } else { 128 }
        )),
        _ => Err(format!(
            "has a digest algorithm `{alg}`; ECS accepts sha256"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_references() {
        let d = format!("sha256:{}", "a".repeat(64));
        for s in [
            "nginx",
            "nginx:1.27",
            "library/nginx:1.27-alpine",
            "public.ecr.aws/nginx/nginx:1.27",
            "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:v1.2.3",
            "localhost:5000/team/api_server__x:latest",
            "ghcr.io/org/my-app",
        ] {
            assert!(parse(s).is_ok(), "{s}: {:?}", parse(s));
        }
        let pinned = format!("123456789012.dkr.ecr.us-west-2.amazonaws.com/api@{d}");
        let r = parse(&pinned).unwrap();
        assert_eq!(r.ecr_region(), Some("us-west-2"));
        assert_eq!(r.tag, None);
        assert!(r.digest.is_some());
        assert_eq!(parse("nginx:1.27").unwrap().tag, Some("1.27"));
        assert_eq!(
            parse("localhost:5000/x").unwrap().registry,
            Some("localhost:5000")
        );
        assert_eq!(
            parse("public.ecr.aws/nginx/nginx:1").unwrap().ecr_region(),
            None
        );
    }

    #[test]
    fn bad_references() {
        for s in [
            "",
            "Nginx",
            "nginx:",
            "nginx:-x",
            "nginx@sha256:abc",
            "nginx@md5:abc",
            "a//b",
            "/nginx",
            "nginx/",
            "ng inx",
            "my_registry.com:port/x",
            "ex--ample..x",
            "${var.image}",
            "repo/na\"me",
        ] {
            assert!(parse(s).is_err(), "{s} should not parse");
        }
    }
}
