//! What several integration tests build the same way.
#![allow(dead_code)] // each test binary uses part of what is here

use ascn_model::{NewCity, ProjectDraft, ProjectStatus};

/// The period of the first action plans, whose years the tests' projects mostly run in.
pub const FIRST_PERIOD: &str = "2018-2025";

/// A planned Built-infrastructure transport project over `start..=end`, with nothing else.
pub fn draft(title: &str, start: i32, end: i32) -> ProjectDraft {
    ProjectDraft {
        description_local: Default::default(),
        title_local: Default::default(),
        code: String::new(),
        title: title.into(),
        description: String::new(),
        primary_focus_area: "BI".into(),
        secondary_focus_areas: vec![],
        sectors: vec!["transport".into()],
        outcomes: vec!["QL".into()],
        sdgs: vec![11],
        start_year: Some(start),
        end_year: Some(end),
        status: ProjectStatus::Planned,
        lead_agency: "Department of Transport".into(),
        bankable: false,
        partners: vec![],
        funding: vec![],
        kpis: vec![],
        locations: vec![],
        progress: vec![],
    }
}

/// Dili, capital of Timor-Leste (ASEAN's 11th member state), a member of the network from
/// `member_since` if given.
pub fn dili(member_since: Option<i32>) -> NewCity {
    NewCity {
        name: "Dili".into(),
        member_state: "TLS".into(),
        population: None,
        latitude: Some(-8.5569),
        longitude: Some(125.5603),
        officer: None,
        member_since,
    }
}

/// A project known by its title and focus area only, as drafting starts.
pub fn bare(title: &str, focus_area: &str) -> ProjectDraft {
    ProjectDraft::known_by(title, focus_area, ProjectStatus::Proposed)
}

/// `ascn-plan` on a workspace of its own, as a command-line user runs it.
pub struct Cli {
    /// A folder of its own, the workspace inside, for the files a test writes.
    pub dir: tempfile::TempDir,
    pub workspace: std::path::PathBuf,
}

impl Cli {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let workspace = dir.path().join("ws.ascn");
        Cli { dir, workspace }
    }

    /// The command, ready to run: for a test that sets more of its environment.
    pub fn command(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ascn-plan"));
        command
            .arg("--workspace")
            .arg(&self.workspace)
            .args(args)
            .env_remove("ASCN_WORKSPACE")
            // Online basemap tiles are cached per user: a test's cache is its own.
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"));
        command
    }

    pub fn run(&self, args: &[&str]) -> std::process::Output {
        self.command(args).output().expect("ascn-plan runs")
    }

    /// Runs a command that must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "ascn-plan {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must be refused; its standard error.
    pub fn refused(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "ascn-plan {args:?} was accepted");
        String::from_utf8(out.stderr).unwrap()
    }
}
