//! Generates the C header from `src/ffi` with cbindgen into `OUT_DIR/gjs.h`. The
//! committed `include/gjs.h` must equal it (a test checks; `GJS_BLESS=1 cargo test`
//! rewrites it), so the header never drifts from the code.

use std::env;
use std::path::PathBuf;

/// The opaque handle types (their Rust definitions are private, so cbindgen skips them).
const OPAQUE_HANDLES: &str = "

/* A backend under construction: the VM's sizes until a context takes it over. */
typedef struct gjs_backend gjs_backend;

/* A context: compiled modules, VM memory, output sinks and limits. */
typedef struct gjs_context gjs_context;

/* A compiled (or host) module, borrowed from its context. */
typedef struct gjs_module gjs_module;

/* A function of a context, borrowed from it. */
typedef struct gjs_function gjs_function;

/* A type. The primitive types and `string` are static and shared by all contexts. */
typedef struct gjs_type gjs_type;

/* A script class instance or array the host holds; the host owns it and frees it
   with gjs_object_free. */
typedef struct gjs_object gjs_object;";

fn main() {
    let root =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("gjs.h");
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    let mut config =
        cbindgen::Config::from_file(root.join("cbindgen.toml")).expect("cbindgen.toml parses");
    config.after_includes = Some(
        format!(
            "\n#define GJS_VERSION_MAJOR {}\n#define GJS_VERSION_MINOR {}\n#define GJS_VERSION_PATCH {}\n#define GJS_VERSION_STRING \"{}\"",
            env::var("CARGO_PKG_VERSION_MAJOR").unwrap(),
            env::var("CARGO_PKG_VERSION_MINOR").unwrap(),
            env::var("CARGO_PKG_VERSION_PATCH").unwrap(),
            env::var("CARGO_PKG_VERSION").unwrap(),
        ) + OPAQUE_HANDLES,
    );
    cbindgen::Builder::new()
        .with_config(config)
        .with_src(root.join("src/ffi/mod.rs"))
        .generate()
        .expect("the C header generates")
        .write_to_file(&out);
}
