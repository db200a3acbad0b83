//! Keeping large designs about the shape of a screen (issue 13): a long
//! workload lane wraps into columns, a region with many VPCs lays them out in
//! a grid, and a design with more than four regions stacks them in as many
//! columns as brings the whole closest to 16:10. Designs of a few regions
//! and VPCs (the templates) keep the look they always had: one VPC column,
//! two region columns, one lane column.

use super::place::{RegionPlan, VpcPlan, GAP, REGION_GAP, ROW_GAP};

/// Workloads a lane stacks in one column before it opens another beside
/// it: a VPC with dozens of services stays about as tall as its subnets
/// instead of becoming a column thousands of units high.
pub(super) const LANE_ROWS: usize = 6;
/// A region with more VPCs than this lays them out in columns.
const VPCS_PER_COLUMN: usize = 2;
/// The shape a large design is laid out towards (width / height): a
/// screen's, so Fit shows something legible.
const TARGET_ASPECT: f64 = 16.0 / 10.0;
const REGION_COLUMNS: usize = 2;

/// Each column's width and height when region `i` goes to column
/// `i % cols`, stacked top-down.
pub(super) fn column_sizes(plans: &[RegionPlan], cols: usize) -> Vec<(f64, f64)> {
    let cols = cols.max(1);
    let mut out = vec![(0.0f64, -ROW_GAP); cols.min(plans.len())];
    for (i, p) in plans.iter().enumerate() {
        let c = &mut out[i % cols];
        c.0 = c.0.max(p.w);
        c.1 += p.h + ROW_GAP;
    }
    out
}

/// The width of columns of these sizes side by side, with the gaps.
pub(super) fn columns_width(sizes: &[(f64, f64)]) -> f64 {
    sizes.iter().map(|c| c.0).sum::<f64>() + REGION_GAP * (sizes.len() as f64 - 1.0)
}

/// How many columns the regions stack in (region `i` in column
/// `i % cols`, under the region a column count before it): two (the
/// templates' look, with the primary and its DR side by side) unless the
/// design has more than four, then whichever count brings the whole
/// closest to [`TARGET_ASPECT`]. A region that grows taller moves only the
/// regions under it in its column (rows of regions moved every row below).
pub(super) fn region_columns(plans: &[RegionPlan]) -> usize {
    if plans.len() <= 4 {
        return REGION_COLUMNS;
    }
    let misfit = |cols: usize| {
        let sizes = column_sizes(plans, cols);
        let h = sizes.iter().map(|c| c.1).fold(0.0, f64::max);
        ((columns_width(&sizes) / h) / TARGET_ASPECT).ln().abs()
    };
    (REGION_COLUMNS..=plans.len())
        .min_by(|&a, &b| misfit(a).total_cmp(&misfit(b)))
        .unwrap_or(REGION_COLUMNS)
}

/// A region's VPCs in a grid: one column (the usual one or two VPCs), or
/// about as many columns as rows when a region holds many, so the region
/// does not become a tower.
pub(super) struct VpcGrid {
    cols: usize,
    /// Each column's width: its widest VPC.
    col_w: Vec<f64>,
    /// Each row's height: its tallest VPC.
    pub(super) row_h: Vec<f64>,
}

impl VpcGrid {
    pub(super) fn new(vpcs: &[VpcPlan]) -> VpcGrid {
        let n = vpcs.len();
        let cols = if n <= VPCS_PER_COLUMN {
            1
        } else {
            (n as f64).sqrt().ceil() as usize
        };
        let mut col_w = vec![0.0f64; cols];
        let mut row_h = vec![0.0f64; n.div_ceil(cols)];
        for (i, v) in vpcs.iter().enumerate() {
            col_w[i % cols] = col_w[i % cols].max(v.w);
            row_h[i / cols] = row_h[i / cols].max(v.h);
        }
        VpcGrid { cols, col_w, row_h }
    }

    /// The width of all columns with the gaps between them.
    pub(super) fn w(&self) -> f64 {
        self.col_w.iter().sum::<f64>() + GAP * (self.cols as f64 - 1.0).max(0.0)
    }

    /// The top-left of VPC `i` relative to the grid's top-left.
    pub(super) fn offset(&self, i: usize) -> (f64, f64) {
        let (r, c) = (i / self.cols, i % self.cols);
        let dx = self.col_w[..c].iter().map(|w| w + GAP).sum();
        let dy = self.row_h[..r].iter().map(|h| h + GAP).sum();
        (dx, dy)
    }
}
