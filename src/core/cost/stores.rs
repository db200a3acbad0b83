//! Buckets and DynamoDB tables (with their replicas), and the replication
//! traffic they send.

use super::regional::{key, transfer};
use super::{p, usd, Category, Ctx, Item};
use crate::core::catalog::prices::HOURS_PER_MONTH as H;
use crate::core::model::{Billing, Region};

pub(super) fn bucket(cx: &Ctx, r: &Region, b: &crate::core::model::S3, out: &mut Vec<Item>) {
    let (gb, a) = cx.usage("s3_storage_gb", |u| u.s3_storage_gb);
    let mut i = cx.item(Some(&r.code), &b.id, Category::Storage);
    i.what = format!("{gb} GB S3 Standard × {}", usd(p("s3.storage")));
    i.monthly = gb * p("s3.storage");
    i.assumed.extend(a);
    out.push(i);
    key(cx, &r.code, &b.id, out);
    let dest = b
        .replicate_to
        .as_deref()
        .and_then(|id| cx.node_region.get(id).copied());
    if let Some(dest) = dest {
        transfer(cx, &r.code, dest, &b.id, "S3 replication", out);
    }
}

pub(super) fn table(cx: &Ctx, r: &Region, t: &crate::core::model::Dynamodb, out: &mut Vec<Item>) {
    let (gb, ag) = cx.usage("dynamodb_storage_gb", |u| u.dynamodb_storage_gb);
    let (w, aw) = cx.usage("dynamodb_million_writes", |u| u.dynamodb_million_writes);
    let (rd, ar) = cx.usage("dynamodb_million_reads", |u| u.dynamodb_million_reads);
    let copies = std::iter::once(r.code.as_str()).chain(
        t.replicas
            .iter()
            .map(String::as_str)
            .filter(|c| *c != r.code),
    );
    for (n, code) in copies.enumerate() {
        let mut i = cx.item(Some(code), &t.id, Category::Database);
        let writes = if n == 0 {
            "dynamodb.write_million"
        } else {
            "dynamodb.replicated_write_million"
        };
        match t.billing {
            Billing::OnDemand => {
                i.what = format!(
                    "{}: {w} M writes × {} + {rd} M reads × {}",
                    if n == 0 { "table" } else { "replica" },
                    usd(p(writes)),
                    usd(p("dynamodb.read_million"))
                );
                i.monthly = w * p(writes) + rd * p("dynamodb.read_million");
                i.assumed.extend(aw);
                i.assumed.extend(ar);
            }
            Billing::Provisioned => {
                // The export provisions 5 read and 5 write units.
                i.what = format!(
                    "5 WCU × {H} h × {} + 5 RCU × {H} h × {}",
                    usd(p("dynamodb.wcu_hour")),
                    usd(p("dynamodb.rcu_hour"))
                );
                i.monthly = 5.0 * H * (p("dynamodb.wcu_hour") + p("dynamodb.rcu_hour"));
                i.estimate = true;
            }
        }
        out.push(i);
        let mut s = cx.item(Some(code), &t.id, Category::Storage);
        s.what = format!(
            "{gb} GB × {} + point-in-time recovery {gb} GB × {}",
            usd(p("dynamodb.storage")),
            usd(p("dynamodb.pitr"))
        );
        s.monthly = gb * (p("dynamodb.storage") + p("dynamodb.pitr"));
        s.assumed.extend(ag);
        out.push(s);
        key(cx, code, &t.id, out);
        if n > 0 {
            transfer(cx, &r.code, code, &t.id, "global table replication", out);
        }
    }
}
