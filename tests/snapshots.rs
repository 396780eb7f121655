//! Bytecode and diagnostic snapshots.
//!
//! For each `tests/snapshots/NAME.gjs`, the rendered diagnostics (if it does not
//! compile) or the bytecode listing (if it does) must equal `NAME.out`. Run with
//! `GJS_BLESS=1` to rewrite the `.out` files after an intended change, then review the
//! diff by hand: a snapshot is only as good as that review.

use gjs::{Config, Context};
use std::path::Path;

fn render(src: &str, name: &str) -> String {
    let mut ctx = Context::new(Config::default());
    match ctx.add_code(name, src) {
        Ok(m) => ctx.disassemble(m),
        Err(e) => e.to_string(),
    }
}

#[test]
fn snapshots_match() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let bless = std::env::var_os("GJS_BLESS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("snapshot directory")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "gjs"))
        .collect();
    names.sort();
    assert!(!names.is_empty());
    let mut failures = Vec::new();
    for path in names {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let src = std::fs::read_to_string(&path).unwrap();
        let got = render(&src, &stem);
        let out = path.with_extension("out");
        if bless {
            std::fs::write(&out, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&out).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}: snapshot differs (GJS_BLESS=1 to rewrite)\n--- want\n{want}\n--- got\n{got}",
                stem
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
