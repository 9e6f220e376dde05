//! `update-manifest --version 0.2.0 --base-url https://…/v0.2.0 --out dist INSTALLER…`: signs
//! each installer with the release key (`TAURI_SIGNING_PRIVATE_KEY`, the key or a path to it, and
//! `TAURI_SIGNING_PRIVATE_KEY_PASSWORD`) and writes `latest.json` into `--out`. Copy that folder
//! to a shared drive or a USB stick and it is an update source too.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// The release's version, as in tauri.conf.json
    #[arg(long)]
    version: String,
    /// Where the installers will be downloaded from (the release's page of assets)
    #[arg(long)]
    base_url: String,
    /// What the release brings, shown in the app's offer
    #[arg(long, default_value = "")]
    notes: String,
    /// The folder to write latest.json into
    #[arg(long)]
    out: PathBuf,
    installers: Vec<PathBuf>,
}

fn main() -> ExitCode {
    match run(Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("update-manifest: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Args) -> Result<(), String> {
    let key = std::env::var("TAURI_SIGNING_PRIVATE_KEY")
        .map_err(|_| "TAURI_SIGNING_PRIVATE_KEY is not set: nothing to sign with".to_string())?;
    let key = match std::fs::read_to_string(&key) {
        Ok(text) => text,
        Err(_) => key,
    };
    let password = std::env::var("TAURI_SIGNING_PRIVATE_KEY_PASSWORD").ok();
    let key = update_manifest::read_secret_key(&key, password)
        .map_err(|e| format!("the signing key cannot be read: {e}"))?;
    // One moment for every signature and the manifest's date.
    let now = jiff::Timestamp::now();
    let mut installers = Vec::new();
    for path in &args.installers {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| format!("{} is not a file", path.display()))?;
        if update_manifest::platforms(&file_name).is_empty() {
            return Err(format!("{file_name} is not an installer the updater knows"));
        }
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let signature = update_manifest::sign(
            &key,
            &file_name,
            &args.version,
            &bytes,
            now.as_second().unsigned_abs(),
        )
        .map_err(|e| format!("{file_name} could not be signed: {e}"))?;
        let url = format!(
            "{}/{}",
            args.base_url.trim_end_matches('/'),
            file_name.replace(' ', "%20")
        );
        installers.push(update_manifest::Installer {
            file_name,
            url,
            signature,
        });
    }
    let pub_date = now.to_string();
    let manifest = update_manifest::manifest(&args.version, &args.notes, &pub_date, &installers);
    std::fs::create_dir_all(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let path = args.out.join("latest.json");
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("Wrote {} ({} installers)", path.display(), installers.len());
    Ok(())
}
