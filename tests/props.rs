//! Property tests: random and mutated designs never panic anywhere in the
//! core (load, validate, layout, edits). A panic in wasm kills the page.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::Value;
use topoform::core::edit::{self, PaletteItem};
use topoform::core::templates::TEMPLATES;
use topoform::core::{layout, model, validate};

const STRINGS: &[&str] = &[
    "",
    " ",
    "10.0.0.0/33",
    "0.0.0.0/0",
    "255.255.255.255/32",
    "10.0.0.1/16",
    "::1/128",
    "abc",
    "${x}",
    "%{y}",
    "\"",
    "\\",
    "\n",
    "日本",
    "use1-az1",
    "usw2-az9",
    "us-east-1",
    "mars-1",
    "use1-main",
    "use1-alb",
    "usw2-db",
    "app",
    "primary",
    "secondary",
    "failover",
    "latency",
    "weighted",
    "geolocation",
    "simple",
    "alb",
    "rds",
    "s3",
    "HTTPS",
    "A",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        prop_oneof![
            Just(0i64),
            Just(1),
            Just(-1),
            Just(65535),
            Just(65536),
            Just(u32::MAX as i64),
            Just(i64::MAX)
        ]
        .prop_map(Value::from),
        (0..STRINGS.len()).prop_map(|i| Value::from(STRINGS[i])),
        Just(Value::Array(vec![])),
        Just(Value::Object(Default::default())),
    ]
}

/// Visits every value in document order, calling `f` with a running counter.
fn nth_mut(v: &mut Value, n: &mut usize, f: &mut dyn FnMut(&mut Value)) -> bool {
    if *n == 0 {
        f(v);
        return true;
    }
    *n -= 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|x| nth_mut(x, n, f)),
        Value::Object(o) => o.values_mut().any(|x| nth_mut(x, n, f)),
        _ => false,
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, Value),
    RemoveKey(usize),
    DuplicateItem(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0usize..400, leaf()).prop_map(|(i, v)| Mutation::Replace(i, v)),
        (0usize..400).prop_map(Mutation::RemoveKey),
        (0usize..400).prop_map(Mutation::DuplicateItem),
    ]
}

fn apply(doc: &mut Value, m: &Mutation) {
    match m {
        Mutation::Replace(i, new) => {
            nth_mut(doc, &mut i.clone(), &mut |v| *v = new.clone());
        }
        Mutation::RemoveKey(i) => {
            nth_mut(doc, &mut i.clone(), &mut |v| {
                if let Value::Object(o) = v {
                    if let Some(k) = o.keys().next().cloned() {
                        o.remove(&k);
                    }
                }
            });
        }
        Mutation::DuplicateItem(i) => {
            nth_mut(doc, &mut i.clone(), &mut |v| {
                if let Value::Array(a) = v {
                    if let Some(first) = a.first().cloned() {
                        a.push(first);
                    }
                }
            });
        }
    }
}

/// Everything the app does with a design it has loaded.
fn exercise(d: &model::Design) {
    let diags = validate::validate(d);
    let _ = validate::counts(&diags);
    let l = layout::layout(d);
    let _ = layout::link_geometry(&l, &layout::links(d));
    let ids: Vec<String> = {
        let mut v = Vec::new();
        model::for_each_object(d, |o| v.push(o.id().to_string()));
        v
    };
    for id in ids.iter().take(6) {
        let _ = edit::dependents(d, &[id]);
        let _ = edit::delete(d, &[id]);
        for item in PaletteItem::ALL {
            let _ = edit::add(d, item, Some(id));
        }
        for other in ids.iter().rev().take(4) {
            let _ = edit::connect(d, id, other);
        }
        let _ = edit::clone_region_as_dr(d, id, "eu-central-1");
    }
    let _ = model::save(d);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn mutated_templates_never_panic(t in 0..TEMPLATES.len(), muts in prop::collection::vec(mutation(), 1..6)) {
        let mut doc: Value = serde_json::from_str(TEMPLATES[t].json).unwrap();
        for m in &muts {
            apply(&mut doc, m);
        }
        if let Ok(d) = model::load(&doc.to_string()) {
            exercise(&d);
        }
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = model::load(&text);
    }

    #[test]
    fn designs_with_wild_field_values_never_panic(t in 0..TEMPLATES.len(), picks in prop::collection::vec((0usize..400, 0..STRINGS.len()), 1..8)) {
        let mut doc: Value = serde_json::from_str(TEMPLATES[t].json).unwrap();
        for (i, s) in picks {
            nth_mut(&mut doc, &mut i.clone(), &mut |v| if v.is_string() { *v = Value::from(STRINGS[s]) });
        }
        if let Ok(d) = model::load(&doc.to_string()) {
            exercise(&d);
        }
    }
}

mod export_props {
    use super::*;
    use topoform::core::export::{export, Layout};

    proptest! {
        #![proptest_config(ProptestConfig { cases: 120, .. ProptestConfig::default() })]

        /// Any design that loads either exports or is refused with a reason,
        /// and every exported .tf and .hcl file parses as HCL.
        #[test]
        fn valid_designs_export_to_parseable_hcl(t in 0..TEMPLATES.len(), picks in prop::collection::vec((0usize..400, 0..STRINGS.len()), 0..4), single in any::<bool>()) {
            let mut doc: Value = serde_json::from_str(TEMPLATES[t].json).unwrap();
            for (i, s) in picks {
                nth_mut(&mut doc, &mut i.clone(), &mut |v| if v.is_string() { *v = Value::from(STRINGS[s]) });
            }
            let Ok(d) = model::load(&doc.to_string()) else { return Ok(()) };
            let layout = if single { Layout::SingleRoot } else { Layout::PerRegion };
            if let Ok(files) = export(&d, layout) {
                for f in files.iter().filter(|f| f.path.ends_with(".tf") || f.path.ends_with(".hcl")) {
                    prop_assert!(hcl::parse(&f.contents).is_ok(), "{} does not parse:\n{}", f.path, f.contents);
                }
            }
        }
    }
}
