//! The release side of the in-app updater: each installer signed with minisign (the format the
//! Tauri updater verifies), its version in the signed comment so an old installer cannot be
//! passed off as a new version, and the static manifest (`latest.json`) naming them by platform.
//! A folder holding the manifest beside the installers is an update source as good as a URL.

use std::io::Cursor;

use base64::Engine;
use minisign::{KeyPair, SecretKeyBox};

pub use minisign::{PError, SecretKey};

fn base64(text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(text)
}

/// A secret key as `tauri signer generate` writes it (minisign's key box, in base64), or the
/// box itself; `password` opens an encrypted one.
pub fn read_secret_key(text: &str, password: Option<String>) -> Result<SecretKey, PError> {
    let text = text.trim();
    let boxed = base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| text.to_string());
    SecretKeyBox::from_string(&boxed)?.into_secret_key(password)
}

/// A new key pair, unencrypted: the public key as the updater's `pubkey` setting takes it, and
/// the secret key. For tests; a release key comes from `tauri signer generate`, with a password.
pub fn test_key_pair() -> Result<(String, SecretKey), PError> {
    let KeyPair { pk, sk } = KeyPair::generate_unencrypted_keypair()?;
    Ok((base64(&pk.to_box()?.into_string()), sk))
}

/// The signature of an installer, as the manifest's `signature` takes it.
pub fn sign(
    key: &SecretKey,
    file_name: &str,
    version: &str,
    installer: &[u8],
    timestamp: u64,
) -> Result<String, PError> {
    let trusted = format!("timestamp:{timestamp}\tfile:{file_name}\tversion:{version}");
    let signature = minisign::sign(
        None,
        key,
        Cursor::new(installer),
        Some(&trusted),
        Some("signature from the ASCN Action Planner release key"),
    )?;
    Ok(base64(&signature.into_string()))
}

/// The updater's platform keys an installer serves, by its file name (as `tauri build` names
/// them): `{os}-{arch}-{installer}` first, and `{os}-{arch}` for the platform's usual one.
pub fn platforms(file_name: &str) -> Vec<String> {
    let arch = if file_name.contains("aarch64") || file_name.contains("arm64") {
        "aarch64"
    } else {
        "x86_64"
    };
    let kinds: &[(&str, &str, &str, bool)] = &[
        (".deb", "linux", "deb", true),
        (".rpm", "linux", "rpm", false),
        (".AppImage", "linux", "appimage", false),
        ("-setup.exe", "windows", "nsis", true),
        (".msi", "windows", "msi", false),
        (".app.tar.gz", "darwin", "app", true),
    ];
    kinds
        .iter()
        .find(|(suffix, ..)| file_name.ends_with(suffix))
        .map(|(_, os, kind, usual)| {
            let mut keys = vec![format!("{os}-{arch}-{kind}")];
            if *usual {
                keys.push(format!("{os}-{arch}"));
            }
            keys
        })
        .unwrap_or_default()
}

/// One installer of the release: its file name, address and signature.
pub struct Installer {
    pub file_name: String,
    pub url: String,
    pub signature: String,
}

/// The static manifest of a release.
pub fn manifest(
    version: &str,
    notes: &str,
    pub_date: &str,
    installers: &[Installer],
) -> serde_json::Value {
    let mut platforms = serde_json::Map::new();
    for installer in installers {
        for key in self::platforms(&installer.file_name) {
            platforms.insert(
                key,
                serde_json::json!({ "url": installer.url, "signature": installer.signature }),
            );
        }
    }
    serde_json::json!({
        "version": version,
        "notes": notes,
        "pub_date": pub_date,
        "platforms": platforms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installers_are_named_for_the_platforms_they_serve() {
        assert_eq!(
            platforms("ASCN Action Planner_0.2.0_amd64.deb"),
            ["linux-x86_64-deb", "linux-x86_64"]
        );
        assert_eq!(
            platforms("ASCN Action Planner-0.2.0-1.x86_64.rpm"),
            ["linux-x86_64-rpm"]
        );
        assert_eq!(
            platforms("ASCN Action Planner_0.2.0_x64-setup.exe"),
            ["windows-x86_64-nsis", "windows-x86_64"]
        );
        assert_eq!(
            platforms("ASCN Action Planner_aarch64.app.tar.gz"),
            ["darwin-aarch64-app", "darwin-aarch64"]
        );
        assert!(platforms("notes.txt").is_empty());
    }
}
