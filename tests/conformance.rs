//! The conformance suite: every `*.gjs` program under `tests/conformance/` (recursively) is
//! compiled and run in a fresh [`Context`] as its header describes (the format and the steps are
//! those of the shared suite's README, "How a harness runs one test"):
//!
//! * `// expect: TEXT` lines give the exact output (`print` and `console.log`), line by line;
//! * `// expect-compile-error:` (with an optional `// expect-error-line: N`) requires compilation
//!   to fail, with nothing printed and, if given, a diagnostic on line `N`;
//! * `// expect-runtime-error:` requires `init_module` to fail with a status other than
//!   `Interrupted`, after printing exactly the `expect:` lines;
//! * `// module-deps: A B` compiles `A.gjs`, `B.gjs` from the test's own directory first (their
//!   initialisers run through the import); `// library-module` files are not tests.
//!
//! Every failure is collected and printed (file, expectation, what happened), then the test
//! fails once. Tests listed in `tests/conformance/PENDING` (one path relative to
//! `tests/conformance/` per line, `#` starts a comment) are run and reported as pending; they do
//! not fail the suite, but a pending test that passes does, so the list stays honest.
//!
//! Set `GJS_CONFORMANCE_FILTER=substring` to run only the files whose relative path contains it.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use gjs::{Config, Context, Status};

/// Worker threads running tests.
const WORKERS: usize = 2;
/// Per-test time limit; the watchdog interrupts the script after it.
const TIME_LIMIT: Duration = Duration::from_secs(10);
/// A test still running this long after it started did not react to the interrupt (for
/// example a compiler that loops): it is reported as hung and its worker is replaced.
const HANG_LIMIT: Duration = Duration::from_secs(30);
/// Memory budget of every context (the README asks for a finite one of at least 16 MiB).
const MAX_MEMORY: usize = 64 << 20;
/// Stack of the worker threads (generous, in case a phase recurses deeply on the host stack).
const WORKER_STACK: usize = 32 << 20;
/// At most this many lines of expected/actual output are shown per failure.
const SHOW_LINES: usize = 60;

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Run,
    CompileError { line: Option<u32> },
    RuntimeError,
}

#[derive(Clone, Debug)]
struct Header {
    expect: Vec<String>,
    kind: Kind,
    deps: Vec<String>,
    library: bool,
}

/// Parses the unbroken run of `//` lines at the top of a test file.
fn parse_header(source: &str) -> Result<Header, String> {
    let mut expect = Vec::new();
    let mut compile_error = false;
    let mut runtime_error = false;
    let mut error_line: Option<u32> = None;
    let mut deps = Vec::new();
    let mut library = false;
    for (index, raw) in source.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let Some(rest) = line.strip_prefix("//") else {
            break;
        };
        let rest = rest.strip_prefix(' ').unwrap_or(rest);
        if rest.trim().is_empty() {
            continue;
        }
        let (key, value) = match rest.find(':') {
            Some(colon) => {
                let value = &rest[colon + 1..];
                (&rest[..colon], value.strip_prefix(' ').unwrap_or(value))
            }
            None => (rest.trim_end(), ""),
        };
        let lineno = index + 1;
        match key {
            "expect" => expect.push(value.to_string()),
            "expect-compile-error" => compile_error = true,
            "expect-runtime-error" => runtime_error = true,
            "expect-error-line" => {
                let n = value.trim().parse::<u32>().map_err(|_| {
                    format!("header line {lineno}: bad expect-error-line value {value:?}")
                })?;
                error_line = Some(n);
            }
            "module-deps" => deps.extend(value.split_whitespace().map(str::to_string)),
            "library-module" => library = true,
            "note" => {}
            _ => return Err(format!("header line {lineno}: unknown directive {key:?}")),
        }
    }
    if compile_error && runtime_error {
        return Err("header has both expect-compile-error and expect-runtime-error".into());
    }
    if compile_error && !expect.is_empty() {
        return Err("header has expect-compile-error together with expect: lines".into());
    }
    if error_line.is_some() && !compile_error {
        return Err("header has expect-error-line without expect-compile-error".into());
    }
    let kind = if compile_error {
        Kind::CompileError { line: error_line }
    } else if runtime_error {
        Kind::RuntimeError
    } else {
        Kind::Run
    };
    Ok(Header {
        expect,
        kind,
        deps,
        library,
    })
}

// ---------------------------------------------------------------------------------------------
// Running one test
// ---------------------------------------------------------------------------------------------

/// Splits captured output into lines; a final `\n` does not start another line.
fn output_lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    if bytes.is_empty() {
        return Vec::new();
    }
    let body = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    body.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect()
}

fn show(bytes: &[u8]) -> String {
    format!("{:?}", String::from_utf8_lossy(bytes))
}

/// `None` when the output matches, else a description of the difference.
fn compare_output(expected: &[String], actual: &[u8]) -> Option<String> {
    let lines = output_lines(actual);
    let same = expected.len() == lines.len()
        && expected
            .iter()
            .zip(&lines)
            .all(|(e, a)| e.as_bytes() == a.as_slice());
    if same {
        return None;
    }
    let mut out = String::new();
    let first = expected
        .iter()
        .zip(&lines)
        .position(|(e, a)| e.as_bytes() != a.as_slice())
        .unwrap_or(expected.len().min(lines.len()));
    let _ = writeln!(
        out,
        "output differs: expected {} line(s), got {}; first difference at line {}:",
        expected.len(),
        lines.len(),
        first + 1
    );
    let _ = writeln!(
        out,
        "    expected: {}",
        expected
            .get(first)
            .map(|s| format!("{s:?}"))
            .unwrap_or_else(|| "(end of output)".into())
    );
    let _ = writeln!(
        out,
        "    actual:   {}",
        lines
            .get(first)
            .map(|l| show(l))
            .unwrap_or_else(|| "(end of output)".into())
    );
    let _ = writeln!(out, "  --- expected");
    for (i, e) in expected.iter().enumerate().take(SHOW_LINES) {
        let mark = if i == first { '>' } else { ' ' };
        let _ = writeln!(out, "  {mark}{:3} | {e}", i + 1);
    }
    if expected.len() > SHOW_LINES {
        let _ = writeln!(out, "        ... {} more", expected.len() - SHOW_LINES);
    }
    let _ = writeln!(out, "  --- actual");
    for (i, a) in lines.iter().enumerate().take(SHOW_LINES) {
        let mark = if i == first { '>' } else { ' ' };
        let _ = writeln!(out, "  {mark}{:3} | {}", i + 1, String::from_utf8_lossy(a));
    }
    if lines.len() > SHOW_LINES {
        let _ = writeln!(out, "        ... {} more", lines.len() - SHOW_LINES);
    }
    Some(out)
}

fn render_diagnostics(diagnostics: &[gjs::diag::Diagnostic]) -> String {
    let mut out = String::new();
    if diagnostics.is_empty() {
        out.push_str("    (no diagnostics reported)\n");
    }
    for d in diagnostics.iter().take(30) {
        for line in d.render().lines() {
            let _ = writeln!(out, "    {line}");
        }
    }
    if diagnostics.len() > 30 {
        let _ = writeln!(out, "    ... {} more diagnostics", diagnostics.len() - 30);
    }
    out
}

fn indent(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let _ = writeln!(out, "    {line}");
    }
    out
}

fn printed_so_far(out: &[u8]) -> String {
    if out.is_empty() {
        "nothing was printed".to_string()
    } else {
        let mut s = String::from("printed so far:\n");
        for l in output_lines(out).iter().take(SHOW_LINES) {
            let _ = writeln!(s, "    | {}", String::from_utf8_lossy(l));
        }
        s
    }
}

/// Runs one test file; `Ok(())` when it behaves as its header says.
fn run_test(path: &Path) -> Result<(), String> {
    let source = fs::read_to_string(path).map_err(|e| format!("cannot read the file: {e}"))?;
    let header = parse_header(&source).map_err(|e| format!("bad header: {e}"))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or("file name is not valid UTF-8")?
        .to_string();
    let dir = path.parent().unwrap_or(Path::new("."));

    let mut ctx = Context::new(Config {
        max_memory_size: MAX_MEMORY as _,
        ..Config::default()
    });
    let out = Arc::new(Mutex::new(Vec::<u8>::new()));
    let sink = out.clone();
    ctx.set_output(Box::new(move |bytes: &[u8]| {
        sink.lock().unwrap().extend_from_slice(bytes)
    }));
    ctx.set_error_output(Box::new(|_bytes: &[u8]| {}));

    // Watchdog: interrupts the script when the time limit passes before `done` is dropped.
    let stop: gjs::InterruptHandle = ctx.interrupt_handle();
    let timed_out = Arc::new(AtomicBool::new(false));
    let (done, done_rx) = mpsc::channel::<()>();
    let watchdog = {
        let timed_out = timed_out.clone();
        thread::spawn(move || {
            if let Err(mpsc::RecvTimeoutError::Timeout) = done_rx.recv_timeout(TIME_LIMIT) {
                timed_out.store(true, Ordering::SeqCst);
                stop.interrupt();
            }
        })
    };
    let started = Instant::now();
    let result = execute(&mut ctx, &header, &source, &stem, dir, &out, &timed_out);
    drop(done);
    let _ = watchdog.join();
    if timed_out.load(Ordering::SeqCst) && result.is_err() {
        let printed = printed_so_far(&out.lock().unwrap());
        return Err(format!(
            "timed out: interrupted after {:.1} s (limit {} s); {printed}",
            started.elapsed().as_secs_f64(),
            TIME_LIMIT.as_secs()
        ));
    }
    drop(ctx);
    result
}

fn execute(
    ctx: &mut Context,
    header: &Header,
    source: &str,
    stem: &str,
    dir: &Path,
    out: &Arc<Mutex<Vec<u8>>>,
    timed_out: &AtomicBool,
) -> Result<(), String> {
    let take_output = || out.lock().unwrap().clone();

    for dep in &header.deps {
        let dep_path = dir.join(format!("{dep}.gjs"));
        let dep_source = fs::read_to_string(&dep_path)
            .map_err(|e| format!("module-deps: cannot read {}: {e}", dep_path.display()))?;
        if let Err(e) = ctx.add_code(dep, &dep_source) {
            return Err(format!(
                "module-deps: library module '{dep}' failed to compile:\n{}",
                render_diagnostics(&e.diagnostics)
            ));
        }
    }

    let module = match ctx.add_code(stem, source) {
        Ok(module) => module,
        Err(e) => {
            let printed = take_output();
            return match header.kind {
                Kind::CompileError { line } => {
                    if !printed.is_empty() {
                        return Err(format!(
                            "compile error as expected, but output was printed (no code may run):\n{}",
                            printed_so_far(&printed)
                        ));
                    }
                    match line {
                        Some(n) if !e.diagnostics.iter().any(|d| d.location().1 == n) => {
                            Err(format!(
                                "compile error as expected, but no diagnostic points at line {n}; reported:\n{}",
                                render_diagnostics(&e.diagnostics)
                            ))
                        }
                        _ => Ok(()),
                    }
                }
                _ => Err(format!(
                    "expected the program to compile, but it failed:\n{}",
                    render_diagnostics(&e.diagnostics)
                )),
            };
        }
    };

    if let Kind::CompileError { line } = header.kind {
        let at = line.map(|n| format!(" at line {n}")).unwrap_or_default();
        return Err(format!(
            "expected a compile error{at}, but the program compiled"
        ));
    }

    let result = ctx.init_module(module);
    // Module objects are destroyed when the context is freed (spec 5.8); their
    // destructors' output belongs to the program's output.
    if result.is_ok() {
        ctx.destroy_module_objects();
    }
    let printed = take_output();
    if timed_out.load(Ordering::SeqCst) {
        return Err("timed out".into());
    }
    match (&header.kind, result) {
        (Kind::Run, Ok(())) => match compare_output(&header.expect, &printed) {
            None => Ok(()),
            Some(diff) => Err(diff),
        },
        (Kind::Run, Err(e)) => {
            let mut msg = String::from("expected a normal run, but a runtime error ended it:\n");
            msg.push_str(&indent(&e.to_string()));
            if let Some(diff) = compare_output(&header.expect, &printed) {
                msg.push_str("and ");
                msg.push_str(&diff);
            } else {
                msg.push_str("(the output up to the error matched)\n");
            }
            Err(msg)
        }
        (Kind::RuntimeError, Ok(())) => {
            let mut msg =
                String::from("expected a runtime error, but the program ended normally\n");
            if let Some(diff) = compare_output(&header.expect, &printed) {
                msg.push_str("and ");
                msg.push_str(&diff);
            }
            Err(msg)
        }
        (Kind::RuntimeError, Err(e)) => {
            if matches!(e.status, Status::Interrupted) {
                return Err(format!(
                    "expected a runtime error, but the run was interrupted:\n{}",
                    indent(&e.to_string())
                ));
            }
            match compare_output(&header.expect, &printed) {
                None => Ok(()),
                Some(diff) => Err(format!(
                    "the runtime error came as expected, but the output before it is wrong: {diff}\
                     the runtime error was:\n{}",
                    indent(&e.to_string())
                )),
            }
        }
        (Kind::CompileError { .. }, _) => unreachable!(),
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(non-string panic payload)".to_string()
    }
}

// ---------------------------------------------------------------------------------------------
// The suite
// ---------------------------------------------------------------------------------------------

#[derive(Clone)]
struct Job {
    path: PathBuf,
    rel: String,
}

struct Outcome {
    rel: String,
    result: Result<(), String>,
    elapsed: Duration,
}

#[derive(Default)]
struct State {
    queue: VecDeque<Job>,
    running: HashMap<usize, (Job, Instant)>,
    abandoned: HashSet<usize>,
    outcomes: Vec<Outcome>,
}

type Shared = Arc<(Mutex<State>, Condvar)>;

fn run_job(job: &Job) -> Outcome {
    let started = Instant::now();
    let result = match catch_unwind(AssertUnwindSafe(|| run_test(&job.path))) {
        Ok(result) => result,
        Err(payload) => Err(format!("panicked: {}", panic_message(payload.as_ref()))),
    };
    Outcome {
        rel: job.rel.clone(),
        result,
        elapsed: started.elapsed(),
    }
}

fn spawn_worker(id: usize, shared: Shared) {
    thread::Builder::new()
        .name(format!("conformance-{id}"))
        .stack_size(WORKER_STACK)
        .spawn(move || {
            let (lock, cv) = &*shared;
            loop {
                let job = {
                    let mut st = lock.lock().unwrap_or_else(|p| p.into_inner());
                    let Some(job) = st.queue.pop_front() else {
                        return;
                    };
                    st.running.insert(id, (job.clone(), Instant::now()));
                    job
                };
                let outcome = run_job(&job);
                let mut st = lock.lock().unwrap_or_else(|p| p.into_inner());
                if st.abandoned.contains(&id) {
                    return; // already reported as hung; a replacement worker took over
                }
                st.running.remove(&id);
                st.outcomes.push(outcome);
                cv.notify_all();
            }
        })
        .expect("cannot spawn a worker thread");
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => panic!("cannot read {}: {e}", dir.display()),
    };
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "gjs") {
            out.push(path);
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The entries of `PENDING`: relative paths, `.gjs` added when missing.
fn read_pending(root: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(root.join("PENDING")) else {
        return Vec::new();
    };
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(|l| {
            let l = l.trim_start_matches("./");
            if l.ends_with(".gjs") {
                l.to_string()
            } else {
                format!("{l}.gjs")
            }
        })
        .collect()
}

fn is_library(path: &Path) -> bool {
    fs::read_to_string(path)
        .ok()
        .and_then(|s| parse_header(&s).ok())
        .is_some_and(|h| h.library)
}

/// A one-line summary of a failure: its first line, plus the next one when the first ends in
/// a colon (so "...ended it:" is followed by the error message).
fn summary(detail: &str) -> String {
    let mut lines = detail.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    match lines.next() {
        Some(next) if first.ends_with(':') => format!("{first} {next}"),
        _ => first.to_string(),
    }
}

#[test]
fn conformance() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("conformance");
    let mut files = Vec::new();
    collect_files(&root, &mut files);
    let all: HashSet<String> = files.iter().map(|p| relative(&root, p)).collect();

    let pending: Vec<String> = read_pending(&root);
    let pending_set: HashSet<&str> = pending.iter().map(String::as_str).collect();
    let mut problems: Vec<String> = Vec::new();
    for p in &pending {
        if !all.contains(p) {
            problems.push(format!(
                "PENDING lists '{p}', but tests/conformance/{p} does not exist"
            ));
        }
    }

    let filter = std::env::var("GJS_CONFORMANCE_FILTER").unwrap_or_default();
    let jobs: Vec<Job> = files
        .iter()
        .map(|p| Job {
            path: p.clone(),
            rel: relative(&root, p),
        })
        .filter(|j| j.rel.contains(filter.as_str()))
        .filter(|j| !is_library(&j.path))
        .collect();
    assert!(
        !jobs.is_empty() || !filter.is_empty(),
        "no conformance tests found under {}",
        root.display()
    );

    let total = jobs.len();
    let shared: Shared = Arc::new((
        Mutex::new(State {
            queue: jobs.into_iter().collect(),
            ..State::default()
        }),
        Condvar::new(),
    ));
    let mut next_worker = 0;
    for _ in 0..WORKERS.min(total.max(1)) {
        spawn_worker(next_worker, shared.clone());
        next_worker += 1;
    }
    {
        let (lock, cv) = &*shared;
        let mut st = lock.lock().unwrap_or_else(|p| p.into_inner());
        while st.outcomes.len() < total {
            st = cv
                .wait_timeout(st, Duration::from_millis(200))
                .unwrap_or_else(|p| p.into_inner())
                .0;
            let now = Instant::now();
            let hung: Vec<usize> = st
                .running
                .iter()
                .filter(|(_, (_, since))| now.duration_since(*since) > HANG_LIMIT)
                .map(|(id, _)| *id)
                .collect();
            for id in hung {
                let (job, since) = st.running.remove(&id).unwrap();
                st.abandoned.insert(id);
                st.outcomes.push(Outcome {
                    rel: job.rel,
                    result: Err(format!(
                        "hung: still running {} s after it started; the interrupt at {} s did not stop it \
                         (compilation or the host side does not react to interrupts?)",
                        now.duration_since(since).as_secs(),
                        TIME_LIMIT.as_secs()
                    )),
                    elapsed: now.duration_since(since),
                });
                spawn_worker(next_worker, shared.clone());
                next_worker += 1;
            }
        }
    }

    let (lock, _) = &*shared;
    let mut outcomes = std::mem::take(&mut lock.lock().unwrap_or_else(|p| p.into_inner()).outcomes);
    outcomes.sort_by(|a, b| a.rel.cmp(&b.rel));

    let mut passed = 0;
    let mut still_pending: Vec<&Outcome> = Vec::new();
    let mut failures: Vec<String> = Vec::new();
    for o in &outcomes {
        let is_pending = pending_set.contains(o.rel.as_str());
        match (&o.result, is_pending) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => failures.push(format!(
                "PASSES BUT PENDING {}: the test passes now; remove it from tests/conformance/PENDING\n",
                o.rel
            )),
            (Err(_), true) => still_pending.push(o),
            (Err(detail), false) => failures.push(format!(
                "FAIL {} ({:.2} s)\n{}",
                o.rel,
                o.elapsed.as_secs_f64(),
                indent(detail)
            )),
        }
    }
    failures.extend(problems);

    let mut report = String::new();
    let _ = writeln!(
        report,
        "conformance: {total} tests: {passed} passed, {} pending, {} failed",
        still_pending.len(),
        failures.len()
    );
    if !filter.is_empty() {
        let _ = writeln!(
            report,
            "(only files matching GJS_CONFORMANCE_FILTER={filter:?})"
        );
    }
    for o in &still_pending {
        if let Err(detail) = &o.result {
            let _ = writeln!(report, "pending {}: {}", o.rel, summary(detail));
        }
    }
    for f in &failures {
        let _ = writeln!(report, "\n{}", f.trim_end());
    }
    println!("{report}");

    if !failures.is_empty() {
        panic!(
            "{} conformance failure(s) out of {total} tests (see the report above)",
            failures.len()
        );
    }
}
