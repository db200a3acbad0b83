use super::*;
use crate::core::model::{for_each_object, load, save, Rect, RegionNode};
use crate::core::stress::{object_count, stress_design};
use crate::core::templates::TEMPLATES;

/// About 100 objects: the stress design's first two regions with one VPC
/// each (subnets, load balancers, groups, databases, Aurora clusters), a
/// bucket and a table per region, their peering and records, every dangling
/// reference dropped, and a canvas rectangle for every object, as a design
/// drawn in the app has.
pub(crate) fn hundred_object_design() -> Design {
    let mut d = stress_design();
    d.regions.truncate(2);
    for r in &mut d.regions {
        r.vpcs.truncate(1);
    }
    let mut ids = std::collections::BTreeSet::new();
    for_each_object(&d, |o| {
        ids.insert(o.id().to_string());
    });
    let codes: Vec<String> = d.regions.iter().map(|r| r.code.clone()).collect();
    for r in &mut d.regions {
        for n in &mut r.nodes {
            match n {
                RegionNode::S3(s) => {
                    s.replicate_to = s.replicate_to.take().filter(|t| ids.contains(t))
                }
                RegionNode::Dynamodb(t) => t.replicas.retain(|c| codes.contains(c)),
            }
        }
    }
    d.peerings
        .retain(|p| ids.contains(&p.a) && ids.contains(&p.b));
    if let Some(dns) = &mut d.dns {
        dns.records
            .retain(|r| r.targets.iter().all(|t| ids.contains(&t.target)));
    }
    let mut canvas = crate::core::model::Canvas::new();
    let mut i = 0.0;
    for_each_object(&d, |o| {
        i += 1.0;
        canvas.insert(
            o.id().to_string(),
            Rect {
                x: 37.5 * i,
                y: 1200.0 - 11.25 * i,
                w: 160.0,
                h: 48.0,
            },
        );
    });
    d.canvas = canvas;
    d
}

#[test]
fn a_design_round_trips_through_a_link() {
    for t in TEMPLATES {
        let d = t.design().expect("template loads");
        let link = link("https://example.org/topoform/", &design_fragment(&d));
        assert!(
            link.starts_with("https://example.org/topoform/#d1."),
            "{link}"
        );
        assert_eq!(open_design(&link).expect(t.id), d, "{}", t.id);
        // A bare fragment, or one with its `#` and stray white space, opens too.
        let frag = design_fragment(&d);
        assert_eq!(open_design(&format!("  #{frag}\n")).unwrap(), d);
    }
}

#[test]
fn a_hundred_object_design_fits_in_8000_characters() {
    let d = hundred_object_design();
    let n = object_count(&d);
    assert!((95..=110).contains(&n), "{n} objects");
    assert_eq!(load(&save(&d)).expect("the trimmed design loads"), d);
    let frag = design_fragment(&d);
    eprintln!(
        "{n} objects: {} bytes of JSON, {} characters of link",
        save(&d).len(),
        frag.len()
    );
    assert!(
        frag.len() < 8_000,
        "{n} objects took {} characters ({} bytes of JSON)",
        frag.len(),
        save(&d).len()
    );
    assert_eq!(open_design(&frag).unwrap(), d);
}

#[test]
fn the_stress_design_fits_under_the_link_cap() {
    let frag = design_fragment(&stress_design());
    eprintln!("stress design: {} characters of link", frag.len());
    assert!(frag.len() < MAX_LINK_CHARS, "{}", frag.len());
}

fn refused(link: &str) -> ShareError {
    match open_design(link) {
        Ok(_) => panic!("{link:.80} opened"),
        Err(e) => e,
    }
}

#[test]
fn each_failure_has_its_kind_and_a_clear_message() {
    let good = design_fragment(&hundred_object_design());
    let body = &good[3..];

    let e = refused(&format!("https://x/#z9.{body}"));
    assert_eq!(e.kind, ShareErrorKind::Prefix);
    assert!(e.message.contains("not `d1.`"), "{e}");
    assert_eq!(refused("https://x/").kind, ShareErrorKind::Prefix);
    assert!(refused("https://x/#").message.contains("nothing after"));

    let e = refused(&format!("d1.{}!{}", &body[..10], &body[10..]));
    assert_eq!(e.kind, ShareErrorKind::Base64);
    // Counted from 1 in the fragment as the user has it (`d1.` is
    // characters 1-3), whether the whole link or the fragment is given.
    assert!(e.message.contains("character 14 after `#` ('!')"), "{e}");
    let e = refused(&format!("https://x/#d1.{}!{}", &body[..10], &body[10..]));
    assert!(e.message.contains("character 14 after `#` ('!')"), "{e}");

    // Truncated: cut anywhere, the link is refused, never half-loaded.
    for cut in [4, 100, good.len() / 2, good.len() - 5] {
        let e = refused(&good[..cut]);
        assert!(
            matches!(e.kind, ShareErrorKind::Compression | ShareErrorKind::Base64),
            "cut at {cut}: {e}"
        );
    }
    let e = refused(&format!(
        "d1.{}",
        base64url::encode(b"plain text, not zlib")
    ));
    assert_eq!(e.kind, ShareErrorKind::Compression);
    assert!(e.message.contains("damaged"), "{e}");

    let e = refused(&pack(
        What::Design,
        r#"{"format": "topoform.design", "version": 2}"#,
    ));
    assert_eq!(e.kind, ShareErrorKind::Content);
    assert!(
        e.message.starts_with("the link's design does not load: "),
        "{e}"
    );

    let e = refused(&pack(What::Exercise, "{}"));
    assert_eq!(e.kind, ShareErrorKind::Prefix);
    assert!(e.message.contains("exercise"), "{e}");

    let e = refused(&format!(
        "d1.{}",
        base64url::encode(&compress::deflate(&[0xff, 0xfe]))
    ));
    assert_eq!(e.kind, ShareErrorKind::Content);
}

#[test]
fn size_caps_refuse_long_links_and_zip_bombs() {
    let e = refused(&format!("d1.{}", "A".repeat(MAX_LINK_CHARS)));
    assert_eq!(e.kind, ShareErrorKind::TooBig);
    assert!(e.message.contains("at most 100000"), "{e}");

    // 16 MiB of spaces compress to about 16 KiB: a short link, a huge design.
    let bomb = compress::deflate(&vec![b' '; 16 << 20]);
    let link = format!("d1.{}", base64url::encode(&bomb));
    assert!(link.len() < MAX_LINK_CHARS, "{}", link.len());
    let started = std::time::Instant::now();
    let e = refused(&link);
    assert_eq!(e.kind, ShareErrorKind::TooBig);
    assert!(e.message.contains("more than 4 MiB"), "{e}");
    assert!(started.elapsed().as_secs() < 3, "{:?}", started.elapsed());
}

#[test]
fn deeply_nested_json_is_refused_by_the_strict_loader() {
    let deep = format!("{}{}", "[".repeat(50_000), "]".repeat(50_000));
    let e = refused(&pack(What::Design, &deep));
    assert_eq!(e.kind, ShareErrorKind::Content);
    assert!(e.message.contains("nested more than"), "{e}");
}

#[cfg(not(target_arch = "wasm32"))]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Whatever the link, opening it ends in a design or one short
        /// error; never a panic.
        #[test]
        fn any_text_opens_or_is_refused(text in ".{0,300}") {
            for link in [text.clone(), format!("d1.{text}"), format!("#x1.{text}")] {
                if let Err(e) = open_design(&link) {
                    prop_assert!(e.message.len() < 4096);
                }
            }
        }

        /// A real link with one byte changed or cut is opened or refused, never a panic.
        #[test]
        fn damaged_links_never_panic(at in 0usize..2000, byte in 0u8..128, cut in 0usize..2000) {
            let good = design_fragment(&TEMPLATES[0].design().unwrap());
            let mut bytes = good.clone().into_bytes();
            let i = at % bytes.len();
            bytes[i] = byte;
            if let Ok(s) = String::from_utf8(bytes) {
                let _ = open_design(&s);
            }
            let _ = open_design(&good[..cut % good.len()]);
        }
    }
}

/// The browser's path (pure prefix and base64url step, its own inflater,
/// pure finishing step) opens what the native path opens, and refuses
/// what it refuses.
#[test]
fn the_two_step_path_agrees_with_unpack() {
    let design = crate::core::templates::TEMPLATES[0].design().unwrap();
    let frag = design_fragment(&design);
    let (what, bytes) = compressed(&frag).unwrap();
    assert_eq!(what, What::Design);
    let json = compress::inflate(&bytes, MAX_INFLATED_BYTES).unwrap();
    let text = inflated(what, json).unwrap();
    assert_eq!(design_of(what, &text).unwrap(), design);
    assert_eq!(
        pack_compressed(What::Design, &bytes),
        frag,
        "re-packing the same bytes gives the same fragment"
    );
    assert_eq!(
        compressed("#d1.@@").unwrap_err().kind,
        ShareErrorKind::Base64
    );
    assert_eq!(compressed("#zz").unwrap_err().kind, ShareErrorKind::Prefix);
    assert_eq!(
        inflated(What::Design, vec![0xff, 0xfe]).unwrap_err().kind,
        ShareErrorKind::Content
    );
    assert_eq!(
        inflated(What::Design, vec![b' '; MAX_INFLATED_BYTES + 1])
            .unwrap_err()
            .kind,
        ShareErrorKind::TooBig
    );
    assert_eq!(
        inflate_error(What::Exercise, false, "bad").kind,
        ShareErrorKind::Compression
    );
    assert_eq!(
        design_of(What::Exercise, &text).unwrap_err().kind,
        ShareErrorKind::Prefix
    );
}

/// `text` with every character percent-encoded, as a chat app or browser
/// passing a link on may write it.
fn percent_encoded(text: &str) -> String {
    text.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[test]
fn a_percent_encoded_link_opens_like_the_link() {
    let design = hundred_object_design();
    let good = design_fragment(&design);
    let (body, tail) = good.split_at(good.len() / 2);
    for link in [
        format!("https://x/#{}", percent_encoded(&good)),
        format!("https://x/#d1.{}{tail}", percent_encoded(&body[3..])),
        good.replace('-', "%2D").replace('_', "%5f"),
    ] {
        match open_design(&link) {
            Ok(d) => assert_eq!(d, design),
            Err(e) => panic!("{link:.60}: {e}"),
        }
    }
}

#[test]
fn a_bad_character_is_placed_in_the_text_as_the_user_has_it() {
    // `%41%41` is `AA`; the `+` (written `%2B`) is characters 10-12.
    let e = refused("https://x/#d1.%41%41%2BAAA");
    assert_eq!(e.kind, ShareErrorKind::Base64);
    assert!(
        e.message
            .contains("character 10 after `#` (\"%2B\", an encoded '+')"),
        "{e}"
    );
    let e = refused("d1.%00%00");
    assert!(
        e.message
            .contains("character 4 after `#` (\"%00\", an encoded '\\0')"),
        "{e}"
    );
    // A bad character is named before the length: the length is not
    // what is wrong with `d1.  eNq`.
    let e = refused("d1.  eNq");
    assert!(e.message.contains("character 4 after `#` (' ')"), "{e}");
    let e = refused("d1.eNq%20%20");
    assert!(
        e.message
            .contains("character 7 after `#` (\"%20\", an encoded ' ')"),
        "{e}"
    );
    // A `%` that starts no escape is itself the bad character.
    let e = refused("d1.AB%zz");
    assert!(e.message.contains("character 6 after `#` ('%')"), "{e}");
    for link in ["d1.", "https://x/#x1."] {
        let e = compressed(link).unwrap_err();
        assert_eq!(e.kind, ShareErrorKind::Base64);
        assert!(e.message.contains("holds nothing after"), "{e}");
    }
    let e = refused("d1.A");
    assert_eq!(e.kind, ShareErrorKind::Base64);
    assert!(e.message.contains("cut off"), "{e}");
    assert!(!e.message.contains("1 characters"), "{e}");
}
