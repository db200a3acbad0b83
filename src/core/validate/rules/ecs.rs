//! ECS on Fargate: where the tasks run, how big they are, what they pull
//! and what sends them traffic. Topoform's own ids: the catalog has no ECS
//! rows.

use super::image_ref;
use super::util::azs;
use crate::core::model::{
    fargate_size_ok, Ecs, NatMode, Region, Tier, Vpc, VpcNode, FARGATE_SIZES,
};
use crate::core::validate::{rule, Ctx, Family::Containers, Report, Rule, Severity::*};

/// The ECS family.
pub const RULES: &[Rule] = &[
    rule("ECS-01", Error, Containers, "A service's tasks run in private subnets of its own VPC.",
        "The export gives tasks no public IP (no task is reachable from the internet); in a public subnet such a task can neither pull its image nor be reached, and a subnet of another VPC fails at apply.",
        "Pick private or data subnets of the service's VPC.", ecs_01),
    rule("ECS-02", Warning, Containers, "A service should run in at least two AZs.",
        "ECS spreads tasks across the service's subnets' AZs; with one AZ, losing it stops the service.",
        "Give the service a private subnet in a second AZ.", ecs_02),
    rule("ECS-03", Error, Containers, "CPU and memory must be a task size Fargate runs.",
        "Fargate accepts only fixed CPU values (256 to 16384 units) and, for each, a range of memory sizes (ECS Developer Guide, Task CPU and memory). Any other pair fails RegisterTaskDefinition at apply.",
        "Pick a CPU value and one of the memory sizes it allows (the message lists them).", ecs_03),
    rule("ECS-04", Error, Containers, "Task counts must satisfy min <= desired <= max, with max at least 1.",
        "Application Auto Scaling refuses a minimum above the maximum, and ECS would keep the desired count outside the range the scaling target enforces.",
        "Set min, desired and max so that min <= desired <= max and max >= 1.", ecs_04),
    rule("ECS-05", Error, Containers, "A service's load balancer must be in the service's own VPC.",
        "Tasks register by IP in a target group of the load balancer's VPC; a target group cannot hold addresses of another VPC here.",
        "Point the service at a load balancer in its own VPC.", ecs_05),
    rule("ECS-06", Error, Containers, "The image must be a valid container image reference.",
        "ECS passes the image to the container runtime as written; a malformed reference fails every task launch after the apply has passed.",
        "Write registry/repository:tag or repository@sha256:digest, e.g. public.ecr.aws/nginx/nginx:1.27.", ecs_06),
    rule("ECS-07", Warning, Containers, "An image should be pinned by a tag other than latest, or by digest.",
        "A mutable tag lets the DR region start a different build than the primary runs: tasks started after a failover pull whatever the tag points to that day.",
        "Use an immutable version tag or a digest (@sha256:...).", ecs_07),
    rule("ECS-08", Error, Containers, "Tasks in private subnets need a NAT gateway to pull their image.",
        "The export gives tasks no public IP and creates no VPC endpoints, so the image, the log delivery and the secrets are reached through the VPC's NAT gateway; with NAT none, or no public subnet for the gateway, no task ever starts.",
        "Set the VPC's NAT to single or per AZ, and give it a public subnet.", ecs_08),
    rule("ECS-09", Warning, Containers, "A service should pull from a registry in its own region.",
        "An image in another region's ECR cannot be pulled while that region is down, so after a failover the DR region cannot start a single new task; the registry is a dependency on the region the design is protecting against.",
        "Replicate the repository (ECR cross-region replication) and point each region's service at its own region's registry.", ecs_09),
    rule("ECS-11", Error, Containers, "A service behind a load balancer needs a valid target group name (project-environment-name).",
        "The export gives each such service an ip target group named like the service: at most 32 letters, digits and hyphens, not starting or ending with '-' (CreateTargetGroup).",
        "Shorten or rename the service (the project and environment count too).", ecs_11),
    rule("ECS-10", Error, Containers, "The container port must be between 1 and 65535.",
        "Port 0 is not a port a container can listen on; RegisterTaskDefinition refuses it.",
        "Set the port the container listens on.", ecs_10),
];

fn services<'a>(ctx: &'a Ctx<'a>) -> impl Iterator<Item = (&'a Region, &'a Vpc, &'a Ecs)> {
    ctx.design.regions.iter().flat_map(|r| {
        r.vpcs.iter().flat_map(move |v| {
            v.nodes.iter().filter_map(move |n| match n {
                VpcNode::Ecs(e) => Some((r, v, e)),
                _ => None,
            })
        })
    })
}

fn label(ctx: &Ctx<'_>, e: &Ecs) -> String {
    format!("ECS service {}", ctx.name_of(&e.id))
}

fn ecs_01(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, v, e) in services(ctx) {
        if e.subnets.is_empty() {
            out.emit(
                &[&e.id],
                format!("{} has no subnets to run its tasks in.", label(ctx, e)),
            );
        }
        for id in &e.subnets {
            let Some((_, sv, s)) = ctx.index.subnet(id) else {
                continue;
            };
            if sv.id != v.id {
                out.emit(
                    &[&e.id, &s.id],
                    format!(
                        "{} uses subnet {} of another VPC ({}).",
                        label(ctx, e),
                        ctx.name_of(&s.id),
                        ctx.name_of(&sv.id)
                    ),
                );
            } else if s.tier == Tier::Public {
                out.emit(&[&e.id, &s.id], format!("{} runs tasks in public subnet {}; tasks get no public IP, so use a private subnet.", label(ctx, e), ctx.name_of(&s.id)));
            }
        }
    }
}

fn ecs_02(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, e) in services(ctx) {
        if azs(&ctx.index, &e.subnets).len() == 1 {
            out.emit(&[&e.id], format!("{} runs in one AZ only.", label(ctx, e)));
        }
    }
}

fn ecs_03(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, e) in services(ctx) {
        if fargate_size_ok(e.cpu, e.memory_mb) {
            continue;
        }
        let msg = match FARGATE_SIZES.iter().find(|(c, _)| *c == e.cpu) {
            Some((_, mems)) => format!(
                "{} has {} CPU units with {} MiB; with {} units Fargate allows {} to {} MiB ({} sizes).",
                label(ctx, e),
                e.cpu,
                e.memory_mb,
                e.cpu,
                mems[0],
                mems[mems.len() - 1],
                mems.len()
            ),
            None => format!(
                "{} has {} CPU units; Fargate allows {}.",
                label(ctx, e),
                e.cpu,
                FARGATE_SIZES.iter().map(|(c, _)| c.to_string()).collect::<Vec<_>>().join(", ")
            ),
        };
        out.emit(&[&e.id], msg);
    }
}

fn ecs_04(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, e) in services(ctx) {
        if !(e.min <= e.desired && e.desired <= e.max) || e.max == 0 {
            out.emit(
                &[&e.id],
                format!("{} has min {}, desired {}, max {}; it needs min <= desired <= max and max >= 1.", label(ctx, e), e.min, e.desired, e.max),
            );
        }
    }
}

fn ecs_05(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, v, e) in services(ctx) {
        let Some(t) = &e.target else { continue };
        if let Some((_, tv, _)) = ctx.index.vpc_node(t) {
            if tv.id != v.id {
                out.emit(
                    &[&e.id, t],
                    format!(
                        "{} is behind load balancer {} in another VPC ({}).",
                        label(ctx, e),
                        ctx.name_of(t),
                        ctx.name_of(&tv.id)
                    ),
                );
            }
        }
    }
}

fn ecs_06(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, e) in services(ctx) {
        if let Err(why) = image_ref::parse(&e.image) {
            out.emit(
                &[&e.id],
                format!(
                    "{}: its image \"{}\" {why}.",
                    label(ctx, e),
                    crate::core::text::short(&e.image)
                ),
            );
        }
    }
}

fn ecs_07(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, e) in services(ctx) {
        let Ok(r) = image_ref::parse(&e.image) else {
            continue;
        };
        if r.digest.is_none() && matches!(r.tag, None | Some("latest")) {
            out.emit(
                &[&e.id],
                format!(
                    "{}: its image \"{}\" follows a moving tag ({}).",
                    label(ctx, e),
                    crate::core::text::short(&e.image),
                    r.tag.unwrap_or("no tag means latest")
                ),
            );
        }
    }
}

fn ecs_08(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, v, e) in services(ctx) {
        if v.nat == NatMode::None {
            out.emit(&[&e.id, &v.id], format!("{} runs in VPC {}, which has no NAT gateway: its tasks cannot pull their image.", label(ctx, e), ctx.name_of(&v.id)));
        } else if !v.subnets.iter().any(|s| s.tier == Tier::Public) {
            // A NAT gateway lives in a public subnet: without one the export
            // creates none, whatever `nat` says.
            out.emit(&[&e.id, &v.id], format!("{} runs in VPC {}, which has no public subnet to hold its NAT gateway, so the export creates none: its tasks cannot pull their image.", label(ctx, e), ctx.name_of(&v.id)));
        }
    }
}

fn ecs_09(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (r, _, e) in services(ctx) {
        let Ok(img) = image_ref::parse(&e.image) else {
            continue;
        };
        if let Some(from) = img.ecr_region() {
            if from != r.code {
                // The label names the region already when the service's
                // name repeats in another region: say it once.
                let who = label(ctx, e);
                let here = format!(" in {}", r.code);
                let at = if who.ends_with(&here) {
                    ""
                } else {
                    here.as_str()
                };
                out.emit(&[&e.id], format!("{who}{at} pulls its image from ECR in {from}; while {from} is down it cannot start tasks."));
            }
        }
    }
}

fn ecs_10(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, e) in services(ctx) {
        if e.port == 0 {
            out.emit(&[&e.id], format!("{} listens on port 0.", label(ctx, e)));
        }
    }
}

fn ecs_11(ctx: &Ctx<'_>, out: &mut Report<'_>) {
    for (_, _, e) in services(ctx) {
        if e.target.is_none() {
            continue;
        }
        let name = crate::core::names::ecs_service(ctx.design, &e.name);
        if let Some(p) = super::names_check::target_group_name_problem(&name) {
            out.emit(
                &[&e.id],
                format!(
                    "{}: its target group name \"{}\" {p}.",
                    label(ctx, e),
                    crate::core::text::short(&name)
                ),
            );
        }
    }
}
