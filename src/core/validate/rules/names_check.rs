//! Checks of AWS name charsets and lengths, shared by the name rules.
//! Each resource gets its own function: a rule of one resource (the
//! `internal-` prefix of load balancers) must not leak into another.

/// Why `name` is not a valid target group name, or `None`: at most 32
/// letters, digits and hyphens, not starting or ending with '-'
/// (CreateTargetGroup.Name). Target groups have no reserved prefix.
pub fn target_group_name_problem(name: &str) -> Option<String> {
    if name.is_empty() || name.chars().count() > 32 {
        return Some(format!(
            "is {} characters; the limit is 32",
            name.chars().count()
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Some(format!(
            "holds {c:?}; only letters, digits and '-' are allowed"
        ));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("must not begin or end with '-'".into());
    }
    None
}

/// Why `name` is not a valid load balancer name, or `None`: the target
/// group rules plus the prefix `internal-`, which only load balancer names
/// reserve (CreateLoadBalancer.Name).
pub fn load_balancer_name_problem(name: &str) -> Option<String> {
    if let Some(p) = target_group_name_problem(name) {
        return Some(p);
    }
    if name.starts_with("internal-") {
        return Some("must not begin with \"internal-\"".into());
    }
    None
}

/// Why `id` is not a valid RDS instance or cluster identifier, or `None`.
pub fn db_identifier_problem(id: &str, max: usize) -> Option<String> {
    let len = id.chars().count();
    if len == 0 || len > max {
        return Some(format!("is {len} characters; the limit is {max}"));
    }
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Some("must start with a lowercase letter".into());
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(format!(
            "holds {c:?}; only lowercase letters, digits and '-' are allowed"
        ));
    }
    if id.ends_with('-') || id.contains("--") {
        return Some("must not end with '-' or hold \"--\"".into());
    }
    None
}

/// Why `name` is not a valid Auto Scaling group name, or `None`.
pub fn asg_name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if len == 0 || len > 255 {
        return Some(format!("is {len} characters; the limit is 255"));
    }
    if name.contains(':') {
        return Some("holds ':', which Auto Scaling group names may not".into());
    }
    if name.chars().any(char::is_control) {
        return Some("holds a control character".into());
    }
    None
}

/// Why `name` is not a valid IAM role name, or `None`.
pub fn iam_role_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if len == 0 || len > 64 {
        return Some(format!("is {len} characters; the limit is 64"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "+=,.@_-".contains(*c)))
    {
        return Some(format!(
            "holds {c:?}; only letters, digits and +=,.@_- are allowed"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(load_balancer_name_problem("shop-prod-web").is_none());
        assert!(load_balancer_name_problem("internal-x").is_some());
        assert!(target_group_name_problem("internal-x").is_none());
        assert!(load_balancer_name_problem(&"a".repeat(33)).is_some());
        assert!(target_group_name_problem(&"a".repeat(33)).is_some());
        assert!(target_group_name_problem("a_b").is_some());
        assert!(target_group_name_problem("-ab").is_some());
        assert!(db_identifier_problem("shop-prod-db", 63).is_none());
        assert!(db_identifier_problem("Shop", 63).is_some());
        assert!(db_identifier_problem("a--b", 63).is_some());
        assert!(asg_name_problem("a:b").is_some());
        assert!(iam_role_problem("shop-prod-app-us-east-1").is_none());
        assert!(iam_role_problem("a b").is_some());
    }
}
