//! The teacher's table: every submitted design regraded against the
//! exercise, never its report (a report can be edited by hand). A file
//! that does not load is a row that says why, not a failure of the table.

use super::{grade, Exercise, Grade};
use crate::core::model;

/// One submission's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The submitted file's name.
    pub name: String,
    /// Its grade, or why the design did not load.
    pub grade: Result<Grade, String>,
}

/// Grades each `(file name, design text)` against `exercise`, sorted by
/// file name.
pub fn table(exercise: &Exercise, submissions: &[(String, String)]) -> Vec<Row> {
    let mut rows: Vec<Row> = submissions
        .iter()
        .map(|(name, text)| Row {
            name: name.clone(),
            grade: model::load(text)
                .map(|d| grade(exercise, &d))
                .map_err(|e| e.to_string()),
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

/// How many rows passed each goal, in the exercise's order.
pub fn passed_per_goal(exercise: &Exercise, rows: &[Row]) -> Vec<usize> {
    (0..exercise.goals.len())
        .map(|i| {
            rows.iter()
                .filter(|r| {
                    r.grade
                        .as_ref()
                        .is_ok_and(|g| g.goals.get(i).is_some_and(|x| x.passed))
                })
                .count()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::exercise::load;
    use crate::core::model::save;

    #[test]
    fn every_design_is_regraded_and_a_bad_file_is_a_row() {
        let ex = load(include_str!("../../../public/exercises/overlap-peer.json")).unwrap();
        let start = save(&ex.start_design());
        let solution = save(ex.solution.as_ref().unwrap());
        let rows = table(
            &ex,
            &[
                ("zoe.json".into(), start.clone()),
                ("amir.json".into(), solution),
                ("bad.json".into(), "{\"format\": \"nope\"}".into()),
            ],
        );
        let names: Vec<&str> = rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["amir.json", "bad.json", "zoe.json"]);
        assert_eq!(rows[0].grade.as_ref().unwrap().score, 100);
        assert!(rows[1].grade.is_err());
        let zoe = rows[2].grade.as_ref().unwrap();
        assert!(!zoe.passed);
        assert_eq!(zoe, &grade(&ex, &ex.start_design()));
        let per_goal = passed_per_goal(&ex, &rows);
        assert_eq!(per_goal.len(), ex.goals.len());
        for (i, n) in per_goal.iter().enumerate() {
            let want = 1 + usize::from(zoe.goals[i].passed);
            assert_eq!(*n, want, "goal {i}");
        }
    }
}
