//! The names AWS sees, derived from the design in one place.
//!
//! Validation judges these names (length and charset rules) and the exporter
//! writes them, so both call the functions here and can never disagree.
//! Names combine the project, the environment and the object's display name.

use super::model::Design;

/// The name of a regional resource (load balancer, target group, auto-scaling
/// group, DB instance, DynamoDB table, accelerator): `project-env-name`.
pub fn regional(design: &Design, name: &str) -> String {
    format!("{}-{}-{}", design.name, design.environment, name)
}

/// The name of a Global Accelerator: `project-env-name` with each '.' as
/// '-'. AWS accepts dots in accelerator names, but the provider (5.100.0)
/// refuses anything but letters, digits and hyphens at `terraform validate`.
pub fn accelerator(design: &Design, name: &str) -> String {
    regional(design, name).replace('.', "-")
}

/// The name of a resource whose namespace spans regions (IAM roles, Aurora
/// global-cluster members): the regional name plus the region code, so the
/// same design object in two regions never collides.
pub fn per_region(design: &Design, name: &str, region_code: &str) -> String {
    format!(
        "{}-{}-{}-{}",
        design.name, design.environment, name, region_code
    )
}

/// The IAM role an auto-scaling group's instances run as, in `region_code`.
pub fn instance_role(design: &Design, asg_name: &str, region_code: &str) -> String {
    per_region(design, asg_name, region_code)
}

/// The instance profile of an auto-scaling group in `region_code`: the role's
/// name, so a region root names it without asking IAM at plan time.
pub fn instance_profile(design: &Design, asg_name: &str, region_code: &str) -> String {
    instance_role(design, asg_name, region_code)
}

/// The IAM role the VPC flow logs of `region_code` deliver to CloudWatch Logs
/// as: one per region with VPCs, in the `iam` stack; region roots name it by ARN.
pub fn flow_log_role(design: &Design, region_code: &str) -> String {
    per_region(design, "vpc-flow-logs", region_code)
}

/// The IAM role S3 assumes to replicate bucket `bucket_node_name`.
pub fn replication_role(design: &Design, bucket_node_name: &str, region_code: &str) -> String {
    per_region(
        design,
        &format!("{bucket_node_name}-replication"),
        region_code,
    )
}

/// The ECS cluster of a region's services: one per region, unique in
/// the region (`project-env-ecs`).
pub fn ecs_cluster(design: &Design) -> String {
    regional(design, "ecs")
}

/// The service, task family and log group name of an ECS service; also the
/// name of its load balancer target group, so at most 32 characters.
pub fn ecs_service(design: &Design, service_name: &str) -> String {
    regional(design, service_name)
}

/// The role ECS pulls an ECS service's image and writes its logs as, in
/// `region_code` (IAM names are global to the account).
pub fn ecs_execution_role(design: &Design, service_name: &str, region_code: &str) -> String {
    per_region(design, &format!("{service_name}-exec"), region_code)
}

/// The role an ECS service's application runs as, in `region_code`.
pub fn ecs_task_role(design: &Design, service_name: &str, region_code: &str) -> String {
    per_region(design, &format!("{service_name}-task"), region_code)
}

/// The identifier of an Aurora global cluster named `global` in the design.
pub fn global_cluster(design: &Design, global: &str) -> String {
    regional(design, global)
}

/// The bucket that keeps the state of the region `region_code`'s root, in
/// that region, so the root initialises and plans while any other region
/// (the state region included) is down: the name `state.buckets` gives the
/// region, else `<state.bucket>-<region code>`. The one place that reads
/// `state.buckets`: backends, bootstrap, remote state and docs all ask here.
pub fn region_state_bucket(design: &Design, region_code: &str) -> String {
    match design.state.buckets.get(region_code) {
        Some(named) => named.clone(),
        None => format!("{}-{}", design.state.bucket, region_code),
    }
}

/// `alias/<base>`, with every character KMS refuses in an alias (KMS-03:
/// only `[0-9A-Za-z_/-]`) made `-`: a bucket or table name may hold `.`.
/// The S3 module does the same in HCL (`replace(var.bucket, ...)`).
pub fn kms_alias(base: &str) -> String {
    let clean: String = base
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("alias/{clean}")
}

/// The ARN of the RDS instance `identifier` in `region_code` of the account
/// `account_id` (an expression such as `data.aws_caller_identity.current.account_id`
/// interpolated by the caller): cross-region replicas name their source by it.
pub fn rds_arn_template(region_code: &str, identifier: &str) -> String {
    format!("arn:aws:rds:{region_code}:%s:db:{identifier}")
}

/// The state key of one stack: `[key_prefix/]name/environment/stack/terraform.tfstate`.
pub fn state_key(design: &Design, stack: &str) -> String {
    let base = format!(
        "{}/{}/{}/terraform.tfstate",
        design.name, design.environment, stack
    );
    match design
        .state
        .key_prefix
        .as_deref()
        .map(|p| p.trim_matches('/'))
    {
        Some(p) if !p.is_empty() => format!("{p}/{base}"),
        _ => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::templates::template;

    #[test]
    fn names_combine_project_environment_and_name() {
        let mut d = template("active-passive").unwrap().design().unwrap();
        assert_eq!(regional(&d, "web"), "shop-prod-web");
        assert_eq!(
            per_region(&d, "replication", "us-east-1"),
            "shop-prod-replication-us-east-1"
        );
        assert_eq!(
            state_key(&d, "us-east-1"),
            "shop/prod/us-east-1/terraform.tfstate"
        );
        assert_eq!(
            region_state_bucket(&d, "us-west-2"),
            format!("{}-us-west-2", d.state.bucket)
        );
        d.state
            .buckets
            .insert("us-west-2".into(), "shop-state-oregon".into());
        assert_eq!(
            region_state_bucket(&d, "us-west-2"),
            "shop-state-oregon",
            "state.buckets names it"
        );
        assert_eq!(
            region_state_bucket(&d, "us-east-1"),
            format!("{}-us-east-1", d.state.bucket),
            "others keep the default"
        );
        assert_eq!(
            instance_profile(&d, "web", "us-west-2"),
            "shop-prod-web-us-west-2"
        );
        assert_eq!(
            rds_arn_template("us-west-2", "shop-prod-db"),
            "arn:aws:rds:us-west-2:%s:db:shop-prod-db"
        );
        assert_eq!(
            ecs_execution_role(&d, "api", "us-west-2"),
            "shop-prod-api-exec-us-west-2"
        );
        assert_eq!(
            ecs_task_role(&d, "api", "us-west-2"),
            "shop-prod-api-task-us-west-2"
        );
        assert_eq!(ecs_cluster(&d), "shop-prod-ecs");
        d.state.key_prefix = Some("/teams/web/".into());
        assert_eq!(
            state_key(&d, "global"),
            "teams/web/shop/prod/global/terraform.tfstate"
        );
    }
}
