//! The global stack's items (Route 53, Global Accelerator, internet
//! egress) and the Terraform state's keys.

use super::{Category, Ctx, Item, What};
use crate::core::catalog::prices::HOURS_PER_MONTH as H;
use crate::core::model::CheckProtocol;

/// Static IPv4 addresses of a standard accelerator.
pub const ACCELERATOR_IPS: f64 = 2.0;
/// The fast (optional, billed) health check interval, in seconds.
pub const FAST_INTERVAL: u32 = 10;

pub(super) fn items<'a>(cx: &Ctx<'a>, out: &mut Vec<Item<'a>>) {
    let d = cx.design;
    let rt = &cx.rates;
    if let Some(dns) = &d.dns {
        if dns.zone_id.is_none() {
            out.push(cx.item(None, &dns.zone, Category::Dns, What::Zone, rt.route53_zone));
        }
        for rec in &dns.records {
            for t in &rec.targets {
                let Some(h) = &t.health_check else { continue };
                let https = h.protocol == CheckProtocol::Https;
                let fast = h.interval == FAST_INTERVAL;
                let n = f64::from(u8::from(https) + u8::from(fast));
                let what = What::HealthCheck {
                    record: &rec.name,
                    https,
                    fast,
                };
                let monthly = rt.route53_health_check + n * rt.route53_health_check_option;
                let mut i = cx.item(None, &t.target, Category::Dns, what, monthly);
                i.dr = true;
                out.push(i);
            }
        }
    }
    let (egress, a) = cx.usage("internet_egress_gb", |u| u.internet_egress_gb);
    let accs = d.accelerators.len() as f64;
    for acc in &d.accelerators {
        let gb = egress / accs;
        let monthly =
            H * rt.ga_hour + gb * rt.ga_dt_premium_gb + ACCELERATOR_IPS * H * rt.ipv4_hour;
        let mut i = cx.item(
            None,
            &acc.id,
            Category::Network,
            What::Accelerator { gb },
            monthly,
        );
        i.dr = true;
        i.estimate = true; // the premium depends on where users are
        i.assumed.add(a);
        out.push(i);
    }
    if egress > 0.0 {
        let monthly = egress * rt.transfer_internet_gb;
        let what = What::Internet { gb: egress };
        let mut i = cx.item(None, "internet", Category::Transfer, what, monthly);
        i.estimate = rt.transfer_internet_gb_est;
        i.assumed.add(a);
        out.push(i);
    }
    // bootstrap/: the shared state bucket's key, and one per region's bucket.
    let what = What::StateKey {
        bucket: &d.state.bucket,
    };
    out.push(cx.item(None, "state", Category::Security, what, rt.kms_key));
    for r in &d.regions {
        let what = What::RegionStateKey { region: &r.code };
        out.push(cx.item(Some(&r.code), "state", Category::Security, what, rt.kms_key));
    }
}
