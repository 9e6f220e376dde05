//! Updates as an office without internet gets them (a folder holding the manifest and the
//! installer) and as one with gets them (the same manifest at an address): a good update is
//! offered, a tampered installer or one signed with another key is refused, and a release that
//! is not newer is not offered. The keys are made here; the app's own key stays the release's.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;

use ascn_planner_app::updates::{self, Source};
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};

const INSTALLER: &str = "ASCN Action Planner_9.9.9_amd64.deb";

/// The app, as built, trusting `pubkey` for updates.
fn app(pubkey: &str) -> tauri::App<MockRuntime> {
    let mut context = mock_context(noop_assets());
    context.config_mut().plugins.0.insert(
        "updater".into(),
        serde_json::json!({ "pubkey": pubkey, "endpoints": [] }),
    );
    mock_builder()
        .plugin(tauri_plugin_updater::Builder::new().build())
        .build(context)
        .expect("the app builds")
}

/// A release of `version` in `folder`: the installer and latest.json, signed with `key`, its
/// address under `base_url`.
fn release(
    folder: &Path,
    key: &update_manifest::SecretKey,
    version: &str,
    installer: &[u8],
    base_url: &str,
) {
    std::fs::write(folder.join(INSTALLER), installer).unwrap();
    let signature =
        update_manifest::sign(key, INSTALLER, version, installer, 1_796_000_000).expect("signs");
    let manifest = update_manifest::manifest(
        version,
        "Imports Shapefiles.",
        "2026-11-30T10:00:00Z",
        &[update_manifest::Installer {
            file_name: INSTALLER.into(),
            url: format!("{base_url}/{}", INSTALLER.replace(' ', "%20")),
            signature,
        }],
    );
    std::fs::write(folder.join(updates::MANIFEST), manifest.to_string()).unwrap();
}

fn check(app: &tauri::App<MockRuntime>, source: &Source) -> Result<Option<String>, String> {
    tauri::async_runtime::block_on(updates::check(app.handle(), source))
        .map(|found| found.map(|(offer, _)| offer.version))
        .map_err(|e| e.message)
}

#[test]
fn an_update_in_a_folder_is_offered_only_when_signed_with_the_apps_key_and_newer() {
    let (pubkey, key) = update_manifest::test_key_pair().unwrap();
    let app = app(&pubkey);
    let dir = tempfile::tempdir().unwrap();
    let folder = Source::Folder(dir.path().to_path_buf());
    let installer = b"the 9.9.9 installer".to_vec();
    let base = "https://github.com/ascn/action-planner/releases/download/v9.9.9";

    release(dir.path(), &key, "9.9.9", &installer, base);
    assert_eq!(check(&app, &folder), Ok(Some("9.9.9".into())));

    // One byte changed on the USB stick.
    let mut tampered = installer.clone();
    tampered[4] ^= 1;
    std::fs::write(dir.path().join(INSTALLER), &tampered).unwrap();
    let refused = check(&app, &folder).unwrap_err();
    assert!(
        refused.contains("refused")
            && refused.contains("not signed with ASCN Action Planner's key"),
        "{refused}"
    );

    // A good signature, but from someone else's key.
    let (_, other) = update_manifest::test_key_pair().unwrap();
    release(dir.path(), &other, "9.9.9", &installer, base);
    assert!(check(&app, &folder).unwrap_err().contains("refused"));

    // The manifest says 9.9.9, but the installer was signed as 0.0.2: refused too.
    release(dir.path(), &key, "0.0.2", &installer, base);
    let mut manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(updates::MANIFEST)).unwrap())
            .unwrap();
    manifest["version"] = "9.9.9".into();
    std::fs::write(dir.path().join(updates::MANIFEST), manifest.to_string()).unwrap();
    assert!(check(&app, &folder).unwrap_err().contains("refused"));

    // Not newer than this app (0.1.0): nothing to offer.
    release(dir.path(), &key, "0.0.2", &installer, base);
    assert_eq!(check(&app, &folder), Ok(None));

    // An address whose file name climbs out of the folder names no installer in it.
    release(dir.path(), &key, "9.9.9", &installer, base);
    let manifest = std::fs::read_to_string(dir.path().join(updates::MANIFEST)).unwrap();
    std::fs::write(
        dir.path().join(updates::MANIFEST),
        manifest.replace(
            &format!("/{}", INSTALLER.replace(' ', "%20")),
            "/..%2F..%2Fetc%2Fpasswd",
        ),
    )
    .unwrap();
    let outside = check(&app, &folder).unwrap_err();
    assert!(outside.contains("names no installer file"), "{outside}");

    // The installer the manifest names is not there.
    release(dir.path(), &key, "9.9.9", &installer, base);
    std::fs::remove_file(dir.path().join(INSTALLER)).unwrap();
    let missing = check(&app, &folder).unwrap_err();
    assert!(missing.contains(INSTALLER), "{missing}");
}

/// Serves `folder` on loopback, one request per connection, `requests` of them.
fn serve(folder: &Path, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let folder = folder.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut request = String::new();
            BufReader::new(&stream).read_line(&mut request).unwrap();
            let path = request
                .split(' ')
                .nth(1)
                .unwrap_or("/")
                .trim_start_matches('/');
            let path = path.replace("%20", " ");
            let body = std::fs::read(folder.join(path)).unwrap_or_default();
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )
            .unwrap();
            stream.write_all(&body).unwrap();
        }
    });
    address
}

#[test]
fn an_update_at_an_address_is_downloaded_and_verified_before_it_is_offered() {
    let (pubkey, key) = update_manifest::test_key_pair().unwrap();
    let app = app(&pubkey);
    let dir = tempfile::tempdir().unwrap();
    let installer = b"the 9.9.9 installer".to_vec();

    let address = serve(dir.path(), 2);
    release(dir.path(), &key, "9.9.9", &installer, &address);
    let source = Source::parse(&format!("{address}/latest.json")).unwrap();
    assert_eq!(check(&app, &source), Ok(Some("9.9.9".into())));

    let address = serve(dir.path(), 2);
    release(dir.path(), &key, "9.9.9", &installer, &address);
    std::fs::write(dir.path().join(INSTALLER), b"the 9.9.9 installer, tampered").unwrap();
    let source = Source::parse(&format!("{address}/latest.json")).unwrap();
    assert!(check(&app, &source).unwrap_err().contains("refused"));
}

#[test]
fn a_build_without_the_update_key_checks_nothing() {
    let (_, key) = update_manifest::test_key_pair().unwrap();
    let dir = tempfile::tempdir().unwrap();
    release(
        dir.path(),
        &key,
        "9.9.9",
        b"installer",
        "https://example.org",
    );
    let refused = check(&app(""), &Source::Folder(dir.path().to_path_buf())).unwrap_err();
    assert!(
        refused.contains("without the release's update key"),
        "{refused}"
    );
}

#[test]
fn a_source_is_an_address_or_a_folder_that_exists() {
    assert!(matches!(
        Source::parse("https://example.org/latest.json"),
        Ok(Source::Url(_))
    ));
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        Source::parse(dir.path().to_str().unwrap()),
        Ok(Source::Folder(dir.path().to_path_buf()))
    );
    let missing = Source::parse("/no/such/folder").unwrap_err();
    assert!(missing.message.contains("neither"), "{}", missing.message);
}
