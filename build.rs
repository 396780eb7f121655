//! Generates the C header from `src/ffi` with cbindgen into `OUT_DIR/gjs.h`. The
//! committed `include/gjs.h` must equal it (a test checks; `GJS_BLESS=1 cargo test`
//! rewrites it), so the header never drifts from the code.

use std::env;
use std::path::PathBuf;

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gjs.h");
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    let mut config =
        cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml parses");
    config.after_includes = Some(format!(
        "\n#define GJS_VERSION_MAJOR {}\n#define GJS_VERSION_MINOR {}\n#define GJS_VERSION_PATCH {}\n#define GJS_VERSION_STRING \"{}\"",
        env::var("CARGO_PKG_VERSION_MAJOR").unwrap(),
        env::var("CARGO_PKG_VERSION_MINOR").unwrap(),
        env::var("CARGO_PKG_VERSION_PATCH").unwrap(),
        env::var("CARGO_PKG_VERSION").unwrap(),
    ));
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/ffi/mod.rs"))
        .generate()
        .expect("the C header generates")
        .write_to_file(&out);
}
