//! The global stack's items (Route 53, Global Accelerator, internet
//! egress) and the Terraform state's keys.

use super::{is_est, p, usd, Category, Ctx, Item};
use crate::core::catalog::prices::HOURS_PER_MONTH as H;
use crate::core::model::CheckProtocol;

/// Static IPv4 addresses of a standard accelerator.
pub const ACCELERATOR_IPS: f64 = 2.0;
/// The fast (optional, billed) health check interval, in seconds.
pub const FAST_INTERVAL: u32 = 10;

pub(super) fn items(cx: &Ctx) -> Vec<Item> {
    let mut out = Vec::new();
    let d = cx.design;
    if let Some(dns) = &d.dns {
        if dns.zone_id.is_none() {
            let mut i = cx.item(None, &dns.zone, Category::Dns);
            i.what = format!("Route 53 hosted zone: {}", usd(p("route53.zone")));
            i.monthly = p("route53.zone");
            out.push(i);
        }
        for rec in &dns.records {
            for t in &rec.targets {
                let Some(h) = &t.health_check else { continue };
                let mut options = Vec::new();
                if h.protocol == CheckProtocol::Https {
                    options.push("HTTPS");
                }
                if h.interval == FAST_INTERVAL {
                    options.push("10 s interval");
                }
                let n = options.len() as f64;
                let mut i = cx.item(None, &t.target, Category::Dns);
                i.what = format!(
                    "Route 53 health check on {} ({}): {} + {n} option(s) × {}",
                    rec.name,
                    if options.is_empty() {
                        "no options".to_string()
                    } else {
                        options.join(", ")
                    },
                    usd(p("route53.health_check")),
                    usd(p("route53.health_check_option"))
                );
                i.monthly = p("route53.health_check") + n * p("route53.health_check_option");
                i.dr = true;
                out.push(i);
            }
        }
    }
    let (egress, a) = cx.usage("internet_egress_gb", |u| u.internet_egress_gb);
    let accs = d.accelerators.len() as f64;
    for acc in &d.accelerators {
        let gb = egress / accs;
        let mut i = cx.item(None, &acc.id, Category::Network);
        i.what = format!(
            "Global Accelerator: {H} h × {} + {gb} GB × {} premium + {ACCELERATOR_IPS} IPv4 × {H} h × {}",
            usd(p("ga.hour")), usd(p("ga.dt_premium_gb")), usd(p("ipv4.hour"))
        );
        i.monthly =
            H * p("ga.hour") + gb * p("ga.dt_premium_gb") + ACCELERATOR_IPS * H * p("ipv4.hour");
        i.dr = true;
        i.estimate = true; // the premium depends on where users are
        i.assumed.extend(a);
        out.push(i);
    }
    if egress > 0.0 {
        let mut i = cx.item(None, "internet", Category::Transfer);
        i.what = format!(
            "{egress} GB to the internet × {}",
            usd(p("transfer.internet_gb"))
        );
        i.monthly = egress * p("transfer.internet_gb");
        i.estimate = is_est("transfer.internet_gb");
        i.assumed.extend(a);
        out.push(i);
    }
    // bootstrap/: the shared state bucket's key, and one per region's bucket.
    let mut i = cx.item(None, "state", Category::Security);
    i.what = format!(
        "KMS key of the state bucket {}: {}",
        d.state.bucket,
        usd(p("kms.key"))
    );
    i.monthly = p("kms.key");
    out.push(i);
    for r in &d.regions {
        let mut i = cx.item(Some(&r.code), "state", Category::Security);
        i.what = format!(
            "KMS key of {}'s state bucket: {}",
            r.code,
            usd(p("kms.key"))
        );
        i.monthly = p("kms.key");
        out.push(i);
    }
    out
}
