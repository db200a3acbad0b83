//! Databases, buckets and tables in the inspector.

use super::pickers::{self, some};
use crate::core::edit::{input, ObjectMut};
use crate::core::model::*;
use crate::ui::doc::Doc;
use crate::ui::panels::fields::{opts, CheckField, NumField, OptNumField, SelectField, TextField};
use leptos::prelude::*;

/// An RDS instance: engine and version, size, subnets, backups,
/// encryption, and the database it replicates (any other RDS, or none).
pub fn rds(doc: Doc, d: &Design, vpc: &Vpc, r: &Rds) -> AnyView {
    let id = r.id.clone();
    let me = r.id.clone();
    let sources = pickers::objects(d, ObjectKind::Node(NodeKind::Rds), true, &|o| o.id() != me);
    view! {
        <TextField label="Name" field="name" value=r.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: String| x.name = v) />
        <SelectField label="Engine" field="engine" value=r.engine.as_str().into() options=opts(&["postgres", "mysql", "mariadb"])
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: String| x.engine = match v.as_str() { "mysql" => RdsEngine::Mysql, "mariadb" => RdsEngine::Mariadb, _ => RdsEngine::Postgres }) />
        <TextField label="Engine version" field="engine_version" value=r.engine_version.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: String| x.engine_version = v) />
        <TextField label="Instance class" field="instance_class" value=r.instance_class.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: String| x.instance_class = v) />
        <NumField label="Storage (GiB)" field="storage_gb" value=r.storage_gb min=20 max=65536 on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: u32| x.storage_gb = v) />
        // Empty: no storage autoscaling (RDS-14 wants it above the storage).
        <OptNumField label="Autoscale storage up to (GiB)" field="max_storage_gb" value=r.max_storage_gb min=21 max=65536
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: Option<u32>| x.max_storage_gb = v) />
        <CheckField label="Multi-AZ" field="multi_az" value=r.multi_az on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: bool| x.multi_az = v) />
        {pickers::subnets("Subnets", vpc, &r.subnets, set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: Vec<String>| x.subnets = v))}
        <NumField label="Backup days" field="backup_retention_days" value=r.backup_retention_days min=0 max=35
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: u32| x.backup_retention_days = v) />
        <CheckField label="Encrypted" field="encrypted" value=r.encrypted on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: bool| x.encrypted = v) />
        <SelectField label="Replica of" field="replica_of" value=r.replica_of.clone().unwrap_or_default() options=sources
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Rds(x)) => |v: String| x.replica_of = some(v)) />
    }
    .into_any()
}

/// An Aurora cluster: engine and version, class, instances, subnets, and
/// the global cluster it belongs to (by name; empty for none).
pub fn aurora(doc: Doc, vpc: &Vpc, c: &Aurora) -> AnyView {
    let id = c.id.clone();
    view! {
        <TextField label="Name" field="name" value=c.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.name = v) />
        <SelectField label="Engine" field="engine" value=c.engine.as_str().into() options=opts(&["aurora-postgresql", "aurora-mysql"])
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.engine = if v == "aurora-mysql" { AuroraEngine::Mysql } else { AuroraEngine::Postgresql }) />
        <TextField label="Engine version" field="engine_version" value=c.engine_version.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.engine_version = v) />
        <TextField label="Instance class" field="instance_class" value=c.instance_class.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.instance_class = v) />
        // 0 is a headless global secondary (a pilot light, AGD-02 and DES-08 judge it).
        <NumField label="Instances" field="instances" value=c.instances min=0 max=16 on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: u32| x.instances = v) />
        {pickers::subnets("Subnets", vpc, &c.subnets, set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: Vec<String>| x.subnets = v))}
        <TextField label="Global cluster" field="global" value=c.global.clone().unwrap_or_default()
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.global = some(v)) />
        // Empty: no database of its own (AGD-10 judges the name).
        <TextField label="Database name" field="database_name" value=c.database_name.clone().unwrap_or_default()
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: String| x.database_name = some(v)) />
        <NumField label="Backup days" field="backup_retention_days" value=c.backup_retention_days min=1 max=35
            on_commit=set!(doc, id, ObjectMut::VpcNode(VpcNode::Aurora(x)) => |v: u32| x.backup_retention_days = v) />
    }
    .into_any()
}

/// An S3 bucket: name, bucket name, versioning, replication target.
pub fn s3(doc: Doc, d: &Design, b: &S3) -> AnyView {
    let id = b.id.clone();
    let me = b.id.clone();
    let buckets = pickers::objects(d, ObjectKind::Node(NodeKind::S3), true, &|o| o.id() != me);
    view! {
        <TextField label="Name" field="name" value=b.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::S3(x)) => |v: String| x.name = v) />
        <TextField label="Bucket" field="bucket" value=b.bucket.clone() check=input::name on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::S3(x)) => |v: String| x.bucket = v) />
        <CheckField label="Versioning" field="versioning" value=b.versioning on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::S3(x)) => |v: bool| x.versioning = v) />
        <SelectField label="Replicate to" field="replicate_to" value=b.replicate_to.clone().unwrap_or_default() options=buckets
            on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::S3(x)) => |v: String| x.replicate_to = some(v)) />
    }
    .into_any()
}

fn key_type(v: &str) -> KeyType {
    match v {
        "N" => KeyType::N,
        "B" => KeyType::B,
        _ => KeyType::S,
    }
}

/// A DynamoDB table: name, keys, billing, and replica regions as
/// checkboxes (the design's other regions, plus any it lists already).
pub fn dynamodb(doc: Doc, d: &Design, home: &Region, t: &Dynamodb) -> AnyView {
    let id = t.id.clone();
    let mut codes: Vec<String> = d
        .regions
        .iter()
        .filter(|r| r.code != home.code)
        .map(|r| r.code.clone())
        .collect();
    for c in &t.replicas {
        if !codes.contains(c) {
            codes.push(c.clone());
        }
    }
    let replicas = t.replicas.clone();
    let rid = id.clone();
    let boxes = codes
        .into_iter()
        .map(|code| {
            let on = replicas.contains(&code);
            let label = if code == home.code { format!("{code} (the table's own region)") } else { code.clone() };
            let toggle = set!(doc, rid, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |(c, on): (String, bool)| {
                x.replicas.retain(|r| *r != c);
                if on { x.replicas.push(c) }
            });
            view! {
                <label class="check-row">
                    <input type="checkbox" checked=on aria-label=format!("Replica in {code}") on:change=move |ev| toggle.run((code.clone(), event_target_checked(&ev))) />
                    {label}
                </label>
            }
        })
        .collect_view();
    let range = t.range_key.clone();
    view! {
        <TextField label="Name" field="name" value=t.name.clone() check=input::name on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.name = v) />
        <TextField label="Partition key" field="hash_key.name" value=t.hash_key.name.clone() check=input::name
            on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.hash_key.name = v) />
        <SelectField label="Partition key type" field="hash_key.type" value=t.hash_key.kind.as_str().into() options=opts(&["S", "N", "B"])
            on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.hash_key.kind = key_type(&v)) />
        <CheckField label="Sort key" field="range_key" value=range.is_some()
            on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: bool| x.range_key = v.then(|| KeyAttr { name: "sk".into(), kind: KeyType::S })) />
        {range.map(|k| view! {
            <TextField label="Sort key name" field="range_key.name" value=k.name.clone() check=input::name
                on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| if let Some(k) = &mut x.range_key { k.name = v }) />
            <SelectField label="Sort key type" field="range_key.type" value=k.kind.as_str().into() options=opts(&["S", "N", "B"])
                on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| if let Some(k) = &mut x.range_key { k.kind = key_type(&v) }) />
        })}
        <SelectField label="Billing" field="billing" value=(if t.billing == Billing::OnDemand { "on_demand" } else { "provisioned" }).into() options=opts(&["on_demand", "provisioned"])
            on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.billing = if v == "provisioned" { Billing::Provisioned } else { Billing::OnDemand }) />
        <fieldset class="field replicas" data-field="replicas"><legend>"Replica regions"</legend>{boxes}</fieldset>
        // Empty: no Time to Live (DDB-10 judges the name).
        <TextField label="Expiry (TTL) attribute" field="ttl_attribute" value=t.ttl_attribute.clone().unwrap_or_default()
            on_commit=set!(doc, id, ObjectMut::RegionNode(RegionNode::Dynamodb(x)) => |v: String| x.ttl_attribute = some(v)) />
    }
    .into_any()
}
