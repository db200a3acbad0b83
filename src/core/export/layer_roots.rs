//! The files of the layered layout's roots (`state.split = "region_layer"`):
//! each region's `platform` and `workloads` directories, cut by `layers`,
//! and the global root's reads of them (each value from the layer whose
//! root outputs it).

use super::hcl::{ex, print, record, s, HclError, B};
use super::layers::{split, state_key, Layer, Split};
use super::region::state_label;
use super::{file, files, region, ExportError, ExportFile};
use crate::core::model::{Design, HttpProtocol, Region, VpcNode};
use crate::core::names;
use hcl::Expression;
use std::collections::{BTreeMap, BTreeSet};

/// The layers of a region's outputs, by output name: where the global root
/// reads each (`albs` from the workloads, `vpcs` and `buckets` from the platform).
fn output_layers(design: &Design, region: &Region) -> Result<BTreeMap<String, Layer>, HclError> {
    let cut = cut(design, region)?;
    let mut out = BTreeMap::new();
    for (l, outs) in &cut.outputs {
        for o in outs {
            if let Some(name) = o.labels().first() {
                out.insert(name.clone(), *l);
            }
        }
    }
    Ok(out)
}

fn cut(design: &Design, region: &Region) -> Result<Split, HclError> {
    split(
        design,
        region,
        region::main_blocks(design, region, "../../..", false)?,
        region::outputs(region)?,
    )
}

/// The files of `regions/<code>/<layer>/`.
pub fn root(design: &Design, code: &str, layer: Layer) -> Result<Vec<ExportFile>, ExportError> {
    let region = design
        .regions
        .iter()
        .find(|r| r.code == code)
        .ok_or_else(|| ExportError::Unsupported(format!("no region {code}")))?;
    let dir = format!("regions/{code}/{}", layer.name());
    let mut cut = cut(design, region)?;
    let providers = match layer {
        Layer::Platform => region::providers(design, region)?,
        Layer::Workloads => files::provider(design, code, None)?,
    };
    let mut out = vec![
        file(&format!("{dir}/versions.tf"), files::versions(false)?),
        file(&format!("{dir}/providers.tf"), providers),
        file(&format!("{dir}/backend.tf"), files::backend_block()?),
    ];
    let https = region
        .vpcs
        .iter()
        .flat_map(|v| &v.nodes)
        .any(|n| matches!(n, VpcNode::Alb(a) if a.listener.protocol == HttpProtocol::Https));
    if https && layer == Layer::Workloads {
        out.push(file(
            &format!("{dir}/variables.tf"),
            print(vec![region::certificate_variable_in(code, &dir)?])?,
        ));
        out.push(file(
            &format!("{dir}/terraform.auto.tfvars"),
            region::certificate_tfvars(code)?,
        ));
    }
    let main = cut.main.remove(&layer).unwrap_or_default();
    out.push(file(&format!("{dir}/main.tf"), print(main)?));
    let outputs = cut.outputs.remove(&layer).unwrap_or_default();
    if !outputs.is_empty() {
        out.push(file(&format!("{dir}/outputs.tf"), print(outputs)?));
    }
    Ok(out)
}

/// `main.tf` when each region has a platform and a workloads root: each
/// value is read from the layer whose root outputs it (`albs` from the
/// workloads, `vpcs` and `buckets` from the platform), and only the layers
/// read are declared.
pub fn global_main(design: &Design) -> Result<Vec<B>, ExportError> {
    let mut layers = BTreeMap::new();
    for r in &design.regions {
        layers.insert(r.code.clone(), output_layers(design, r)?);
    }
    let read = std::cell::RefCell::new(BTreeSet::new());
    let look = |code: &str, path: &str| -> Result<Expression, HclError> {
        let output = path.split(['[', '.']).next().unwrap_or(path);
        let layer = layers
            .get(code)
            .and_then(|m| m.get(output))
            .copied()
            .ok_or_else(|| HclError(format!("internal: no layer of {code} outputs {output}")))?;
        read.borrow_mut().insert((code.to_string(), layer));
        ex(&format!(
            "data.terraform_remote_state.{}_{}.outputs.{path}",
            state_label(code),
            layer.name()
        ))
    };
    let body = super::global::blocks(design, &look, false)?;
    let mut main = Vec::new();
    for r in &design.regions {
        for layer in Layer::ALL {
            if !read.borrow().contains(&(r.code.clone(), layer)) {
                continue;
            }
            let config = record([
                ("bucket", s(&names::region_state_bucket(design, &r.code))),
                ("key", s(&state_key(design, &r.code, layer))),
                ("region", s(&r.code)),
            ]);
            main.push(
                B::new(
                    "data",
                    &[
                        "terraform_remote_state",
                        &format!("{}_{}", state_label(&r.code), layer.name()),
                    ],
                )
                .a("backend", s("s3"))
                .a("config", config),
            );
        }
    }
    main.extend(body);
    Ok(main)
}
