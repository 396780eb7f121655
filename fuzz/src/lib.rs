//! Shared code of the fuzz targets: the context they use, the two entry points, and a
//! generator that turns fuzz bytes into mostly well-typed gjs programs so that the `run`
//! target spends its time in the checker, the lowering and the VM rather than in parse
//! errors.
//!
//! `tests/fuzz_regressions.rs` in the main crate builds its context with the same
//! limits as [`context`]; keep the two in step.

use gjs::{Config, Context};

pub mod generate;

pub use generate::generate;

/// Step budget of one `__init__` run (loop back-edges, calls and data processed).
pub const STEPS: u64 = 20_000;
/// Stack region of the VM memory.
pub const STACK_SIZE: u32 = 64 * 1024;
/// Initial heap.
pub const MEMORY_SIZE: u32 = 64 * 1024;
/// Largest heap.
pub const MAX_MEMORY_SIZE: u64 = 1 << 20;

/// A context with small limits whose output goes nowhere.
pub fn context() -> Context {
    let mut ctx = Context::new(Config {
        stack_size: STACK_SIZE,
        memory_size: MEMORY_SIZE,
        max_memory_size: MAX_MEMORY_SIZE,
        steps: STEPS,
        ..Config::default()
    });
    ctx.set_output(Box::new(|_: &[u8]| {}));
    ctx.set_error_output(Box::new(|_: &[u8]| {}));
    ctx
}

/// Compiles `data` (as lossy UTF-8) and renders whatever diagnostics come back.
pub fn compile(data: &[u8]) {
    let mut ctx = context();
    let text = String::from_utf8_lossy(data);
    if let Err(e) = ctx.add_code("fuzz", &text) {
        assert!(
            !e.diagnostics.is_empty(),
            "a failed compile reports something"
        );
        for d in &e.diagnostics {
            let _ = d.render();
        }
    }
}

/// Compiles `src` and, if it compiles, runs its `__init__` and drops the context (which
/// runs the destructors of module objects).
pub fn run_source(src: &str) {
    let mut ctx = context();
    match ctx.add_code("fuzz", src) {
        Ok(m) => {
            if let Err(e) = ctx.init_module(m) {
                let _ = e.to_string();
            }
        }
        Err(e) => {
            assert!(
                !e.diagnostics.is_empty(),
                "a failed compile reports something"
            );
        }
    }
}

/// The program the `run` target executes for `data`: the text itself if it starts with
/// `//`, otherwise the generated program.
pub fn program(data: &[u8]) -> String {
    if data.starts_with(b"//") {
        String::from_utf8_lossy(data).into_owned()
    } else {
        generate(data)
    }
}

/// The `run` target. With `GJS_FUZZ_PRINT` set, the program is also written to stderr
/// (to turn a crashing input into a plain `.gjs` regression file).
pub fn run(data: &[u8]) {
    let src = program(data);
    if print_programs() {
        eprintln!("{src}");
    }
    run_source(&src);
}

fn print_programs() -> bool {
    static PRINT: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *PRINT.get_or_init(|| std::env::var_os("GJS_FUZZ_PRINT").is_some())
}
