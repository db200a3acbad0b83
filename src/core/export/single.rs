//! The single-root layout for small and teaching designs: one root, one
//! state, one provider alias per region, every region's modules called with
//! that region's provider, and the global resources beside them.

use super::files;
use super::hcl::{ex, print, s, HclError, B};
use super::region::{main_blocks, state_label};
use super::{file, global, ExportError, ExportFile};
use crate::core::model::{Design, HttpProtocol, StateSplit, VpcNode};
use hcl::Expression;

/// The files of the single root (at the top of the export).
pub fn single_root(design: &Design) -> Result<Vec<ExportFile>, ExportError> {
    let mut providers = vec![files::provider_block(
        design,
        design
            .primary()
            .map(|p| p.code.as_str())
            .unwrap_or("us-east-1"),
        None,
    )];
    let mut main = super::iam::blocks(design)?;
    for r in &design.regions {
        providers.push(files::provider_block(
            design,
            &r.code,
            Some(&state_label(&r.code)),
        ));
        main.extend(main_blocks(design, r, ".", true)?);
    }
    // A global table's replica in a region the design lacks gets its key
    // from that region's provider (see `dynamodb`), which the loop above
    // did not declare.
    let replica_regions: std::collections::BTreeSet<String> = design
        .regions
        .iter()
        .flat_map(super::dynamodb::replica_regions)
        .filter(|code| design.regions.iter().all(|r| r.code != *code))
        .collect();
    for code in &replica_regions {
        providers.push(files::provider_block(
            design,
            code,
            Some(&state_label(code)),
        ));
    }
    main.extend(global::blocks(design, &look, true)?);
    let mut out = files::modules();
    out.extend(files::bootstrap(design, false)?);
    out.push(file("versions.tf", files::versions(false)?));
    out.push(file("providers.tf", print(providers)?));
    out.push(file("backend.tf", files::backend_block()?));
    out.push(file("main.tf", print(main)?));
    out.push(files::backend(design, "all")?);
    let outputs = super::global_outputs::outputs(design)?;
    if !outputs.is_empty() {
        out.push(file("outputs.tf", print(outputs)?));
    }
    let https = design
        .regions
        .iter()
        .flat_map(|r| r.vpcs.iter().flat_map(|v| &v.nodes))
        .any(|n| matches!(n, VpcNode::Alb(a) if a.listener.protocol == HttpProtocol::Https));
    if https {
        let var = B::new("variable", &["certificate_arn"])
            .a(
                "description",
                s("ARNs of the ACM certificates the HTTPS listeners present, by region code."),
            )
            .a(
                "type",
                super::hcl::call("map", vec![super::hcl::var("string")?]),
            );
        out.push(file("variables.tf", print(vec![var])?));
    }
    out.push(file("README.md", readme(design)));
    Ok(out)
}

/// `kind["id"].field` (a region output path) as the module output it is.
fn look(_code: &str, path: &str) -> Result<Expression, HclError> {
    let (kind, rest) = path
        .split_once("[\"")
        .ok_or_else(|| HclError(format!("internal: bad path {path}")))?;
    let (id, field) = rest
        .split_once("\"].")
        .ok_or_else(|| HclError(format!("internal: bad path {path}")))?;
    let prefix = match kind {
        "albs" => "alb",
        "vpcs" => "vpc",
        "buckets" => "s3",
        other => return Err(HclError(format!("internal: no module for {other}"))),
    };
    ex(&format!("module.{prefix}_{id}.{field}"))
}

/// The README: what the layout is, the commands, and (as in the per-region
/// layout) every checkov check the Terraform skips, with the reason.
fn readme(design: &Design) -> String {
    let mut r = format!(
        "# {} ({}): Terraform exported by Topoform (single root)\n\n\
         One root and one state for every region, with a provider alias per region. \
         Good for small and teaching designs; the per-region layout is safer for production.\n\n\
         ```sh\nterraform -chdir=bootstrap init\nterraform -chdir=bootstrap apply\n\
         terraform init -backend-config=backends/all.hcl\nterraform apply\n```\n",
        design.name, design.environment
    );
    r.push_str(&super::artifacts::opt_in_note(design));
    if design.state.split == StateSplit::RegionLayer {
        r.push_str("\nThe design asks for layered state (`state.split = \"region_layer\"`: per region a platform and a workloads root). That choice belongs to the per-region layout (`topoform export` without `--layout single-root`); this single root keeps every layer of every region in its one state, as it keeps every region.\n");
    }
    r.push_str("\n## Checkov skips\n\nThese checks are skipped with the reason written on the resource:\n\n");
    for (id, why) in super::artifacts::CHECKOV_SKIPS {
        r.push_str(&format!("- `{id}`: {why}\n"));
    }
    r
}
