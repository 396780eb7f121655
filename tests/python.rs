//! Runs the unittest suite of the Python bindings (`bindings/python/tests`) against the
//! library this build produced. Skipped, with a note, when `python3` is not installed.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// The whole suite takes a few seconds; a hang (say, an interrupt that never lands)
/// must fail the test instead of blocking `cargo test`.
const SUITE_TIMEOUT: Duration = Duration::from_secs(600);

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

mod support;
use support::library_path;

fn python_available() -> bool {
    Command::new("python3")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Reads a child's pipe to the end on its own thread, so neither pipe can fill up.
fn drain(mut pipe: impl Read + Send + 'static) -> thread::JoinHandle<String> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = pipe.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

#[test]
fn python_bindings_unittest_suite() {
    if !python_available() {
        println!("note: python3 is not installed; skipping the Python binding tests");
        return;
    }
    let library = library_path();
    assert!(library.exists(), "{} was not built", library.display());
    let mut child = Command::new("python3")
        .args([
            "-m",
            "unittest",
            "discover",
            "-s",
            "bindings/python/tests",
            "-t",
            "bindings/python",
            "-v",
        ])
        .current_dir(root())
        .env("GJS_LIBRARY", &library)
        .env("PYTHONPATH", root().join("bindings/python"))
        // Keep the source tree free of __pycache__ directories.
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cannot start python3");
    let stdout = drain(child.stdout.take().unwrap());
    let stderr = drain(child.stderr.take().unwrap());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("cannot wait for python3") {
            break Some(status);
        }
        if started.elapsed() > SUITE_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        thread::sleep(Duration::from_millis(50));
    };
    let (stdout, stderr) = (stdout.join().unwrap(), stderr.join().unwrap());
    match status {
        Some(s) if s.success() => {}
        Some(s) => panic!(
            "the Python binding tests failed ({s})\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        ),
        None => panic!(
            "the Python binding tests did not finish within {SUITE_TIMEOUT:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
        ),
    }
}
