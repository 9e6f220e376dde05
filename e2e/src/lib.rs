//! A small WebDriver harness for the built app.
//!
//! [`App::launch`] makes sure there is an X display (starting Xvfb when `DISPLAY` is unset),
//! starts `tauri-driver` on free loopback ports, and opens a session that launches the app binary
//! on a given workspace file. Dropping the [`App`] ends the session (closing the app) and stops
//! the driver with SIGTERM, which also stops WebKitWebDriver.
//!
//! Element lookups poll, because screens fill in after an `invoke()` returns.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime};

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
const WAIT: Duration = Duration::from_secs(15);

/// One app at a time: two WebKit instances on two cores make timings flaky.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The repository root (the parent of `e2e/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("e2e/ sits in the repository")
        .to_path_buf()
}

/// The app binary built by `cargo build --workspace`, checked to be newer than its sources.
pub fn app_binary() -> PathBuf {
    let root = repo_root();
    let binary = root.join("target/debug/ascn-planner");
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| {
            panic!(
                "{} is missing: run `cargo build --workspace` (after `npm run build` in ui/) \
                 before the end-to-end tests",
                binary.display()
            )
        });
    for dir in ["src", "crates", "src-tauri/src", "ui/dist"] {
        if let Some((newest, path)) = newest_file(&root.join(dir)) {
            assert!(
                newest <= built,
                "{} is older than {}: run `cargo build --workspace` so the tests drive the \
                 current app",
                binary.display(),
                path.display()
            );
        }
    }
    binary
}

fn newest_file(dir: &Path) -> Option<(SystemTime, PathBuf)> {
    let mut newest: Option<(SystemTime, PathBuf)> = None;
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let candidate = if path.is_dir() {
            newest_file(&path)
        } else {
            entry.metadata().ok()?.modified().ok().map(|t| (t, path))
        };
        if let Some(c) = candidate {
            if newest.as_ref().is_none_or(|n| c.0 > n.0) {
                newest = Some(c);
            }
        }
    }
    newest
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Starts tauri-driver on two free ports and waits until it answers. A port taken between
/// choosing it and binding it (another program, or both picks alike) is a reason to try again
/// on others, not a failed test.
fn start_driver(agent: &ureq::Agent, display: &str, data_home: &Path) -> (Child, u16) {
    for _ in 0..3 {
        let port = free_port();
        let native = std::iter::repeat_with(free_port)
            .find(|n| *n != port)
            .expect("a second free port");
        let mut driver = Command::new(tauri_driver())
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native.to_string(),
            ])
            .env("DISPLAY", display)
            .env("ASCN_LOG", "warn")
            // The webview's storage (the language chosen, update settings) starts empty for
            // each test, as on a new computer, and one test's choices do not leak into the next.
            .env("XDG_DATA_HOME", data_home)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver starts (cargo install tauri-driver --locked)");
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline && matches!(driver.try_wait(), Ok(None)) {
            if agent
                .get(format!("http://127.0.0.1:{port}/status"))
                .call()
                .is_ok()
            {
                return (driver, port);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = driver.kill();
        let _ = driver.wait();
    }
    panic!("tauri-driver did not start, three times on other ports");
}

fn tauri_driver() -> PathBuf {
    let home_bin = std::env::var_os("HOME")
        .map(|h| PathBuf::from(h).join(".cargo/bin/tauri-driver"))
        .filter(|p| p.exists());
    home_bin.unwrap_or_else(|| PathBuf::from("tauri-driver"))
}

/// Stops a child with SIGTERM (its own clean-up runs), then waits for it.
fn terminate(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A running app under WebDriver.
pub struct App {
    agent: ureq::Agent,
    base: String,
    session: String,
    driver: Child,
    xvfb: Option<Child>,
    _data_home: tempfile::TempDir,
    _turn: MutexGuard<'static, ()>,
}

/// An element of the app's page.
#[derive(Clone)]
pub struct Element {
    id: String,
    selector: String,
    /// The text it was found by, if any: how it is found again after a redraw.
    text: Option<String>,
}

impl App {
    /// Launches the app on `workspace`.
    pub fn launch(workspace: &Path) -> App {
        App::launch_with(&["--workspace".into(), workspace.display().to_string()])
    }

    /// Launches the app with these arguments, as a double-click or a command line would.
    pub fn launch_with(args: &[String]) -> App {
        let turn = ONE_AT_A_TIME
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let binary = app_binary();
        let (display, xvfb) = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() => (d, None),
            _ => {
                // -displayfd: Xvfb picks a free display and writes its number once it is ready.
                let mut child = Command::new("Xvfb")
                    .args([
                        "-displayfd",
                        "1",
                        "-screen",
                        "0",
                        "1280x800x24",
                        "-nolisten",
                        "tcp",
                    ])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("Xvfb starts (apt-get install xvfb)");
                let mut line = String::new();
                let stdout = child.stdout.take().expect("Xvfb's stdout is piped");
                BufReader::new(stdout)
                    .read_line(&mut line)
                    .expect("Xvfb reports its display");
                assert!(!line.trim().is_empty(), "Xvfb did not start");
                (format!(":{}", line.trim()), Some(child))
            }
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let data_home = tempfile::tempdir().expect("a data folder for the webview");
        let (driver, port) = start_driver(&agent, &display, data_home.path());
        let base = format!("http://127.0.0.1:{port}");
        let mut app = App {
            agent,
            base,
            session: String::new(),
            driver,
            xvfb,
            _data_home: data_home,
            _turn: turn,
        };
        let capabilities = json!({"capabilities": {"alwaysMatch": {"tauri:options": {
            "application": binary,
            "args": args,
        }}}});
        let value = app.request("POST", "/session", Some(capabilities));
        app.session = value["sessionId"]
            .as_str()
            .expect("a new session has an id")
            .to_string();
        app
    }

    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        match self.try_request(method, path, body) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }

    /// [`App::request`], with the driver's refusal as an error rather than a panic.
    fn try_request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{}", self.base, path);
        let mut last_error = String::new();
        // GETs are retried: the driver's connection sometimes drops on a read.
        let tries = if method == "GET" { 3 } else { 1 };
        for _ in 0..tries {
            let response = match (method, &body) {
                ("GET", _) => self.agent.get(&url).call(),
                ("DELETE", _) => self.agent.delete(&url).call(),
                (_, Some(b)) => self.agent.post(&url).send_json(b),
                (_, None) => self.agent.post(&url).send_json(json!({})),
            };
            match response {
                Ok(mut r) => {
                    let status = r.status();
                    let v: Value = r.body_mut().read_json().unwrap_or(Value::Null);
                    if status.is_success() {
                        return Ok(v["value"].clone());
                    }
                    return Err(format!(
                        "WebDriver {method} {path} failed ({status}): {}",
                        v["value"]
                    ));
                }
                Err(e) => last_error = e.to_string(),
            }
        }
        Err(format!("WebDriver {method} {path}: {last_error}"))
    }

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}{}", self.session, rest)
    }

    /// Runs JavaScript in the page and returns its result.
    pub fn script(&self, script: &str, args: Value) -> Value {
        match self.try_script(script, args) {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }

    /// [`App::script`], with the driver's refusal as an error rather than a panic.
    fn try_script(&self, script: &str, args: Value) -> Result<Value, String> {
        self.try_request(
            "POST",
            &self.session_path("/execute/sync"),
            Some(json!({"script": script, "args": args})),
        )
    }

    fn find_now(&self, selector: &str) -> Vec<Element> {
        let v = self.request(
            "POST",
            &self.session_path("/elements"),
            Some(json!({"using": "css selector", "value": selector})),
        );
        v.as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|e| e[ELEMENT_KEY].as_str())
                    .map(|id| Element {
                        id: id.to_string(),
                        selector: selector.to_string(),
                        text: None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Waits for an element matching `selector`.
    pub fn find(&self, selector: &str) -> Element {
        self.wait_for(&format!("an element `{selector}`"), || {
            self.find_now(selector).into_iter().next()
        })
    }

    /// All elements matching `selector` now.
    pub fn find_all(&self, selector: &str) -> Vec<Element> {
        self.find_now(selector)
    }

    /// Waits for the first element matching `selector` whose rendered text contains `text`.
    /// Looked up in one script, so a list re-rendering meanwhile cannot leave a stale element.
    pub fn find_with_text(&self, selector: &str, text: &str) -> Element {
        self.wait_for(&format!("`{selector}` with text {text:?}"), || {
            let found = match self.try_script(
                "return [...document.querySelectorAll(arguments[0])]
                    .find((e) => e.innerText.includes(arguments[1])) ?? null;",
                json!([selector, text]),
            ) {
                Ok(found) => found,
                // Redrawn between the script finding it and the driver handing it over: the
                // driver calls it stale; look again.
                Err(e) if e.contains("stale element reference") => return None,
                Err(e) => panic!("{e}"),
            };
            found[ELEMENT_KEY].as_str().map(|id| Element {
                id: id.to_string(),
                selector: selector.to_string(),
                text: Some(text.to_string()),
            })
        })
    }

    /// Polls `probe` until it gives a value or the wait runs out.
    pub fn wait_for<T>(&self, what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(v) = probe() {
                return v;
            }
            if Instant::now() > deadline {
                let shot = self.screenshot("timeout");
                panic!(
                    "waited {WAIT:?} for {what}; screenshot at {}",
                    shot.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Does `act` on an element (its WebDriver id given), scrolled to the middle of the window
    /// first (where no toast at the bottom covers it); if the screen was redrawn since it was
    /// found (the app redraws when it notices another program's change, a list refreshes, an
    /// editor opens on another project), finds it again the way it was found and acts on that.
    fn act_on(&self, e: &Element, what: &str, act: impl Fn(&str) -> Result<Value, String>) {
        let mut id = e.id.clone();
        for _ in 0..10 {
            self.to_middle(&id);
            match act(&id) {
                Ok(_) => return,
                Err(error) if error.contains("stale element reference") => {
                    std::thread::sleep(Duration::from_millis(100));
                    id = match &e.text {
                        Some(text) => self.find_with_text(&e.selector, text).id,
                        None => self.find(&e.selector).id,
                    };
                }
                Err(error) => panic!("{error}"),
            }
        }
        panic!("`{}` was redrawn under every {what}", e.selector);
    }

    pub fn click(&self, e: &Element) {
        self.act_on(e, "click", |id| {
            self.try_request(
                "POST",
                &self.session_path(&format!("/element/{id}/click")),
                None,
            )
        });
    }

    /// Clicks `(dx, dy)` pixels from the centre of an element, as a mouse would.
    pub fn click_at(&self, e: &Element, dx: i64, dy: i64) {
        self.pointer(
            e,
            json!([
                {"type": "pointerMove", "duration": 0, "x": dx, "y": dy},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerUp", "button": 0},
            ]),
        );
    }

    /// Presses the mouse at `from` (offsets from the element's centre), moves it to `to` and
    /// lets go: a drag.
    pub fn drag(&self, e: &Element, from: (i64, i64), to: (i64, i64)) {
        self.pointer(
            e,
            json!([
                {"type": "pointerMove", "duration": 0, "x": from.0, "y": from.1},
                {"type": "pointerDown", "button": 0},
                {"type": "pointerMove", "duration": 100, "x": to.0, "y": to.1},
                {"type": "pointerUp", "button": 0},
            ]),
        );
    }

    /// Mouse actions whose moves are relative to the element's centre.
    fn pointer(&self, e: &Element, mut actions: serde_json::Value) {
        let origin = json!({ ELEMENT_KEY: e.id });
        for action in actions.as_array_mut().into_iter().flatten() {
            if action["type"] == "pointerMove" {
                action["origin"] = origin.clone();
            }
        }
        self.request(
            "POST",
            &self.session_path("/actions"),
            Some(json!({"actions": [{
                "type": "pointer",
                "id": "mouse",
                "parameters": {"pointerType": "mouse"},
                "actions": actions,
            }]})),
        );
    }

    /// The size of an element on screen, in CSS pixels.
    pub fn size(&self, e: &Element) -> (f64, f64) {
        let rect = self.request(
            "GET",
            &self.session_path(&format!("/element/{}/rect", e.id)),
            None,
        );
        (
            rect["width"].as_f64().unwrap_or_default(),
            rect["height"].as_f64().unwrap_or_default(),
        )
    }

    /// Scrolls an element to the middle of the window, where no toast at the bottom covers it;
    /// a stale element makes the script fail, which the caller then meets in its own request.
    fn to_middle(&self, id: &str) {
        // Once the page's fonts are in (a font arriving reflows the page, and a click aimed
        // before it lands on whatever moved there) and two frames have been drawn.
        let _ = self.try_request(
            "POST",
            &self.session_path("/execute/async"),
            Some(json!({
                "script": "const [element, done] = arguments; document.fonts.ready.then(() => { \
                           element.scrollIntoView({block: 'center', inline: 'center'}); \
                           requestAnimationFrame(() => requestAnimationFrame(() => done())); });",
                "args": [{ ELEMENT_KEY: id }],
            })),
        );
    }

    /// Types into an element; WebDriver key codes such as `\u{E00C}` (Escape) work too.
    pub fn type_into(&self, e: &Element, text: &str) {
        self.act_on(e, "keystroke", |id| self.type_into_id(id, text));
    }

    fn type_into_id(&self, id: &str, text: &str) -> Result<Value, String> {
        self.try_request(
            "POST",
            &self.session_path(&format!("/element/{id}/value")),
            Some(json!({ "text": text })),
        )
    }

    /// Replaces an input's value as a user would: select all, then type.
    pub fn replace_text(&self, e: &Element, text: &str) {
        self.act_on(e, "edit", |id| {
            self.try_request(
                "POST",
                &self.session_path(&format!("/element/{id}/clear")),
                None,
            )?;
            self.type_into_id(id, text)
        });
    }

    pub fn text(&self, e: &Element) -> String {
        self.request(
            "GET",
            &self.session_path(&format!("/element/{}/text", e.id)),
            None,
        )
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    pub fn property(&self, e: &Element, name: &str) -> Value {
        self.request(
            "GET",
            &self.session_path(&format!("/element/{}/property/{name}", e.id)),
            None,
        )
    }

    /// Picks the option with `value` in a `<select>` by clicking it.
    pub fn choose(&self, select_selector: &str, value: &str) {
        let option = self.find(&format!("{select_selector} option[value=\"{value}\"]"));
        self.click(&option);
    }

    /// Saves a screenshot under `e2e/artifacts/` and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        let dir = repo_root().join("e2e/artifacts");
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join(format!("{name}.png"));
        let v = self.request("GET", &self.session_path("/screenshot"), None);
        if let Some(png) = v.as_str().and_then(|data| STANDARD.decode(data).ok()) {
            let _ = std::fs::write(&path, png);
        }
        path
    }

    /// Describes an element for assertion messages.
    pub fn describe(&self, e: &Element) -> String {
        format!("`{}`: {:?}", e.selector, self.text(e))
    }
}

impl Drop for App {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self
                .agent
                .delete(format!("{}/session/{}", self.base, self.session))
                .call();
        }
        terminate(&mut self.driver);
        if let Some(x) = self.xvfb.as_mut() {
            terminate(x);
        }
    }
}
