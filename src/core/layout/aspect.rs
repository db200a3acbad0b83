//! Keeping large designs about the shape of a screen (issue 13): a long
//! workload lane wraps into columns, a region with many VPCs lays them out in
//! a grid, and a design with many regions puts as many side by side as
//! brings the whole closest to 16:10. Designs of a few regions and VPCs (the
//! templates) keep the look they always had: one VPC column, two regions a
//! row, one lane column.

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
const REGIONS_PER_ROW: usize = 2;

/// Each row's width and height when `per_row` regions sit side by side.
pub(super) fn row_sizes(plans: &[RegionPlan], per_row: usize) -> Vec<(f64, f64)> {
    plans
        .chunks(per_row.max(1))
        .map(|row| {
            let w = row.iter().map(|p| p.w).sum::<f64>() + REGION_GAP * (row.len() as f64 - 1.0);
            let h = row.iter().map(|p| p.h).fold(0.0, f64::max);
            (w, h)
        })
        .collect()
}

/// How many regions share a row: two (the templates' look, with the
/// primary and its DR side by side) unless the design has more than four,
/// then whichever count brings the whole closest to [`TARGET_ASPECT`].
pub(super) fn regions_per_row(plans: &[RegionPlan]) -> usize {
    if plans.len() <= 4 {
        return REGIONS_PER_ROW;
    }
    let misfit = |per_row: usize| {
        let rows = row_sizes(plans, per_row);
        let w = rows.iter().map(|r| r.0).fold(0.0, f64::max);
        let h = rows.iter().map(|r| r.1).sum::<f64>() + ROW_GAP * (rows.len() as f64 - 1.0);
        ((w / h) / TARGET_ASPECT).ln().abs()
    };
    (REGIONS_PER_ROW..=plans.len())
        .min_by(|&a, &b| misfit(a).total_cmp(&misfit(b)))
        .unwrap_or(REGIONS_PER_ROW)
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
