//! Buckets and DynamoDB tables (with their replicas), and the replication
//! traffic they send.

use super::regional::{key, transfer};
use super::{Category, Ctx, Item, Replication, What};
use crate::core::catalog::prices::HOURS_PER_MONTH as H;
use crate::core::model::{Billing, Dynamodb, Region, S3};

pub(super) fn bucket<'a>(cx: &Ctx<'a>, r: &'a Region, b: &'a S3, out: &mut Vec<Item<'a>>) {
    let (gb, a) = cx.usage("s3_storage_gb", |u| u.s3_storage_gb);
    let monthly = gb * cx.rates.s3_storage;
    let mut i = cx.item(
        Some(&r.code),
        &b.id,
        Category::Storage,
        What::S3 { gb },
        monthly,
    );
    i.assumed.add(a);
    out.push(i);
    key(cx, &r.code, &b.id, out);
    let dest = b.replicate_to.as_deref().and_then(|id| cx.node_region(id));
    if let Some(dest) = dest {
        transfer(cx, &r.code, dest, &b.id, Replication::S3, out);
    }
}

pub(super) fn table<'a>(cx: &Ctx<'a>, r: &'a Region, t: &'a Dynamodb, out: &mut Vec<Item<'a>>) {
    let rt = &cx.rates;
    let (gb, ag) = cx.usage("dynamodb_storage_gb", |u| u.dynamodb_storage_gb);
    let (w, aw) = cx.usage("dynamodb_million_writes", |u| u.dynamodb_million_writes);
    let (rd, ar) = cx.usage("dynamodb_million_reads", |u| u.dynamodb_million_reads);
    let copies = std::iter::once(&r.code).chain(t.replicas.iter().filter(|c| **c != r.code));
    for (n, code) in copies.enumerate() {
        let replica = n > 0;
        let i = match t.billing {
            Billing::OnDemand => {
                let writes = if replica {
                    rt.dynamodb_replicated_write_million
                } else {
                    rt.dynamodb_write_million
                };
                let what = What::DynamodbOnDemand {
                    replica,
                    writes: w,
                    reads: rd,
                };
                let monthly = w * writes + rd * rt.dynamodb_read_million;
                let mut i = cx.item(Some(code), &t.id, Category::Database, what, monthly);
                i.assumed.add(aw);
                i.assumed.add(ar);
                i
            }
            Billing::Provisioned => {
                // The export provisions 5 read and 5 write units.
                let monthly = 5.0 * H * (rt.dynamodb_wcu_hour + rt.dynamodb_rcu_hour);
                let what = What::DynamodbProvisioned;
                let mut i = cx.item(Some(code), &t.id, Category::Database, what, monthly);
                i.estimate = true;
                i
            }
        };
        out.push(i);
        let monthly = gb * (rt.dynamodb_storage + rt.dynamodb_pitr);
        let what = What::DynamodbStorage { gb };
        let mut s = cx.item(Some(code), &t.id, Category::Storage, what, monthly);
        s.assumed.add(ag);
        out.push(s);
        key(cx, code, &t.id, out);
        if replica {
            transfer(cx, &r.code, code, &t.id, Replication::GlobalTable, out);
        }
    }
}
