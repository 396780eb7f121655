//! Shared by the tests that load the shared library: `cargo test` builds the crate as
//! an rlib for the tests, not the `cdylib`, so these tests build `libgjs` first (once per
//! test binary; cargo does nothing when it is current) and then find it next to the
//! `gjs` binary.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// `target/<profile>`, holding the `gjs` binary and a current `libgjs`.
pub fn library_dir() -> PathBuf {
    static BUILT: OnceLock<()> = OnceLock::new();
    let dir = Path::new(env!("CARGO_BIN_EXE_gjs"))
        .parent()
        .expect("the gjs binary has a directory")
        .to_path_buf();
    BUILT.get_or_init(|| {
        let mut cargo = Command::new(env!("CARGO"));
        cargo
            .args(["build", "--lib", "--quiet"])
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if dir.file_name().is_some_and(|n| n == "release") {
            cargo.arg("--release");
        }
        let status = cargo.status().expect("cargo can be run");
        assert!(status.success(), "`cargo build --lib` failed");
    });
    dir
}

/// The path of `libgjs` (`libgjs.so` on Linux).
#[allow(dead_code)]
pub fn library_path() -> PathBuf {
    library_dir().join(format!(
        "{}gjs{}",
        std::env::consts::DLL_PREFIX,
        std::env::consts::DLL_SUFFIX
    ))
}
