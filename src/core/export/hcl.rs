//! Building HCL with hcl-rs, and printing it exactly as `terraform fmt` would.
//!
//! User text only ever enters as [`s`] (an escaped string expression);
//! references and function calls the exporter writes itself go through [`ex`],
//! which parses them into expression trees, so nothing is pasted together.
//! hcl-rs prints valid HCL but does not align `=` the way `terraform fmt`
//! does; [`align`] is that pass.

use hcl::{Attribute, Block, Body, Expression, Object, ObjectKey};

/// An error in code-authored HCL (a bug in the exporter, never user input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HclError(pub String);

/// A user-provided string, escaped (`"`, `\`, `${`, `%{`, newlines).
pub fn s(text: &str) -> Expression {
    Expression::String(text.to_string())
}

/// An expression the exporter writes itself (`module.vpc.vpc_id`), parsed.
pub fn ex(code: &str) -> Result<Expression, HclError> {
    code.parse::<Expression>().map_err(|e| HclError(format!("internal: cannot parse `{code}`: {e}")))
}

/// `base[key]` where `key` is user text: the key is an escaped string
/// expression inside a traversal, never pasted into code.
pub fn index(base: &str, key: &str) -> Result<Expression, HclError> {
    let t = hcl::expr::Traversal::builder(ex(base)?).index(Expression::String(key.to_string())).build();
    Ok(Expression::Traversal(Box::new(t)))
}

/// A number.
pub fn n(v: impl Into<i64>) -> Expression {
    Expression::from(v.into())
}

/// An object with string keys, in the given order.
pub fn obj<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, Expression)>) -> Expression {
    let mut o = Object::new();
    for (k, v) in entries {
        o.insert(ObjectKey::from(k.as_ref()), v);
    }
    Expression::Object(o)
}

/// An object whose keys are identifiers (`name = ...`), not quoted strings.
pub fn record<K: AsRef<str>>(entries: impl IntoIterator<Item = (K, Expression)>) -> Expression {
    let mut o = Object::new();
    for (k, v) in entries {
        o.insert(ObjectKey::Identifier(hcl::Identifier::sanitized(k.as_ref())), v);
    }
    Expression::Object(o)
}

/// A block under construction: attributes and nested blocks in order.
pub struct B {
    ident: String,
    labels: Vec<String>,
    body: Vec<hcl::Structure>,
}

impl B {
    /// `ident "label" ... {`
    pub fn new(ident: &str, labels: &[&str]) -> Self {
        B { ident: ident.into(), labels: labels.iter().map(|l| l.to_string()).collect(), body: vec![] }
    }

    /// Adds `key = value`.
    pub fn a(mut self, key: &str, value: Expression) -> Self {
        self.body.push(Attribute::new(key, value).into());
        self
    }

    /// Adds `key = value` when `value` is `Some`.
    pub fn opt(self, key: &str, value: Option<Expression>) -> Self {
        match value {
            Some(v) => self.a(key, v),
            None => self,
        }
    }

    /// Adds a nested block.
    pub fn b(mut self, block: B) -> Self {
        self.body.push(block.build().into());
        self
    }

    /// True for a `module` block.
    pub fn is_module(&self) -> bool {
        self.ident == "module"
    }

    /// The hcl-rs block.
    pub fn build(self) -> Block {
        let mut b = Block::builder(self.ident);
        for l in self.labels {
            b = b.add_label(l);
        }
        b.add_structures(self.body).build()
    }
}

/// Prints top-level blocks separated by blank lines, formatted like `terraform fmt`.
pub fn print(blocks: Vec<B>) -> Result<String, HclError> {
    let mut out = String::new();
    for (i, b) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let body = Body::builder().add_block(b.build()).build();
        let text = hcl::format::to_string(&body).map_err(|e| HclError(format!("internal: {e}")))?;
        out.push_str(text.trim_end());
        out.push('\n');
    }
    Ok(align(&out))
}

/// Prints `key = value` lines (a backend config file), aligned.
pub fn print_attributes(attrs: Vec<(&str, Expression)>) -> Result<String, HclError> {
    let mut b = Body::builder();
    for (k, v) in attrs {
        b = b.add_attribute(Attribute::new(k, v));
    }
    let text = hcl::format::to_string(&b.build()).map_err(|e| HclError(format!("internal: {e}")))?;
    Ok(align(&text))
}

/// Aligns the `=` of runs of single-line attributes at the same indentation,
/// as `terraform fmt` does. A blank line, a block, a multi-line value or a
/// change of indentation ends a run; the line that opens a multi-line value
/// is not part of any run.
pub fn align(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = attr(lines[i]) else {
            // hcl-rs prints an empty block as `{  }`; terraform fmt writes `{}`.
            let line = lines[i].trim_end();
            out.push(empty_block(line));
            i += 1;
            continue;
        };
        let mut run = vec![first];
        let mut j = i + 1;
        while j < lines.len() {
            match attr(lines[j]) {
                Some(a) if a.0 == run[0].0 => run.push(a),
                _ => break,
            }
            j += 1;
        }
        let width = run.iter().map(|(_, k, _)| k.chars().count()).max().unwrap_or(0);
        for (indent, key, value) in run {
            let pad = width - key.chars().count();
            out.push(format!("{indent}{key}{} = {value}", " ".repeat(pad)));
        }
        i = j;
    }
    let mut s = out.join("\n");
    s.push('\n');
    s
}

/// `name {    }` as `name {}`.
fn empty_block(line: &str) -> String {
    if let Some(head) = line.strip_suffix('}') {
        let head = head.trim_end();
        if let Some(h) = head.strip_suffix('{') {
            if h.trim_end().len() == h.len() - 1 || h.ends_with(' ') {
                return format!("{}{{}}", h);
            }
        }
    }
    line.to_string()
}

/// Splits a single-line attribute into (indent, key, value).
fn attr(line: &str) -> Option<(&str, &str, &str)> {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    let (key, rest) = if let Some(q) = trimmed.strip_prefix('"') {
        let end = q.find('"')? + 2;
        (&trimmed[..end], trimmed[end..].trim_start())
    } else {
        let end = trimmed.find(|c: char| c.is_whitespace() || c == '=')?;
        (&trimmed[..end], trimmed[end..].trim_start())
    };
    let value = rest.strip_prefix('=')?.trim_start();
    if value.is_empty() || value.starts_with('=') {
        return None;
    }
    let opens = value.ends_with('{') || value.ends_with('[') || value.ends_with('(');
    (!opens).then_some((indent, key, value.trim_end()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_runs_like_terraform_fmt() {
        let src = "module \"x\" {\n  source = \"a\"\n  cidr = \"b\"\n  tags = {\n    \"Name\" = \"x\"\n    \"owner\" = \"p\"\n  }\n  vpc_id = m.x\n\n  inner {\n    long_key = 1\n    k = 2\n  }\n}\n";
        let want = "module \"x\" {\n  source = \"a\"\n  cidr   = \"b\"\n  tags = {\n    \"Name\"  = \"x\"\n    \"owner\" = \"p\"\n  }\n  vpc_id = m.x\n\n  inner {\n    long_key = 1\n    k        = 2\n  }\n}\n";
        assert_eq!(align(src), want);
    }

    #[test]
    fn user_text_is_escaped() {
        let out = print(vec![B::new("locals", &[]).a("x", s("a \"q\" ${x} %{y} \\ é\nz"))]).unwrap();
        let back = hcl::parse(&out).unwrap();
        let attr = back.blocks().next().unwrap().body.attributes().next().unwrap().clone();
        assert_eq!(attr.expr, s("a \"q\" ${x} %{y} \\ é\nz"), "{out}");
    }
}
