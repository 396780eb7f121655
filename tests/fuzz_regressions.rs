//! Inputs found by fuzzing (`fuzz/`), kept as regression tests.
//!
//! Each file under `tests/fuzz_regressions/` goes through the code path of the fuzz
//! target its name starts with, with that target's limits:
//! * `compile-*`: the bytes are compiled as (lossy) UTF-8;
//! * `run-*`: the text is compiled and, if it compiles, its `__init__` runs with a small
//!   step budget, stack and heap, then the context is dropped.
//!
//! Whatever the input, the outcome is a module, diagnostics or a runtime status, never a
//! panic or a hang. `EXPECTED` pins the status of the inputs whose outcome is known.
//!
//! `run-slow-*` are the slowest programs of the `run` corpus after the first fuzzing
//! sessions: loops that format `1e308` and `toFixed` strings or ask for huge arrays on
//! every iteration. The step budget must end them.
//!
//! `run-timeout-*` is a libFuzzer timeout (31 s under AddressSanitizer, 1.7 s in a plain
//! release build, for a 20,000-step budget) and its minimised forms: every iteration of an
//! endless loop copies or scans an array that grows by one element per iteration, so the
//! work per step grew without bound. Scanning, copying and resizing arrays are now charged
//! to the step budget (one step per 64 elements), and so are the string operations and the
//! other array members whose work grows with the data (one step per 64 bytes or
//! elements); the last two tests count the iterations such loops get.

use gjs::{Context, Status};
use std::path::{Path, PathBuf};

mod limited;

/// A context with the limits of `fuzz/src/lib.rs` (a 20,000-step budget).
fn fuzz_context() -> Context {
    limited::quiet_context(20_000)
}

/// The compile target: `Ok` or diagnostics.
fn compile(data: &[u8]) -> Status {
    limited::compile(&mut fuzz_context(), data).map_or_else(|s| s, |_| Status::Ok)
}

/// The run target: the status `__init__` ends with (or the compile error).
fn run(data: &[u8]) -> Status {
    let mut ctx = fuzz_context();
    let status = limited::compile_and_run(&mut ctx, data);
    drop(ctx);
    status
}

/// Inputs and the status they must end with.
const EXPECTED: &[(&str, Status)] = &[
    ("run-slow-float-formatting.gjs", Status::Interrupted),
    ("run-slow-resize-loops.gjs", Status::Interrupted),
    ("run-timeout-array-includes-copy.gjs", Status::Interrupted),
    ("run-timeout-min-copy.gjs", Status::Interrupted),
    ("run-timeout-min-includes.gjs", Status::Interrupted),
    ("run-timeout-min-resize.gjs", Status::Interrupted),
];

fn inputs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fuzz_regressions exists")
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

fn name(p: &Path) -> String {
    p.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn fuzz_inputs_end_in_a_status() {
    let files = inputs();
    assert!(!files.is_empty(), "the regression inputs are present");
    for p in files {
        let n = name(&p);
        let data = std::fs::read(&p).expect("readable input");
        let status = if n.starts_with("compile-") {
            std::panic::catch_unwind(|| compile(&data))
        } else if n.starts_with("run-") {
            std::panic::catch_unwind(|| run(&data))
        } else {
            panic!("{n}: the name must start with 'compile-' or 'run-'");
        };
        let status = status.unwrap_or_else(|_| panic!("{n}: panicked"));
        if let Some((_, want)) = EXPECTED.iter().find(|(f, _)| *f == n) {
            assert_eq!(status, *want, "{n}");
        }
    }
}

/// Iterations of the endless loops of the `run-timeout-min-*` inputs that a 20,000-step
/// budget allows. Without charging the array work each would run about 20,000 times (one
/// back-edge per iteration) doing work proportional to the array length; with it, the
/// budget ends them after a few thousand iterations at most.
#[test]
fn array_work_is_charged_to_the_step_budget() {
    let loops = [
        "array<string> a; while (true) { a.push('x'); a.includes('y'); print('.'); }",
        "array<i32> a; while (true) { a.push(1); a.indexOf(2); print('.'); }",
        "array<string> a; while (true) { array<string> b = a; a.push('x'); print('.'); }",
        "array<i32> a; while (true) { a.resize(u32(100000)); a.clear(); print('.'); }",
    ];
    for src in loops {
        let iterations = iterations_within_budget(src);
        assert!(iterations < 5_000, "{src}: {iterations} iterations");
    }
}

/// Runs the endless loop `src`, which prints one line per iteration, under the fuzz
/// limits (a 20,000-step budget) and returns how many iterations it completed.
fn iterations_within_budget(src: &str) -> usize {
    let mut ctx = fuzz_context();
    let lines = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = lines.clone();
    ctx.set_output(Box::new(move |b: &[u8]| {
        let n = b.iter().filter(|&&c| c == b'\n').count();
        seen.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }));
    let m = ctx.add_code("loop", src).expect("compiles");
    let e = ctx.init_module(m).expect_err("the budget ends the loop");
    assert_eq!(e.status, Status::Interrupted, "{src}");
    lines.load(std::sync::atomic::Ordering::Relaxed)
}

/// String and array members that process many bytes or elements per iteration. Before they
/// were charged, each loop ran about 20,000 iterations (one step per back-edge), whatever
/// its work per iteration. Now an iteration costs one step for its back-edge and one per 64
/// units of work (bytes of strings, array elements) its operations record, `print('.')`
/// recording its one byte; the remainder of a step carries over to the next operation.
/// The loop stops when the budget of 20,000 steps runs out. The expected counts below are
/// worked out from that rule (rounded down).
#[test]
fn string_and_array_work_is_charged_to_the_step_budget() {
    let loops = [
        // 6,400 + 1 units: 100.02 + 1 steps per iteration; 20,000 / 101.02 = 198.0.
        (
            "while (true) { string t = 'x'.repeat(u32(6400)); print('.'); }",
            198,
        ),
        // Setup 6,400 units (100 steps). `s + s` copies the shared s and appends it: 12,800
        // + 1 units, 200.02 + 1 steps; (20,000 - 100) / 201.02 = 99.0.
        (
            "string s = 'x'.repeat(u32(6400)); \
             while (true) { string t = s + s; print('.'); }",
            99,
        ),
        // Setup 100 steps; replaceAll scans 6,400 bytes and writes 6,400: 99 as above.
        (
            "string s = 'ab'.repeat(u32(3200)); \
             while (true) { string t = s.replaceAll('a', 'c'); print('.'); }",
            99,
        ),
        // Setup 100 steps; includes scans all 6,400 bytes: 6,401 units, 101.02 steps;
        // 19,900 / 101.02 = 197.0.
        (
            "string s = 'x'.repeat(u32(6400)); \
             while (true) { if (s.includes('y')) break; print('.'); }",
            197,
        ),
        // Setup 100 steps; s.split('a') scans 6,400 bytes and makes 3,201 parts ('' and 3,200
        // 'b'): 3,200 bytes copied, 3,201 elements filled; the temporary's end destroys 3,201
        // elements. 16,002 + 1 units, 250.05 + 1 steps; 19,900 / 251.05 = 79.3.
        (
            "string s = 'ab'.repeat(u32(3200)); \
             while (true) { if (s.split('a').length == 0) break; print('.'); }",
            79,
        ),
        // Iteration k copies the k - 1 bytes of the shared s, appends one and prints one:
        // (k + 1) / 64 + 1 steps. The sum to K, K * K / 128 + 1.02 K, reaches 20,000 at
        // K = 1,535.8.
        (
            "string s = ''; while (true) { s = s + 'x'; print('.'); }",
            1_535,
        ),
        // Setup: 6,399 elements filled (100 steps). insert(0) moves 6,399 elements and
        // writes one, remove(0) destroys one and moves 6,399: 12,800 + 1 units; 99 as for
        // `s + s`.
        (
            "array<i32> a; a.resize(u32(6399)); \
             while (true) { a.insert(u32(0), 1); a.remove(u32(0)); print('.'); }",
            99,
        ),
        // Iteration k inserts before k - 1 elements: k + 1 units with the print, as for
        // the growing string.
        (
            "array<string> a; while (true) { a.insert(u32(0), 'x'); print('.'); }",
            1_535,
        ),
    ];
    for (src, expected) in loops {
        let iterations = iterations_within_budget(src);
        // Fewer would mean work charged twice; more, work not charged.
        assert!(
            iterations <= expected && iterations * 100 >= expected * 95,
            "{src}: {iterations} iterations, {expected} expected"
        );
    }
}
