//! The automatic placement of every shape, plus saved positions on top.
//!
//! Placement measures bottom-up (a VPC's size follows from its AZ columns,
//! tier rows and workload lane) and then emits top-down, so a parent's size
//! always holds its children and siblings are laid on a grid with gaps:
//! no overlap by construction, which the tests check anyway.

use super::aspect::{column_sizes, columns_width, region_columns, VpcGrid, LANE_ROWS};
use super::{rect, Rect, RectExt};
use crate::core::model::{Design, NodeKind, Region, RegionNode, Tier, Vpc, VpcNode};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// The id of the frame holding the global objects (DNS records,
/// accelerators). `@` can never appear in a design id, so it cannot clash.
pub const GLOBAL_ID: &str = "@global";

// Sizes in canvas units (CSS pixels at zoom 1), chosen for 12–16 px labels.
pub(super) const GAP: f64 = 12.0;
const SUBNET_W: f64 = 150.0;
const SUBNET_H: f64 = 44.0;
const NODE_W: f64 = 200.0;
const NODE_H: f64 = 48.0;
const AZ_PAD: f64 = 8.0;
const AZ_HEADER: f64 = 24.0;
const LANE_GAP: f64 = 20.0;
const VPC_PAD: f64 = 14.0;
const VPC_HEADER: f64 = 36.0;
const VPC_MIN_W: f64 = 260.0;
const REGION_PAD: f64 = 16.0;
const REGION_HEADER: f64 = 60.0;
const REGION_MIN_W: f64 = 300.0;
pub(super) const REGION_GAP: f64 = 96.0;
pub(super) const ROW_GAP: f64 = 72.0;
const GLOBAL_HEADER: f64 = 36.0;
const GLOBAL_GAP: f64 = 90.0;
/// The global band's narrowest width.
const GLOBAL_MIN_W: f64 = 380.0;

/// What a shape on the canvas stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShapeKind {
    /// The band holding DNS records and accelerators ([`GLOBAL_ID`]).
    Global,
    /// A region frame.
    Region,
    /// A VPC inside its region.
    Vpc,
    /// An availability-zone column inside a VPC; its id is `vpc@az-id`.
    Az,
    /// A subnet, coloured by its tier.
    Subnet(Tier),
    /// A workload or regional service.
    Node(NodeKind),
    /// A Route 53 record in the global band.
    Record,
    /// A Global Accelerator in the global band.
    Accelerator,
}

impl ShapeKind {
    /// The value of the shape's `data-kind` attribute and CSS class suffix.
    pub fn as_str(self) -> &'static str {
        match self {
            ShapeKind::Global => "global",
            ShapeKind::Region => "region",
            ShapeKind::Vpc => "vpc",
            ShapeKind::Az => "az",
            ShapeKind::Subnet(_) => "subnet",
            ShapeKind::Node(k) => k.as_str(),
            ShapeKind::Record => "record",
            ShapeKind::Accelerator => "accelerator",
        }
    }
}

/// One rectangle on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    /// The design id of the object (or a synthetic id with `@`).
    pub id: String,
    /// What it stands for.
    pub kind: ShapeKind,
    /// Where it is, in canvas units.
    pub rect: Rect,
    /// The index of the containing shape in [`Layout::shapes`].
    pub parent: Option<usize>,
}

/// Every shape of a design, parents before children (the paint order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// The shapes, parents first.
    pub shapes: Vec<Shape>,
    /// The smallest rectangle holding every shape.
    pub bounds: Rect,
    /// Each shape's position by id (FxHash: looked up per link and per
    /// routing sample, thousands of times an edit on large designs).
    by_id: FxHashMap<String, usize>,
}

impl Layout {
    /// The shape of the object with this id.
    pub fn get(&self, id: &str) -> Option<&Shape> {
        self.by_id.get(id).and_then(|&i| self.shapes.get(i))
    }

    /// The position of the shape with this id in [`Layout::shapes`].
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// True when no two shapes share an id, so [`Layout::index_of`] finds
    /// every shape at its own place (the id map keeps a repeated id's first
    /// shape, so it is shorter than the shapes exactly when one repeats).
    pub fn ids_unique(&self) -> bool {
        self.by_id.len() == self.shapes.len()
    }

    /// The indices of the shapes whose parent is `parent` (`None`: top level).
    pub fn children(&self, parent: Option<usize>) -> impl Iterator<Item = usize> + '_ {
        self.shapes
            .iter()
            .enumerate()
            .filter(move |(_, s)| s.parent == parent)
            .map(|(i, _)| i)
    }

    fn push(&mut self, id: &str, kind: ShapeKind, rect: Rect, parent: Option<usize>) -> usize {
        let i = self.shapes.len();
        self.by_id.entry(id.to_string()).or_insert(i);
        self.shapes.push(Shape {
            id: id.to_string(),
            kind,
            rect,
            parent,
        });
        i
    }
}

/// Lays out the whole design: automatic placement, then saved positions.
pub fn layout(design: &Design) -> Layout {
    let mut out = Layout::default();
    let global_items = global_items(design);
    let plans: Vec<RegionPlan> = design
        .regions
        .iter()
        .map(|r| RegionPlan::measure(r, region_services(design, r)))
        .collect();

    // Columns of regions, each as wide as its widest region.
    let sizes = column_sizes(&plans, region_columns(&plans));
    let regions_w = columns_width(&sizes);

    let n = global_items.len() as f64;
    let global_w = (n * NODE_W + (n - 1.0) * GAP + 2.0 * REGION_PAD).max(GLOBAL_MIN_W);
    let global_h = GLOBAL_HEADER + NODE_H + REGION_PAD;
    // The global band sits centred above the regions, so its lines fan out
    // downwards to every region. (Putting it in a free slot of the last row
    // was tried: shorter, but the lines tangled.)
    let mut y = 0.0;
    if !global_items.is_empty() {
        let x = ((regions_w - global_w) / 2.0).max(0.0);
        emit_global(&mut out, &global_items, rect(x, 0.0, global_w, global_h));
        y = global_h + GLOBAL_GAP;
    }

    let mut xs = Vec::with_capacity(sizes.len());
    let mut x = 0.0;
    for (w, _) in &sizes {
        xs.push(x);
        x += w + REGION_GAP;
    }
    let mut ys = vec![y; sizes.len()];
    for (i, (region, plan)) in design.regions.iter().zip(&plans).enumerate() {
        let col = i % sizes.len();
        // Odd columns put their workload lane on the left, so the lanes of
        // neighbouring regions face each other and the links between their
        // databases run through the gap, not across subnets.
        plan.emit(&mut out, region, xs[col], ys[col], col % 2 == 1);
        ys[col] += plan.h + ROW_GAP;
    }

    apply_saved(&mut out, design);
    out.bounds = out
        .shapes
        .iter()
        .map(|s| s.rect)
        .reduce(|a, b| a.union(&b))
        .unwrap_or_default();
    out
}

/// True when [`layout`] gives `a` and `b` the same layout because it reads
/// the same from both: the order and ids of regions, VPCs, subnets and
/// nodes, region codes, subnets' AZs and tiers, nodes' kinds and subnets,
/// DynamoDB tables' replica regions, the ids of DNS records and
/// accelerators, and the saved positions. Names, CIDRs and settings are
/// not read: a CIDR typed, a rename or a setting changed (most of the
/// inspector's edits) keep the layout, and the editor does not make it
/// again for them (`ui::doc::Doc::shapes`). Compared in place, nothing
/// made. Keep in step with `layout`: `tests/validate_props.rs` holds the
/// two together on random edit sequences.
pub fn same_layout_inputs(a: &Design, b: &Design) -> bool {
    fn same<T>(a: &[T], b: &[T], f: impl Fn(&T, &T) -> bool) -> bool {
        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| f(x, y))
    }
    fn records(d: &Design) -> &[crate::core::model::Record] {
        d.dns.as_ref().map(|z| z.records.as_slice()).unwrap_or(&[])
    }
    a.canvas == b.canvas
        && same(records(a), records(b), |x, y| x.id == y.id)
        && same(&a.accelerators, &b.accelerators, |x, y| x.id == y.id)
        && same(&a.regions, &b.regions, |x, y| {
            x.id == y.id
                && x.code == y.code
                && same(&x.nodes, &y.nodes, |m, n| {
                    m.id() == n.id()
                        && m.kind() == n.kind()
                        && match (m, n) {
                            (RegionNode::Dynamodb(s), RegionNode::Dynamodb(t)) => {
                                s.replicas == t.replicas
                            }
                            _ => true,
                        }
                })
                && same(&x.vpcs, &y.vpcs, |v, w| {
                    v.id == w.id
                        && same(&v.subnets, &w.subnets, |s, t| {
                            s.id == t.id && s.az == t.az && s.tier == t.tier
                        })
                        && same(&v.nodes, &w.nodes, |m, n| {
                            m.id() == n.id() && m.kind() == n.kind() && m.subnets() == n.subnets()
                        })
                })
        })
}

/// The global band at `frame`, its items centred in a row.
fn emit_global(out: &mut Layout, items: &[(String, ShapeKind)], frame: Rect) {
    let g = out.push(GLOBAL_ID, ShapeKind::Global, frame, None);
    let n = items.len() as f64;
    let mut ix = frame.x + (frame.w - (n * NODE_W + (n - 1.0) * GAP)) / 2.0;
    for (id, kind) in items {
        out.push(
            id,
            *kind,
            rect(ix, frame.y + GLOBAL_HEADER, NODE_W, NODE_H),
            Some(g),
        );
        ix += NODE_W + GAP;
    }
}

/// The id of the shape standing for the replica of DynamoDB table `table`
/// in region `region` (both design ids; `@` keeps it apart from them).
pub fn replica_id(table: &str, region: &str) -> String {
    format!("{table}@{region}")
}

/// The services drawn in a region: its own nodes, then the replicas of
/// other regions' DynamoDB global tables that live here.
fn region_services(design: &Design, region: &Region) -> Vec<(String, NodeKind)> {
    let own = region.nodes.iter().map(|n| (n.id().to_string(), n.kind()));
    let replicas = design
        .regions
        .iter()
        .filter(|other| other.id != region.id)
        .flat_map(|other| &other.nodes)
        .filter_map(|n| match n {
            RegionNode::Dynamodb(t) if t.replicas.contains(&region.code) => {
                Some((replica_id(&t.id, &region.id), NodeKind::Dynamodb))
            }
            _ => None,
        });
    own.chain(replicas).collect()
}

/// DNS records, then accelerators: the objects of the global band.
fn global_items(design: &Design) -> Vec<(String, ShapeKind)> {
    let records = design
        .dns
        .iter()
        .flat_map(|d| &d.records)
        .map(|r| (r.id.clone(), ShapeKind::Record));
    let accels = design
        .accelerators
        .iter()
        .map(|a| (a.id.clone(), ShapeKind::Accelerator));
    records.chain(accels).collect()
}

/// Saved positions win; children without one move with their parent.
///
/// Only the position of a saved rectangle is honoured: sizes always come
/// from the automatic measure, so a frame moved once still grows when the
/// user adds a VPC or a subnet to it. A saved child is kept inside its
/// parent (clamped), so the containment the canvas promises holds even when
/// the parent has since shrunk or moved.
fn apply_saved(out: &mut Layout, design: &Design) {
    let mut deltas: Vec<(f64, f64)> = Vec::with_capacity(out.shapes.len());
    for i in 0..out.shapes.len() {
        let shape = &out.shapes[i];
        let parent = shape
            .parent
            .and_then(|p| out.shapes.get(p).map(|s| (p, s.rect)));
        let inherited = parent
            .and_then(|(p, _)| deltas.get(p).copied())
            .unwrap_or((0.0, 0.0));
        let auto = shape.rect;
        let rect = match design.canvas.get(&shape.id).filter(|r| r.is_usable()) {
            Some(saved) => {
                let placed = Rect {
                    x: saved.x,
                    y: saved.y,
                    ..auto
                };
                parent.map_or(placed, |(_, outer)| clamp_inside(placed, outer))
            }
            None => auto.translated(inherited.0, inherited.1),
        };
        out.shapes[i].rect = rect;
        deltas.push((rect.x - auto.x, rect.y - auto.y));
    }
}

/// `inner` moved (not resized) as little as possible to lie inside `outer`;
/// along an axis where it is larger than `outer`, it keeps `outer`'s edge.
fn clamp_inside(inner: Rect, outer: Rect) -> Rect {
    let axis = |pos: f64, len: f64, start: f64, room: f64| {
        if len >= room {
            start
        } else {
            pos.clamp(start, start + room - len)
        }
    };
    Rect {
        x: axis(inner.x, inner.w, outer.x, outer.w),
        y: axis(inner.y, inner.h, outer.y, outer.h),
        ..inner
    }
}

/// The tier whose row a workload sits beside: the tier of the first of its
/// subnets found in the VPC, else the usual tier for its kind.
fn node_tier(vpc: &Vpc, node: &VpcNode) -> Tier {
    let by_subnet = node
        .subnets()
        .iter()
        .find_map(|id| vpc.subnets.iter().find(|s| &s.id == id).map(|s| s.tier));
    by_subnet.unwrap_or(match node.kind() {
        NodeKind::Alb => Tier::Public,
        NodeKind::Asg | NodeKind::Ecs => Tier::Private,
        _ => Tier::Data,
    })
}

/// Height of `n` items of height `h` stacked with gaps.
fn stack(n: usize, h: f64) -> f64 {
    if n == 0 {
        0.0
    } else {
        n as f64 * h + (n as f64 - 1.0) * GAP
    }
}

/// One tier's row across a VPC's AZ columns and its workload lane.
struct TierRow {
    tier: Tier,
    /// Height of the row: its tallest cell or lane stack.
    h: f64,
    /// Subnet indices per AZ id.
    cells: BTreeMap<String, Vec<usize>>,
    /// Node indices in the lane beside the row.
    lane: Vec<usize>,
}

/// The measured grid of one VPC.
pub(super) struct VpcPlan {
    azs: Vec<String>,
    /// The tier rows, top to bottom.
    rows: Vec<TierRow>,
    has_lane: bool,
    /// Columns the workload lane wraps into (1 for most designs).
    lane_cols: usize,
    pub(super) w: f64,
    pub(super) h: f64,
}

/// The width of `cols` lane columns side by side.
fn lanes_w(cols: usize) -> f64 {
    cols as f64 * NODE_W + (cols as f64 - 1.0) * GAP
}

impl VpcPlan {
    fn measure(vpc: &Vpc) -> VpcPlan {
        let azs: Vec<String> = vpc
            .subnets
            .iter()
            .map(|s| s.az.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let node_tiers: Vec<Tier> = vpc.nodes.iter().map(|n| node_tier(vpc, n)).collect();
        let tiers: BTreeSet<Tier> = vpc
            .subnets
            .iter()
            .map(|s| s.tier)
            .chain(node_tiers.iter().copied())
            .collect();
        // Enough lane columns that no tier's lane is more than LANE_ROWS tall.
        let lane_cols = tiers
            .iter()
            .map(|t| {
                node_tiers
                    .iter()
                    .filter(|n| *n == t)
                    .count()
                    .div_ceil(LANE_ROWS)
            })
            .max()
            .unwrap_or(1)
            .max(1);
        let rows: Vec<_> = tiers
            .into_iter()
            .map(|tier| {
                let mut cells: BTreeMap<String, Vec<usize>> = BTreeMap::new();
                for (i, s) in vpc
                    .subnets
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.tier == tier)
                {
                    cells.entry(s.az.clone()).or_default().push(i);
                }
                let lane: Vec<usize> = (0..vpc.nodes.len())
                    .filter(|&i| node_tiers[i] == tier)
                    .collect();
                let tallest_cell = cells
                    .values()
                    .map(|c| stack(c.len(), SUBNET_H))
                    .fold(0.0, f64::max);
                let h = tallest_cell
                    .max(stack(lane.len().div_ceil(lane_cols), NODE_H))
                    .max(SUBNET_H);
                TierRow {
                    tier,
                    h,
                    cells,
                    lane,
                }
            })
            .collect();
        let has_lane = !vpc.nodes.is_empty();
        let cols = azs.len() as f64;
        let col_w = SUBNET_W + 2.0 * AZ_PAD;
        let grid_w = if azs.is_empty() {
            0.0
        } else {
            cols * col_w + (cols - 1.0) * GAP
        };
        let lane_w = if has_lane {
            lanes_w(lane_cols) + if azs.is_empty() { 0.0 } else { LANE_GAP }
        } else {
            0.0
        };
        let rows_h: f64 =
            rows.iter().map(|r| r.h).sum::<f64>() + GAP * (rows.len().max(1) as f64 - 1.0);
        let body_h = if rows.is_empty() {
            SUBNET_H
        } else {
            AZ_HEADER + rows_h + AZ_PAD
        };
        let w = (grid_w + lane_w + 2.0 * VPC_PAD).max(VPC_MIN_W);
        let h = VPC_HEADER + body_h + VPC_PAD;
        VpcPlan {
            azs,
            rows,
            has_lane,
            lane_cols,
            w,
            h,
        }
    }

    fn emit(&self, out: &mut Layout, vpc: &Vpc, x: f64, y: f64, lane_left: bool, parent: usize) {
        let me = out.push(
            &vpc.id,
            ShapeKind::Vpc,
            rect(x, y, self.w, self.h),
            Some(parent),
        );
        let col_w = SUBNET_W + 2.0 * AZ_PAD;
        let lane_w = if self.has_lane {
            lanes_w(self.lane_cols) + LANE_GAP
        } else {
            0.0
        };
        let grid_x = x
            + VPC_PAD
            + if lane_left && !self.azs.is_empty() {
                lane_w
            } else {
                0.0
            };
        let lane_x = if lane_left || self.azs.is_empty() {
            x + VPC_PAD
        } else {
            grid_x + self.azs.len() as f64 * (col_w + GAP) - GAP + LANE_GAP
        };
        let top = y + VPC_HEADER;
        let col_h = self.h - VPC_HEADER - VPC_PAD;
        for (c, az) in self.azs.iter().enumerate() {
            let cx = grid_x + c as f64 * (col_w + GAP);
            let col = out.push(
                &format!("{}@{az}", vpc.id),
                ShapeKind::Az,
                rect(cx, top, col_w, col_h),
                Some(me),
            );
            let mut ry = top + AZ_HEADER;
            for row in &self.rows {
                for (k, &si) in row.cells.get(az).into_iter().flatten().enumerate() {
                    let sy = ry + k as f64 * (SUBNET_H + GAP);
                    let id = &vpc.subnets[si].id;
                    out.push(
                        id,
                        ShapeKind::Subnet(row.tier),
                        rect(cx + AZ_PAD, sy, SUBNET_W, SUBNET_H),
                        Some(col),
                    );
                }
                ry += row.h + GAP;
            }
        }
        let mut ry = top + if self.azs.is_empty() { 0.0 } else { AZ_HEADER };
        for row in &self.rows {
            for (k, &ni) in row.lane.iter().enumerate() {
                let node = &vpc.nodes[ni];
                let (lr, lc) = (k / self.lane_cols, k % self.lane_cols);
                let ny = ry + lr as f64 * (NODE_H + GAP);
                let nx = lane_x + lc as f64 * (NODE_W + GAP);
                out.push(
                    node.id(),
                    ShapeKind::Node(node.kind()),
                    rect(nx, ny, NODE_W, NODE_H),
                    Some(me),
                );
            }
            ry += row.h + GAP;
        }
    }
}

/// The measured contents of one region.
pub(super) struct RegionPlan {
    vpcs: Vec<VpcPlan>,
    /// Where each VPC sits among the others.
    grid: VpcGrid,
    /// Regional services (own nodes and foreign table replicas).
    services: Vec<(String, NodeKind)>,
    /// Regional services per row (wrapped to the region's inner width).
    per_row: usize,
    pub(super) w: f64,
    pub(super) h: f64,
}

impl RegionPlan {
    fn measure(region: &Region, services: Vec<(String, NodeKind)>) -> RegionPlan {
        let vpcs: Vec<VpcPlan> = region.vpcs.iter().map(VpcPlan::measure).collect();
        let grid = VpcGrid::new(&vpcs);
        let inner_w = grid.w().max(REGION_MIN_W - 2.0 * REGION_PAD);
        let per_row = (((inner_w + GAP) / (NODE_W + GAP)).floor() as usize).max(1);
        let vpcs_h: f64 = grid.row_h.iter().map(|h| h + GAP).sum();
        let n = services.len();
        let service_rows = n.div_ceil(per_row);
        let services_h = stack(service_rows, NODE_H) + if n > 0 { GAP } else { 0.0 };
        let h = REGION_HEADER + vpcs_h + services_h + REGION_PAD;
        RegionPlan {
            vpcs,
            grid,
            services,
            per_row,
            w: inner_w + 2.0 * REGION_PAD,
            h,
        }
    }

    fn emit(&self, out: &mut Layout, region: &Region, x: f64, y: f64, lane_left: bool) {
        let me = out.push(
            &region.id,
            ShapeKind::Region,
            rect(x, y, self.w, self.h),
            None,
        );
        let top = y + REGION_HEADER;
        for (i, (plan, vpc)) in self.vpcs.iter().zip(&region.vpcs).enumerate() {
            let (dx, dy) = self.grid.offset(i);
            plan.emit(out, vpc, x + REGION_PAD + dx, top + dy, lane_left, me);
        }
        let vy = top + self.grid.row_h.iter().map(|h| h + GAP).sum::<f64>();
        for (i, (id, kind)) in self.services.iter().enumerate() {
            let (row, col) = (i / self.per_row, i % self.per_row);
            let nx = x + REGION_PAD + col as f64 * (NODE_W + GAP);
            let ny = vy + GAP + row as f64 * (NODE_H + GAP);
            out.push(
                id,
                ShapeKind::Node(*kind),
                rect(nx, ny, NODE_W, NODE_H),
                Some(me),
            );
        }
    }
}
