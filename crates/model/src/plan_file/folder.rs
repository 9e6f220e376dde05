//! A folder of plan files, as a National Representative collects them from the cities: one file
//! to take for each plan (a city and period), the newer of several by its own revision and date.

use std::path::PathBuf;

use super::read::{self, CheckedPlan, ParseResult};
use super::PlanFile;
use crate::framework::Reference;
use crate::says;
use crate::validation::{FieldError, Rule};

/// Where a file of a folder stands among the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Standing {
    /// Another file of the folder is of the same plan: taking one is a choice between them.
    pub choice: bool,
    /// The file to take for its plan: the only importable one, or, of several, the one with the
    /// higher revision and then the later `written_at`. None of several is preferred when their
    /// own revision and date cannot tell (files of version 1, the same moment).
    pub preferred: bool,
}

/// The plan a file is of, as files name it: its city and period (`VNM/da nang/2018-2025`). Two
/// files of one city and period are two versions of one plan; of two periods, two plans.
pub fn plan_key(file: &PlanFile) -> String {
    format!(
        "{}/{}/{}",
        file.city.member_state,
        file.city.name.trim().to_lowercase(),
        file.plan.period
    )
}

/// The standing of each file, given for each its plan key (empty when it cannot be read), whether
/// it can be taken, and the file.
pub fn standings(files: &[(String, bool, Option<&PlanFile>)]) -> Vec<Standing> {
    let mut out = vec![Standing::default(); files.len()];
    for key in files.iter().map(|f| &f.0).filter(|k| !k.is_empty()) {
        let group: Vec<usize> = (0..files.len()).filter(|i| files[*i].0 == *key).collect();
        let importable: Vec<usize> = group.iter().copied().filter(|i| files[*i].1).collect();
        for i in &group {
            out[*i].choice = group.len() > 1;
        }
        let rank = |i: usize| {
            let file = files[i].2?;
            file.revision.zip(written(file))
        };
        let preferred = match importable.as_slice() {
            [only] => Some(*only),
            several => {
                let ranks: Option<Vec<_>> = several.iter().map(|i| rank(*i)).collect();
                ranks.and_then(|ranks| {
                    let best = ranks.iter().max()?;
                    let mut at = several.iter().zip(&ranks).filter(|(_, r)| *r == best);
                    match (at.next(), at.next()) {
                        (Some((i, _)), None) => Some(*i),
                        _ => None,
                    }
                })
            }
        };
        if let Some(i) = preferred {
            out[i].preferred = true;
        }
    }
    out
}

fn written(file: &PlanFile) -> Option<jiff::Timestamp> {
    let text = file.written_at.as_deref()?;
    jiff::Timestamp::strptime("%Y-%m-%dT%H:%M:%S%:z", text).ok()
}

/// A file taken from a folder: where it was, the file, and the plan it checked out as.
pub struct Taken {
    pub path: PathBuf,
    pub file: PlanFile,
    pub checked: CheckedPlan,
}

/// A file left out because another file of the folder is a newer plan of its city and period.
pub struct Skipped {
    pub path: PathBuf,
    pub city: String,
}

/// The plans of a folder's files to take, one per city and period, in file-name order, and the
/// older files left out; or every problem, named with its file: a file that cannot be read or breaks a rule, and a city whose files'
/// own revision and date do not tell which is newer. All or nothing, like an import.
pub fn take(
    files: Vec<(PathBuf, ParseResult)>,
    reference: &Reference,
) -> Result<(Vec<Taken>, Vec<Skipped>), Vec<FieldError>> {
    let checked: Vec<_> = files
        .iter()
        .map(|(_, parsed)| {
            parsed
                .as_ref()
                .map_err(Clone::clone)
                .and_then(|f| read::check(f, reference))
        })
        .collect();
    let keys: Vec<_> = files
        .iter()
        .zip(&checked)
        .map(|((_, parsed), checked)| {
            let key = parsed.as_ref().map_or(String::new(), plan_key);
            (key, checked.is_ok(), parsed.as_ref().ok())
        })
        .collect();
    let standings = standings(&keys);
    let mut problems = Vec::new();
    for (i, ((path, parsed), checked)) in files.iter().zip(&checked).enumerate() {
        let path = path.display();
        if let Err(errors) = checked {
            problems.extend(errors.iter().map(|e| FieldError {
                field: format!("{path}: {}", e.field),
                ..e.clone()
            }));
        }
        let undecided = standings[i].choice
            && !(0..files.len()).any(|j| keys[j].0 == keys[i].0 && standings[j].preferred);
        if let (true, Ok(file)) = (undecided, parsed) {
            problems.push(FieldError::new(
                path.to_string(),
                Rule::Duplicate,
                says!(
                    "severalPlansInFolder",
                    "is one of several plans of {city} in the folder, and their own revision \
                     and date do not tell which is newer; keep one in the folder",
                    city = file.city.name
                ),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (mut taken, mut skipped) = (Vec::new(), Vec::new());
    for (((path, parsed), checked), standing) in files.into_iter().zip(checked).zip(standings) {
        // No problems: every file parsed and checked.
        let (Ok(file), Ok(checked)) = (parsed, checked) else {
            continue;
        };
        if standing.preferred {
            taken.push(Taken {
                path,
                file,
                checked,
            });
        } else {
            skipped.push(Skipped {
                path,
                city: file.city.name,
            });
        }
    }
    Ok((taken, skipped))
}
