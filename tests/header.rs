//! The committed C header is exactly what the FFI code generates, carries the crate's
//! version, and every function it declares is exported by the built `libgjs.so`.
//! `GJS_BLESS=1 cargo test --test header` rewrites `include/gjs.h` after a change.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

mod support;
use support::library_path;

#[test]
fn committed_header_is_fresh() {
    let path = root().join("include/gjs.h");
    if std::env::var_os("GJS_BLESS").is_some() {
        std::fs::write(&path, gjs::GENERATED_HEADER).unwrap();
    }
    let committed = std::fs::read_to_string(&path).expect("include/gjs.h is committed");
    assert!(
        committed == gjs::GENERATED_HEADER,
        "include/gjs.h differs from the header generated from src/ffi; run GJS_BLESS=1 cargo test --test header and commit it"
    );
}

#[test]
fn version_macros_match_cargo_toml() {
    let header = gjs::GENERATED_HEADER;
    let v: Vec<&str> = env!("CARGO_PKG_VERSION").split('.').collect();
    for (name, value) in ["MAJOR", "MINOR", "PATCH"].iter().zip(&v) {
        let line = format!("#define GJS_VERSION_{name} {value}");
        assert!(header.contains(&line), "missing `{line}`");
    }
    let cargo = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    assert!(cargo.contains(&format!("version = \"{}\"", env!("CARGO_PKG_VERSION"))));
}

/// The names of the functions the header declares: `name(` after a return type at the
/// start of a line.
fn declared_functions(header: &str) -> Vec<String> {
    header
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with("typedef") && !l.starts_with('#'))
        .filter_map(|l| {
            let open = l.find('(')?;
            let name = l[..open].split([' ', '*']).next_back()?;
            name.starts_with("gjs_").then(|| name.to_string())
        })
        .collect()
}

#[test]
fn every_declared_function_is_exported() {
    let names = declared_functions(gjs::GENERATED_HEADER);
    assert!(names.len() >= 40, "found {names:?}");
    for required in [
        "gjs_version",
        "gjs_vm_backend_new",
        "gjs_backend_gp_count",
        "gjs_backend_fp_count",
        "gjs_backend_free",
        "gjs_context_new",
        "gjs_context_free",
        "gjs_context_add_code",
        "gjs_context_add_file",
        "gjs_module_init",
        "gjs_module_function",
        "gjs_module_function_by_decl",
        "gjs_context_call",
        "gjs_context_error_message",
        "gjs_context_diagnostic_count",
        "gjs_context_diagnostic",
        "gjs_context_bind_function",
        "gjs_context_throw",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "{required} is not declared"
        );
    }
    let lib_path = library_path();
    // SAFETY: loading our own library, whose initialisers are Rust's standard ones.
    let lib = unsafe { libloading::Library::new(&lib_path) }
        .unwrap_or_else(|e| panic!("cannot load {}: {e}", lib_path.display()));
    for name in &names {
        // SAFETY: only the symbol's presence is checked; it is never called.
        let sym: Result<libloading::Symbol<*const ()>, _> = unsafe { lib.get(name.as_bytes()) };
        assert!(sym.is_ok(), "{name} is declared in gjs.h but not exported");
    }
}
