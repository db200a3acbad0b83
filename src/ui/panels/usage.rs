//! The usage assumptions of the design settings (format version 2): one
//! number field per figure the cost estimate reads; an empty field takes
//! the estimate's documented default (docs/design-format.md).

use super::fields::input_view;
use crate::core::edit::input;
use crate::core::model::{Design, Usage};
use crate::ui::doc::Doc;
use leptos::prelude::*;

/// Each figure: its format path under `usage`, its label, and its slot.
type Figure = (
    &'static str,
    &'static str,
    fn(&mut Usage) -> &mut Option<u64>,
);

const FIGURES: &[Figure] = &[
    ("usage.requests_per_month", "Requests per month", |u| {
        &mut u.requests_per_month
    }),
    ("usage.load_balancer_gb", "GB per load balancer", |u| {
        &mut u.load_balancer_gb
    }),
    ("usage.nat_gb", "GB per NAT gateway", |u| &mut u.nat_gb),
    ("usage.internet_egress_gb", "GB out to the internet", |u| {
        &mut u.internet_egress_gb
    }),
    ("usage.replication_gb", "GB replicated per store", |u| {
        &mut u.replication_gb
    }),
    ("usage.s3_storage_gb", "GB stored per bucket", |u| {
        &mut u.s3_storage_gb
    }),
    ("usage.dynamodb_storage_gb", "GB per DynamoDB table", |u| {
        &mut u.dynamodb_storage_gb
    }),
    (
        "usage.dynamodb_million_writes",
        "DynamoDB million writes",
        |u| &mut u.dynamodb_million_writes,
    ),
    (
        "usage.dynamodb_million_reads",
        "DynamoDB million reads",
        |u| &mut u.dynamodb_million_reads,
    ),
    ("usage.log_gb", "GB of logs per region", |u| &mut u.log_gb),
];

/// The usage fields, each one edit; empty means the default.
pub fn usage(doc: Doc, d: &Design) -> AnyView {
    let mut now = d.usage.clone();
    FIGURES
        .iter()
        .map(|&(field, label, slot)| {
            let value = slot(&mut now).map(|n| n.to_string()).unwrap_or_default();
            let commit = Box::new(move |text: &str| {
                let v = input::opt_amount(text, label)?;
                let mut d = doc.design.get_untracked();
                *slot(&mut d.usage) = v;
                doc.apply(d);
                Ok(v.map(|n| n.to_string()).unwrap_or_default())
            });
            input_view(label, field, "text", value, false, commit)
        })
        .collect_view()
        .into_any()
}
