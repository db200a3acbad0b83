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

/// An expression the exporter writes itself (`module.vpc.vpc_id`): a plain
/// reference (`a.b["k"].c`), built as a traversal tree.
pub fn ex(code: &str) -> Result<Expression, HclError> {
    // Only references are accepted, so the HCL parser stays out of the wasm
    // bundle; calls and types are built with [`call`] and [`var`].
    reference(code).ok_or_else(|| HclError(format!("internal: `{code}` is not a plain reference")))
}

/// A bare name (`string`, a type keyword or a variable).
pub fn var(name: &str) -> Result<Expression, HclError> {
    hcl::expr::Variable::new(name)
        .map(Expression::Variable)
        .map_err(|e| HclError(format!("internal: bad name `{name}`: {e}")))
}

/// `name(args...)`.
pub fn call(name: &str, args: Vec<Expression>) -> Expression {
    let mut b = hcl::expr::FuncCall::builder(name);
    for a in args {
        b = b.arg(a);
    }
    Expression::FuncCall(Box::new(b.build()))
}

/// `a.b["k"].c` as a traversal, or `None` for anything else.
fn reference(code: &str) -> Option<Expression> {
    use hcl::expr::{Traversal, TraversalOperator, Variable};
    let ident = |s: &str| {
        !s.is_empty()
            && s.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    };
    let mut parts = code.split('.');
    let root = parts.next()?;
    if !ident(root) || !code.contains('.') {
        return None;
    }
    let mut ops: Vec<TraversalOperator> = Vec::new();
    for part in parts {
        let (name, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !ident(name) {
            return None;
        }
        ops.push(TraversalOperator::GetAttr(hcl::Identifier::new(name).ok()?));
        if !rest.is_empty() {
            let key = rest.strip_prefix("[\"")?.strip_suffix("\"]")?;
            if key.contains(['"', '\\', '$', '%', '[', ']']) {
                return None;
            }
            ops.push(TraversalOperator::Index(Expression::String(
                key.to_string(),
            )));
        }
    }
    let var = Variable::new(root).ok()?;
    Some(Expression::Traversal(Box::new(Traversal::new(var, ops))))
}

/// `base[key]` where `key` is user text: the key is an escaped string
/// expression inside a traversal, never pasted into code.
pub fn index(base: &str, key: &str) -> Result<Expression, HclError> {
    let t = hcl::expr::Traversal::builder(ex(base)?)
        .index(Expression::String(key.to_string()))
        .build();
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
        o.insert(
            ObjectKey::Identifier(hcl::Identifier::sanitized(k.as_ref())),
            v,
        );
    }
    Expression::Object(o)
}

/// A block under construction: attributes and nested blocks in order.
#[derive(Clone)]
pub struct B {
    ident: String,
    labels: Vec<String>,
    body: Vec<hcl::Structure>,
    /// `#checkov:skip=ID:reason` comments printed inside a top-level block.
    skips: Vec<(&'static str, &'static str)>,
    /// The layer of a region block in the layered layout (`state.split =
    /// "region_layer"`), when the block is a node's; `None` elsewhere.
    layer: Option<super::layers::Layer>,
}

impl B {
    /// `ident "label" ... {`
    pub fn new(ident: &str, labels: &[&str]) -> Self {
        B {
            ident: ident.into(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            body: vec![],
            skips: vec![],
            layer: None,
        }
    }

    /// Marks the block as a node's of `layer` (see `layers`).
    pub fn in_layer(mut self, layer: super::layers::Layer) -> Self {
        self.layer = Some(layer);
        self
    }

    /// Marks the block in place (see [`B::in_layer`]).
    pub fn set_layer(&mut self, layer: super::layers::Layer) {
        self.layer = Some(layer);
    }

    /// The layer the block was marked with, if any.
    pub fn layer(&self) -> Option<super::layers::Layer> {
        self.layer
    }

    /// The block's identifier (`module`, `data`, `output`, ...).
    pub fn ident(&self) -> &str {
        &self.ident
    }

    /// The block's labels.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The value of the top-level attribute `key`, if the block has it.
    pub fn get(&self, key: &str) -> Option<&Expression> {
        self.body.iter().find_map(|st| match st {
            hcl::Structure::Attribute(a) if a.key.as_str() == key => Some(&a.expr),
            _ => None,
        })
    }

    /// Removes the top-level attribute `key` and returns its value.
    pub fn take(&mut self, key: &str) -> Option<Expression> {
        let i = self
            .body
            .iter()
            .position(|st| matches!(st, hcl::Structure::Attribute(a) if a.key.as_str() == key))?;
        match self.body.remove(i) {
            hcl::Structure::Attribute(a) => Some(a.expr),
            hcl::Structure::Block(_) => None,
        }
    }

    /// Every expression of the block, nested blocks included, for reading.
    pub fn exprs(&self) -> Vec<&Expression> {
        fn body<'a>(
            structures: impl Iterator<Item = &'a hcl::Structure>,
            out: &mut Vec<&'a Expression>,
        ) {
            for st in structures {
                match st {
                    hcl::Structure::Attribute(a) => out.push(&a.expr),
                    hcl::Structure::Block(b) => body(b.body.iter(), out),
                }
            }
        }
        let mut out = Vec::new();
        body(self.body.iter(), &mut out);
        out
    }

    /// Every expression of the block, nested blocks included, for rewriting.
    pub fn exprs_mut(&mut self) -> Vec<&mut Expression> {
        fn body<'a>(
            structures: impl Iterator<Item = &'a mut hcl::Structure>,
            out: &mut Vec<&'a mut Expression>,
        ) {
            for st in structures {
                match st {
                    hcl::Structure::Attribute(a) => out.push(&mut a.expr),
                    hcl::Structure::Block(b) => body(b.body.iter_mut(), out),
                }
            }
        }
        let mut out = Vec::new();
        body(self.body.iter_mut(), &mut out);
        out
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

    /// Documents a checkov check this block deliberately does not satisfy.
    /// The id and reason are the exporter's own constants, never user text.
    pub fn skip(mut self, id: &'static str, reason: &'static str) -> Self {
        self.skips.push((id, reason));
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
    for (i, mut b) in blocks.into_iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let skips = std::mem::take(&mut b.skips);
        let body = Body::builder().add_block(b.build()).build();
        let text = hcl::format::to_string(&body).map_err(|e| HclError(format!("internal: {e}")))?;
        let mut lines = text.trim_end().lines();
        if let Some(head) = lines.next() {
            out.push_str(head);
            out.push('\n');
        }
        for (id, reason) in skips {
            out.push_str(&format!("  #checkov:skip={id}:{reason}\n"));
        }
        for l in lines {
            out.push_str(l);
            out.push('\n');
        }
    }
    Ok(align(&out))
}

/// Prints `key = value` lines (a backend config file), aligned.
pub fn print_attributes(attrs: Vec<(&str, Expression)>) -> Result<String, HclError> {
    let mut b = Body::builder();
    for (k, v) in attrs {
        b = b.add_attribute(Attribute::new(k, v));
    }
    let text =
        hcl::format::to_string(&b.build()).map_err(|e| HclError(format!("internal: {e}")))?;
    Ok(align(&text))
}

/// Aligns the `=` of runs of single-line attributes at the same indentation,
/// as `terraform fmt` does. A blank line, a block, a multi-line value or a
/// change of indentation ends a run; the line that opens a multi-line value
/// is not part of any run.
pub fn align(text: &str) -> String {
    // Each line is split once; runs are then padded from the split parts.
    let lines: Vec<(&str, Option<Attr<'_>>)> = text.lines().map(|l| (l, attr(l))).collect();
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut i = 0;
    while i < lines.len() {
        let Some((indent, _, _)) = lines[i].1 else {
            // hcl-rs prints an empty block as `{  }`; terraform fmt writes `{}`.
            push_empty_block(&mut out, lines[i].0.trim_end());
            out.push('\n');
            i += 1;
            continue;
        };
        let mut j = i;
        let mut width = 0;
        while let Some((ind, key, _)) = lines.get(j).and_then(|l| l.1) {
            if ind != indent {
                break;
            }
            width = width.max(key.chars().count());
            j += 1;
        }
        for (_, parts) in &lines[i..j] {
            if let Some((indent, key, value)) = parts {
                out.push_str(indent);
                out.push_str(key);
                for _ in key.chars().count()..width {
                    out.push(' ');
                }
                out.push_str(" = ");
                out.push_str(value);
                out.push('\n');
            }
        }
        i = j;
    }
    out
}

/// Writes `line`, printing `name {    }` as `name {}`.
fn push_empty_block(out: &mut String, line: &str) {
    if let Some(head) = line.strip_suffix('}') {
        if let Some(h) = head.trim_end().strip_suffix('{') {
            if h.ends_with(' ') && head.len() > h.len() + 1 {
                out.push_str(h);
                out.push_str("{}");
                return;
            }
        }
    }
    out.push_str(line);
}

/// A single-line attribute: (indent, key, value).
type Attr<'a> = (&'a str, &'a str, &'a str);

/// Splits a single-line attribute into (indent, key, value).
fn attr(line: &str) -> Option<(&str, &str, &str)> {
    let trimmed = line.trim_start();
    if trimmed.starts_with('#') || trimmed.starts_with("//") {
        return None;
    }
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
    fn plain_references_build_the_same_tree_as_parsing() {
        for code in [
            "module.vpc_a-b.vpc_id",
            "module.v.subnet_ids[\"use1-pub-a\"]",
            "data.terraform_remote_state.us_east_1.outputs.albs[\"x\"].arn",
            "var.x",
        ] {
            assert_eq!(
                reference(code),
                Some(code.parse::<Expression>().unwrap()),
                "{code}"
            );
        }
        assert_eq!(reference("count.index + 1"), None);
        assert_eq!(reference("jsonencode(x)"), None);
    }

    #[test]
    fn user_text_is_escaped() {
        let out = print(vec![
            B::new("locals", &[]).a("x", s("a \"q\" ${x} %{y} \\ é\nz"))
        ])
        .unwrap();
        let back = hcl::parse(&out).unwrap();
        let attr = back
            .blocks()
            .next()
            .unwrap()
            .body
            .attributes()
            .next()
            .unwrap()
            .clone();
        assert_eq!(attr.expr, s("a \"q\" ${x} %{y} \\ é\nz"), "{out}");
    }
}
