//! A unified line diff, written by hand: Myers' O(ND) algorithm over lines,
//! with the common head and tail trimmed first. A crate (`similar`) would do
//! more (word diffs, patience) but adds to the wasm bundle for output that
//! here is only read by a person; exports differ in a few lines at a time,
//! where O(ND) is fast.

/// One line of an edit script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Del,
    Add,
}

/// Past this many differing lines (D) the diff gives up on a minimal script
/// and reports the middle as removed then added: still correct, only longer.
const MAX_D: usize = 4000;

/// Lines of context around each hunk, as `diff -u`.
const CONTEXT: usize = 3;

/// The edit script from `a` to `b`: one op per line of the output.
fn script(a: &[&str], b: &[&str]) -> Vec<Op> {
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let (am, bm) = (&a[head..a.len() - tail], &b[head..b.len() - tail]);
    let mut ops = vec![Op::Same; head];
    ops.extend(myers(am, bm));
    ops.extend(std::iter::repeat_n(Op::Same, tail));
    ops
}

/// Myers' greedy forward search, keeping each round's frontier to trace back.
fn myers(a: &[&str], b: &[&str]) -> Vec<Op> {
    let (n, m) = (a.len() as isize, b.len() as isize);
    let max = (a.len() + b.len()).min(MAX_D) as isize;
    let off = max + 1;
    let mut v = vec![0isize; 2 * off as usize + 1];
    let mut trace: Vec<Vec<isize>> = Vec::new();
    for d in 0..=max {
        trace.push(v.clone());
        let mut k = -d;
        while k <= d {
            let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
            let mut x = if down {
                v[(off + k + 1) as usize]
            } else {
                v[(off + k - 1) as usize] + 1
            };
            let mut y = x - k;
            while x < n && y < m && a[x as usize] == b[y as usize] {
                x += 1;
                y += 1;
            }
            v[(off + k) as usize] = x;
            if x >= n && y >= m {
                return backtrack(&trace, off, n, m);
            }
            k += 2;
        }
    }
    // Too different for a minimal script: all out, all in.
    let mut ops = vec![Op::Del; a.len()];
    ops.extend(std::iter::repeat_n(Op::Add, b.len()));
    ops
}

fn backtrack(trace: &[Vec<isize>], off: isize, n: isize, m: isize) -> Vec<Op> {
    let (mut x, mut y) = (n, m);
    let mut ops = Vec::new();
    for (d, v) in trace.iter().enumerate().rev() {
        let d = d as isize;
        let k = x - y;
        let down = k == -d || (k != d && v[(off + k - 1) as usize] < v[(off + k + 1) as usize]);
        let pk = if down { k + 1 } else { k - 1 };
        let px = v[(off + pk) as usize];
        let py = px - pk;
        while x > px && y > py {
            ops.push(Op::Same);
            x -= 1;
            y -= 1;
        }
        if d > 0 {
            ops.push(if down { Op::Add } else { Op::Del });
        }
        x = px;
        y = py;
    }
    ops.reverse();
    ops
}

/// `old` and `new` as a unified diff (`--- a/path`, `+++ b/path`, hunks with
/// three lines of context); empty when they are equal. A missing side is
/// `/dev/null`.
pub fn unified(path: &str, old: Option<&str>, new: Option<&str>) -> String {
    if old == new {
        return String::new();
    }
    let a: Vec<&str> = old.map_or_else(Vec::new, |t| t.lines().collect());
    let b: Vec<&str> = new.map_or_else(Vec::new, |t| t.lines().collect());
    let ops = script(&a, &b);
    let mut out = format!(
        "--- {}\n+++ {}\n",
        old.map_or("/dev/null".to_string(), |_| format!("a/{path}")),
        new.map_or("/dev/null".to_string(), |_| format!("b/{path}"))
    );
    // Position of each op in a and b.
    let mut pos = Vec::with_capacity(ops.len());
    let (mut i, mut j) = (0usize, 0usize);
    for op in &ops {
        pos.push((i, j));
        match op {
            Op::Same => {
                i += 1;
                j += 1;
            }
            Op::Del => i += 1,
            Op::Add => j += 1,
        }
    }
    let changed: Vec<usize> = (0..ops.len()).filter(|&k| ops[k] != Op::Same).collect();
    let mut k = 0;
    while k < changed.len() {
        let start = changed[k].saturating_sub(CONTEXT);
        let mut end = changed[k];
        while k < changed.len() && changed[k] <= end + 2 * CONTEXT {
            end = changed[k];
            k += 1;
        }
        let end = (end + CONTEXT + 1).min(ops.len());
        let (ai, bj) = pos[start];
        let alen = ops[start..end].iter().filter(|o| **o != Op::Add).count();
        let blen = ops[start..end].iter().filter(|o| **o != Op::Del).count();
        out += &format!(
            "@@ -{},{alen} +{},{blen} @@\n",
            if alen == 0 { ai } else { ai + 1 },
            if blen == 0 { bj } else { bj + 1 }
        );
        for (op, &(x, y)) in ops[start..end].iter().zip(&pos[start..end]) {
            match op {
                Op::Same => out += &format!(" {}\n", a[x]),
                Op::Del => out += &format!("-{}\n", a[x]),
                Op::Add => out += &format!("+{}\n", b[y]),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Applies a unified diff's lines back to `old` (hunks in order).
    fn patch(old: &str, diff: &str) -> String {
        let a: Vec<&str> = old.lines().collect();
        let mut out = Vec::new();
        let mut i = 0;
        for line in diff.lines().skip(2) {
            if let Some(h) = line.strip_prefix("@@ -") {
                let start: usize = h.split(',').next().unwrap().parse().unwrap();
                let start = start.saturating_sub(1).max(i);
                out.extend_from_slice(&a[i..start]);
                i = start;
            } else if let Some(l) = line.strip_prefix('+') {
                out.push(l);
            } else if line.starts_with('-') {
                i += 1;
            } else if let Some(l) = line.strip_prefix(' ') {
                out.push(l);
                i += 1;
            }
        }
        out.extend_from_slice(&a[i..]);
        out.join("\n")
    }

    #[test]
    fn a_diff_applied_to_the_old_text_gives_the_new() {
        let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm";
        for new in [
            "a\nb\nX\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm",
            "b\nc\nd\ne\nf\ng\nh\ni\nj\nk\nY\nl\nm\nZ",
            "a\nc\nd\ne\nf\nQ\nR\ng\nh\nj\nk\nl\nm",
            "",
            "z",
        ] {
            let d = unified("f", Some(old), Some(new));
            assert_eq!(patch(old, &d), new, "{d}");
        }
    }

    #[test]
    fn hunks_carry_context_and_counts() {
        let d = unified(
            "x.tf",
            Some("1\n2\n3\n4\n5\n6\n7\n8\n9"),
            Some("1\n2\n3\n4\nfive\n6\n7\n8\n9"),
        );
        assert_eq!(
            d,
            "--- a/x.tf\n+++ b/x.tf\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n"
        );
        assert_eq!(unified("x", Some("same"), Some("same")), "");
        assert!(unified("n", None, Some("new"))
            .starts_with("--- /dev/null\n+++ b/n\n@@ -0,0 +1,1 @@\n+new"));
    }
}
