//! Every price row the estimators use, read from the table once per
//! estimate: looking a row up by id is a scan of the table, and the stress
//! design's 9,000 items used to do it tens of thousands of times.

use super::{is_est, p};
use crate::core::catalog::prices::PRICE_REGION;

/// USD of each row (named after the row's id), and the estimate flags the
/// items report.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rates {
    pub nat_hour: f64,
    pub nat_gb: f64,
    pub ipv4_hour: f64,
    pub kms_key: f64,
    pub logs_ingest_gb: f64,
    pub logs_storage_gb: f64,
    pub cloudwatch_alarm: f64,
    pub alb_hour: f64,
    pub alb_lcu_hour: f64,
    pub ebs_gp3_gb: f64,
    pub ebs_gp3_gb_est: bool,
    pub fargate_vcpu_hour: f64,
    pub fargate_gb_hour: f64,
    pub rds_storage_gp3: f64,
    pub aurora_storage: f64,
    pub s3_storage: f64,
    pub dynamodb_write_million: f64,
    pub dynamodb_replicated_write_million: f64,
    pub dynamodb_read_million: f64,
    pub dynamodb_wcu_hour: f64,
    pub dynamodb_rcu_hour: f64,
    pub dynamodb_storage: f64,
    pub dynamodb_pitr: f64,
    pub route53_zone: f64,
    pub route53_health_check: f64,
    pub route53_health_check_option: f64,
    pub ga_hour: f64,
    pub ga_dt_premium_gb: f64,
    pub transfer_internet_gb: f64,
    pub transfer_internet_gb_est: bool,
    pub transfer_us_east_2_gb: f64,
    pub transfer_inter_region_gb: f64,
}

impl Rates {
    /// Reads every row.
    pub fn read() -> Rates {
        Rates {
            nat_hour: p("nat.hour"),
            nat_gb: p("nat.gb"),
            ipv4_hour: p("ipv4.hour"),
            kms_key: p("kms.key"),
            logs_ingest_gb: p("logs.ingest_gb"),
            logs_storage_gb: p("logs.storage_gb"),
            cloudwatch_alarm: p("cloudwatch.alarm"),
            alb_hour: p("alb.hour"),
            alb_lcu_hour: p("alb.lcu_hour"),
            ebs_gp3_gb: p("ebs.gp3_gb"),
            ebs_gp3_gb_est: is_est("ebs.gp3_gb"),
            fargate_vcpu_hour: p("fargate.vcpu_hour"),
            fargate_gb_hour: p("fargate.gb_hour"),
            rds_storage_gp3: p("rds.storage_gp3"),
            aurora_storage: p("aurora.storage"),
            s3_storage: p("s3.storage"),
            dynamodb_write_million: p("dynamodb.write_million"),
            dynamodb_replicated_write_million: p("dynamodb.replicated_write_million"),
            dynamodb_read_million: p("dynamodb.read_million"),
            dynamodb_wcu_hour: p("dynamodb.wcu_hour"),
            dynamodb_rcu_hour: p("dynamodb.rcu_hour"),
            dynamodb_storage: p("dynamodb.storage"),
            dynamodb_pitr: p("dynamodb.pitr"),
            route53_zone: p("route53.zone"),
            route53_health_check: p("route53.health_check"),
            route53_health_check_option: p("route53.health_check_option"),
            ga_hour: p("ga.hour"),
            ga_dt_premium_gb: p("ga.dt_premium_gb"),
            transfer_internet_gb: p("transfer.internet_gb"),
            transfer_internet_gb_est: is_est("transfer.internet_gb"),
            transfer_us_east_2_gb: p("transfer.us_east_2_gb"),
            transfer_inter_region_gb: p("transfer.inter_region_gb"),
        }
    }

    /// USD a GB between two regions, and whether the rate is estimated
    /// (only transfer out of us-east-1 is in the table).
    pub fn transfer(&self, from: &str, to: &str) -> (f64, bool) {
        let pair = |a: &str, b: &str| (from == a && to == b) || (from == b && to == a);
        if pair("us-east-1", "us-east-2") {
            (self.transfer_us_east_2_gb, false)
        } else {
            (self.transfer_inter_region_gb, from != PRICE_REGION)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Rates;
    use crate::core::catalog::prices::price;

    #[test]
    fn every_rate_is_a_row_of_the_table() {
        // A misspelt id would read 0 silently: every rate must be a real row.
        let r = Rates::read();
        let text = format!("{r:?}");
        assert!(
            !text.contains(": 0.0,") && !text.contains(": 0.0 }"),
            "{text}"
        );
        assert!(price("transfer.inter_region_gb").is_some());
        assert_eq!(
            r.transfer("us-east-2", "us-east-1"),
            (r.transfer_us_east_2_gb, false)
        );
        assert_eq!(
            r.transfer("eu-west-1", "us-east-1"),
            (r.transfer_inter_region_gb, true)
        );
        assert_eq!(
            r.transfer("us-east-1", "eu-west-1"),
            (r.transfer_inter_region_gb, false)
        );
    }
}
