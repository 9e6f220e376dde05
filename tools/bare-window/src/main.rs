//! The smallest Tauri app with one window and one page: what the app's launch time and idle
//! memory are set against in docs/BENCHMARKS.md. Its page says when it is drawn, as the app's
//! UI does, and it prints the same line the app logs.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::Instant;

struct Started(Instant);

#[tauri::command]
fn first_screen_drawn(started: tauri::State<'_, Started>, script_ms: f64, drawn_ms: f64) {
    eprintln!(
        "first screen drawn after_ms={} script_ms={} drawn_ms={}",
        started.0.elapsed().as_millis(),
        script_ms.round(),
        drawn_ms.round()
    );
}

fn main() {
    let started = Started(Instant::now());
    if let Err(e) = tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![first_screen_drawn])
        .run(tauri::generate_context!())
    {
        eprintln!("the bare window could not start: {e}");
        std::process::exit(1);
    }
}
