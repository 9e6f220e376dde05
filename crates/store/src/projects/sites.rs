//! Sites from a GIS file added to the plan's projects by their codes: all or nothing, one edit
//! to undo.

use std::collections::BTreeMap;

use ascn_model::geometry::sites::SiteShape;
use ascn_model::validation::{self, FieldError, Rule};
use ascn_model::{PlanId, ProjectDraft, ProjectId};

use super::{plan_projects_in, update_project};
use crate::error::{Error, Result};
use crate::history::{self, Change};
use crate::Workspace;

impl Workspace {
    /// Adds each site to the live project of `plan` whose code it names, in one transaction:
    /// a code no project has, or a project the new sites would break, refuses the whole file
    /// (every problem named by feature) and nothing is written. Returns, per project changed,
    /// its code and how many sites it received.
    pub fn add_sites(
        &mut self,
        plan: PlanId,
        sites: &[SiteShape],
        source: &str,
    ) -> Result<Vec<(String, usize)>> {
        let tx = self.conn.unchecked_transaction()?;
        let rules = self.project_rules(plan)?;
        let cx = rules.context();
        let projects = plan_projects_in(&tx, plan)?;
        let mut changed: BTreeMap<ProjectId, (ProjectDraft, ProjectDraft, usize)> = BTreeMap::new();
        let mut errors = Vec::new();
        for site in sites {
            let Some(project) = projects.iter().find(|p| p.draft.code == site.code) else {
                errors.push(FieldError::new(
                    format!("features[{}]", site.feature - 1),
                    Rule::Unknown,
                    ascn_model::geometry::layer::in_feature(
                        site.feature,
                        "",
                        ascn_model::says!(
                            "noProjectWithCode",
                            "no project of this plan has the code '{code}'",
                            code = site.code
                        ),
                    ),
                ));
                continue;
            };
            let entry = changed
                .entry(project.id)
                .or_insert_with(|| (project.draft.clone(), project.draft.clone(), 0));
            entry.1.locations.push(site.location.clone());
            entry.2 += 1;
        }
        for (before, after, _) in changed.values() {
            if let Err(problems) = validation::project(after, &cx) {
                errors.extend(problems.into_iter().map(|p| FieldError {
                    message: format!("{}: {}", before.code, p.message),
                    ..p
                }));
            }
        }
        if !errors.is_empty() {
            return Err(Error::invalid(errors));
        }
        for (id, (_, after, _)) in &changed {
            update_project(&tx, *id, after)?;
        }
        let edits: Vec<_> = changed.iter().map(|(id, (b, a, _))| (*id, b, a)).collect();
        let count: usize = changed.values().map(|c| c.2).sum();
        history::record(&tx, plan, Change::sites_added(&edits, count, source))?;
        crate::plans::touch(&tx, plan)?;
        tx.commit()?;
        tracing::info!(%plan, count, "sites added");
        Ok(changed.into_values().map(|(b, _, n)| (b.code, n)).collect())
    }
}
